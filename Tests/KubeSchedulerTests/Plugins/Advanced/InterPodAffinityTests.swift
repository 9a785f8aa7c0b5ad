import KubeAPI
import KubeMachinery
import Testing
@testable import KubeScheduler

@Suite struct InterPodAffinityTests {
    typealias A = Advanced

    /// Runs PreFilter then Filter on every node; nodes map to (code, message).
    func filterAll(_ pod: PodInfo, nodes: [Node], pods: [PodInfo], namespaces: [String: [String: String]] = [:]) -> [String: (Status.Code, String)] {
        let infos = A.nodeInfos(nodes, pods)
        let handle = AdvancedFakeHandle(nodes: infos, namespaces: namespaces)
        let plugin = InterPodAffinity(handle: handle)
        let state = CycleState()
        let (_, pre) = plugin.preFilter(state, pod, infos)
        var out: [String: (Status.Code, String)] = [:]
        for n in infos {
            let s = pre.isSkip ? Status.success : plugin.filter(state, pod, n)
            out[n.name] = (s.code, s.message)
        }
        return out
    }

    static let threeHosts = [A.node("n1", zone: "a"), A.node("n2", zone: "a"), A.node("n3", zone: "b")]

    @Test(arguments: [("n1", Status.Code.unschedulable), ("n2", .success), ("n3", .success)])
    func requiredAntiAffinityOnHostnameSpreadsReplicasOneNodeEach(node: String, expected: Status.Code) {
        let existing = A.pod("web-0", labels: ["app": "web"], node: "n1")
        let incoming = A.pod("web-1", labels: ["app": "web"], spec: A.affinity(requiredAnti: [A.term(["app": "web"], A.hostname)]))
        let result = filterAll(incoming, nodes: Self.threeHosts, pods: [existing])
        #expect(result[node]?.0 == expected)
        if expected != .success { #expect(result[node]?.1 == "node(s) didn't match pod anti-affinity rules") }
    }

    @Test(arguments: [("n1", Status.Code.unschedulableAndUnresolvable), ("n2", .unschedulableAndUnresolvable), ("n3", .success)])
    func requiredZoneAffinityFollowsTheLabelledPodsZone(node: String, expected: Status.Code) {
        let db = A.pod("db", labels: ["app": "db"], node: "n3")
        let incoming = A.pod("api", labels: ["app": "api"], spec: A.affinity(required: [A.term(["app": "db"], A.zone)]))
        let result = filterAll(incoming, nodes: Self.threeHosts, pods: [db])
        #expect(result[node]?.0 == expected)
        if expected != .success { #expect(result[node]?.1 == "node(s) didn't match pod affinity rules") }
    }

    @Test func firstPodOfSelfAffineGroupMayGoToAnyNodeWithTheTopologyKey() {
        let nodes = Self.threeHosts + [A.node("nozone")]
        let incoming = A.pod("cache-0", labels: ["app": "cache"], spec: A.affinity(required: [A.term(["app": "cache"], A.zone)]))
        let result = filterAll(incoming, nodes: nodes, pods: [A.pod("other", labels: ["app": "x"], node: "n1")])
        #expect(result["n1"]?.0 == .success)
        #expect(result["n3"]?.0 == .success)
        #expect(result["nozone"]?.0 == .unschedulableAndUnresolvable)
    }

    @Test func podNotMatchingItsOwnAffinityIsNotTreatedAsTheFirstOfItsGroup() {
        let incoming = A.pod("api", labels: ["app": "api"], spec: A.affinity(required: [A.term(["app": "db"], A.zone)]))
        let result = filterAll(incoming, nodes: Self.threeHosts, pods: [])
        #expect(result.values.allSatisfy { $0.0 == .unschedulableAndUnresolvable })
    }

    @Test(arguments: [("n1", false), ("n2", false), ("n3", true)])
    func existingPodsZoneAntiAffinityKeepsMatchingPodsOutOfItsZone(node: String, passes: Bool) {
        let guardPod = A.pod("loner", labels: ["app": "loner"], node: "n1",
                             spec: A.affinity(requiredAnti: [A.term(["app": "web"], A.zone)]))
        let incoming = A.pod("web", labels: ["app": "web"])
        let result = filterAll(incoming, nodes: Self.threeHosts, pods: [guardPod])
        #expect((result[node]?.0 == .success) == passes)
        if !passes {
            #expect(result[node]?.0 == .unschedulable)
            #expect(result[node]?.1 == "node(s) didn't satisfy existing pods anti-affinity rules")
        }
    }

    @Test func affinityTermWithNamespaceSelectorMatchesPodsInSelectedNamespaces() {
        let db = A.pod("db", namespace: "data", labels: ["app": "db"], node: "n3")
        let incoming = A.pod("api", labels: ["app": "api"],
                             spec: A.affinity(required: [A.term(["app": "db"], A.zone, namespaceSelector: ["team": "data"])]))
        let selected = filterAll(incoming, nodes: Self.threeHosts, pods: [db], namespaces: ["data": ["team": "data"]])
        #expect(selected["n3"]?.0 == .success)
        #expect(selected["n1"]?.0 == .unschedulableAndUnresolvable)
        let notSelected = filterAll(incoming, nodes: Self.threeHosts, pods: [db], namespaces: ["data": ["team": "other"]])
        #expect(notSelected["n3"]?.0 == .unschedulableAndUnresolvable)
    }

    @Test func preFilterSkipsPodsWithoutRequiredTermsWhenNoExistingAntiAffinity() {
        let infos = A.nodeInfos(Self.threeHosts, [A.pod("x", labels: ["app": "x"], node: "n1")])
        let plugin = InterPodAffinity(handle: AdvancedFakeHandle(nodes: infos))
        #expect(plugin.preFilter(CycleState(), A.pod("plain"), infos).1.isSkip)
    }

    @Test func removingAndAddingTheBlockingPodUpdatesTheFilterVerdict() {
        let existing = A.pod("web-0", labels: ["app": "web"], node: "n1")
        let infos = A.nodeInfos(Self.threeHosts, [existing])
        let plugin = InterPodAffinity(handle: AdvancedFakeHandle(nodes: infos))
        let incoming = A.pod("web-1", labels: ["app": "web"], spec: A.affinity(requiredAnti: [A.term(["app": "web"], A.hostname)]))
        let state = CycleState()
        _ = plugin.preFilter(state, incoming, infos)
        #expect(plugin.filter(state, incoming, infos[0]).code == .unschedulable)

        let simulated = state.clone()
        var emptied = infos[0]
        emptied.removePod(existing)
        #expect(plugin.removePod(simulated, podToSchedule: incoming, podToRemove: existing, node: emptied).isSuccess)
        #expect(plugin.filter(simulated, incoming, emptied).isSuccess)
        // The real cycle's state is untouched by the simulation.
        #expect(plugin.filter(state, incoming, infos[0]).code == .unschedulable)

        #expect(plugin.addPod(simulated, podToSchedule: incoming, podToAdd: existing, node: infos[0]).isSuccess)
        #expect(plugin.filter(simulated, incoming, infos[0]).code == .unschedulable)
    }

    /// Scores after PreScore, Score and NormalizeScore over the given nodes.
    func scores(_ pod: PodInfo, nodes: [Node], pods: [PodInfo], args: InterPodAffinityArgs = .init()) -> [String: Int64]? {
        let infos = A.nodeInfos(nodes, pods)
        let plugin = InterPodAffinity(args: args, handle: AdvancedFakeHandle(nodes: infos))
        let state = CycleState()
        guard plugin.preScore(state, pod, infos).isSuccess else { return nil }
        var list = infos.map { NodeScore(name: $0.name, score: plugin.score(state, pod, $0).0) }
        _ = plugin.normalizeScores(state, pod, &list)
        return Dictionary(uniqueKeysWithValues: list.map { ($0.name, $0.score) })
    }

    @Test func preferredAffinityAndAntiAffinityWeightsAreNormalizedMinMax() {
        let pods = [A.pod("cache", labels: ["app": "cache"], node: "n1"), A.pod("noisy", labels: ["app": "noisy"], node: "n2")]
        let incoming = A.pod("api", spec: A.affinity(preferred: [A.weighted(80, A.term(["app": "cache"], A.zone))],
                                                     preferredAnti: [A.weighted(20, A.term(["app": "noisy"], A.hostname))]))
        // Raw: n1 = 80 (zone a has the cache), n2 = 80 − 20, n3 = 0.
        #expect(scores(incoming, nodes: Self.threeHosts, pods: pods) == ["n1": 100, "n2": 75, "n3": 0])
    }

    @Test func existingPodsPreferredAntiAffinityLowersScoresOfItsDomain() {
        let pods = [A.pod("shy", node: "n3", spec: A.affinity(preferredAnti: [A.weighted(50, A.term(["app": "web"], A.zone))]))]
        let incoming = A.pod("web", labels: ["app": "web"])
        #expect(scores(incoming, nodes: Self.threeHosts, pods: pods) == ["n1": 100, "n2": 100, "n3": 0])
    }

    @Test(arguments: [(Int32(1), true), (0, false)])
    func existingPodsRequiredAffinityScoresWithHardPodAffinityWeight(weight: Int32, scored: Bool) {
        let pods = [A.pod("follower", node: "n2", spec: A.affinity(required: [A.term(["app": "web"], A.hostname)]))]
        let incoming = A.pod("web", labels: ["app": "web"])
        let result = scores(incoming, nodes: Self.threeHosts, pods: pods, args: InterPodAffinityArgs(hardPodAffinityWeight: weight))
        #expect(result == (scored ? ["n1": 0, "n2": 100, "n3": 0] : nil))
    }

    static let argCases: [(JSONValue, Bool)] = [
        (.object(["hardPodAffinityWeight": 101]), false),
        (["hardPodAffinityWeight": -1], false),
        (["hardPodAffinityWeight": 100, "ignorePreferredTermsOfExistingPods": true], true),
        (JSONValue.null, true),
    ]

    @Test(arguments: InterPodAffinityTests.argCases)
    func argsAreValidatedLikeUpstream(json: JSONValue, valid: Bool) {
        #expect(((try? InterPodAffinityArgs(json: json)) != nil) == valid)
    }
}
