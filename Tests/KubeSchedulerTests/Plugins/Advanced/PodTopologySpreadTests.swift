import KubeAPI
import KubeMachinery
import Testing
@testable import KubeScheduler

@Suite struct PodTopologySpreadTests {
    typealias A = Advanced

    /// Zones a (n1, n2), b (n3), c (n4).
    static let zonedNodes = [A.node("n1", zone: "a"), A.node("n2", zone: "a"), A.node("n3", zone: "b"), A.node("n4", zone: "c")]
    /// Two web pods in zone a, one in each of b and c, plus pods that must not count.
    static let webPods = [
        A.pod("w1", labels: ["app": "web"], node: "n1"), A.pod("w2", labels: ["app": "web"], node: "n2"),
        A.pod("w3", labels: ["app": "web"], node: "n3"), A.pod("w4", labels: ["app": "web"], node: "n4"),
        A.pod("leaving", labels: ["app": "web"], node: "n3", terminating: true),
        A.pod("elsewhere", namespace: "other", labels: ["app": "web"], node: "n3"),
    ]

    func filterAll(_ pod: PodInfo, nodes: [Node], pods: [PodInfo], args: PodTopologySpreadArgs = .init(),
                   owners: [LabelSelector] = []) -> [String: Status] {
        let infos = A.nodeInfos(nodes, pods)
        let plugin = PodTopologySpread(args: args, handle: AdvancedFakeHandle(nodes: infos, owners: owners))
        let state = CycleState()
        let (_, pre) = plugin.preFilter(state, pod, infos)
        var out: [String: Status] = [:]
        for n in infos { out[n.name] = pre.isSkip ? .success : plugin.filter(state, pod, n) }
        return out
    }

    static func webPod(_ constraints: [JSONValue], spec: [String: JSONValue] = [:]) -> PodInfo {
        var s = spec
        s["topologySpreadConstraints"] = .array(constraints)
        return A.pod("new", labels: ["app": "web"], spec: s)
    }

    @Test(arguments: [("n1", false), ("n2", false), ("n3", true), ("n4", true)])
    func maxSkewOneAcrossThreeZonesOnlyAdmitsTheLeastLoadedZones(node: String, passes: Bool) {
        let pod = Self.webPod([A.spread(A.zone, matchLabels: ["app": "web"])])
        let status = filterAll(pod, nodes: Self.zonedNodes, pods: Self.webPods)[node]!
        #expect(status.isSuccess == passes)
        if !passes {
            #expect(status.code == .unschedulable)
            #expect(status.message == "node(s) didn't match pod topology spread constraints")
        }
    }

    @Test func nodeWithoutTheTopologyKeyIsUnresolvable() {
        let pod = Self.webPod([A.spread(A.zone, matchLabels: ["app": "web"])])
        let status = filterAll(pod, nodes: Self.zonedNodes + [A.node("bare")], pods: Self.webPods)["bare"]!
        #expect(status.code == .unschedulableAndUnresolvable)
        #expect(status.message == "node(s) didn't match pod topology spread constraints (missing required label)")
    }

    @Test(arguments: [(Int64?.none, true), (2, true), (3, false)])
    func fewerDomainsThanMinDomainsMakesTheGlobalMinimumZero(minDomains: Int64?, passes: Bool) {
        let nodes = [A.node("n1", zone: "a"), A.node("n3", zone: "b")]
        let pods = [A.pod("w1", labels: ["app": "web"], node: "n1"), A.pod("w3", labels: ["app": "web"], node: "n3")]
        let extra: [String: JSONValue] = minDomains.map { ["minDomains": .int($0)] } ?? [:]
        let pod = Self.webPod([A.spread(A.zone, matchLabels: ["app": "web"], extra: extra)])
        let result = filterAll(pod, nodes: nodes, pods: pods)
        #expect(result.values.allSatisfy { $0.isSuccess == passes })
    }

    /// Zone c's only node lacks disk=ssd; the pod selects ssd nodes. Honor leaves zone c (0 pods)
    /// out of the minimum; Ignore counts it and so rejects zone a.
    @Test(arguments: [("Honor", true), ("Ignore", false)])
    func nodeAffinityPolicyDecidesWhetherNonMatchingNodesFormDomains(policy: String, n1Passes: Bool) {
        let nodes = [A.node("n1", zone: "a", labels: ["disk": "ssd"]), A.node("n3", zone: "b", labels: ["disk": "ssd"]), A.node("n4", zone: "c")]
        let pods = [A.pod("w1", labels: ["app": "web"], node: "n1"), A.pod("w3", labels: ["app": "web"], node: "n3")]
        let pod = Self.webPod([A.spread(A.zone, matchLabels: ["app": "web"], extra: ["nodeAffinityPolicy": .string(policy)])],
                              spec: ["nodeSelector": ["disk": "ssd"]])
        #expect(filterAll(pod, nodes: nodes, pods: pods)["n1"]!.isSuccess == n1Passes)
    }

    @Test(arguments: [("Honor", true), ("Ignore", false)])
    func nodeTaintsPolicyHonorLeavesUntoleratedNodesOut(policy: String, n1Passes: Bool) {
        let taint: JSONValue = ["key": "dedicated", "value": "gpu", "effect": "NoSchedule"]
        let nodes = [A.node("n1", zone: "a"), A.node("n3", zone: "b"), A.node("n4", zone: "c", taints: [taint])]
        let pods = [A.pod("w1", labels: ["app": "web"], node: "n1"), A.pod("w3", labels: ["app": "web"], node: "n3")]
        let pod = Self.webPod([A.spread(A.zone, matchLabels: ["app": "web"], extra: ["nodeTaintsPolicy": .string(policy)])])
        #expect(filterAll(pod, nodes: nodes, pods: pods)["n1"]!.isSuccess == n1Passes)
    }

    @Test func removingAPodFromTheCrowdedZoneLetsThePodIn() {
        let infos = A.nodeInfos(Self.zonedNodes, Self.webPods)
        let plugin = PodTopologySpread(handle: AdvancedFakeHandle(nodes: infos))
        let pod = Self.webPod([A.spread(A.zone, matchLabels: ["app": "web"])])
        let state = CycleState()
        _ = plugin.preFilter(state, pod, infos)
        #expect(!plugin.filter(state, pod, infos[0]).isSuccess)
        var n1 = infos[0]
        n1.removePod(Self.webPods[0])
        _ = plugin.removePod(state, podToSchedule: pod, podToRemove: Self.webPods[0], node: n1)
        #expect(plugin.filter(state, pod, n1).isSuccess)
        _ = plugin.addPod(state, podToSchedule: pod, podToAdd: Self.webPods[0], node: infos[0])
        #expect(!plugin.filter(state, pod, infos[0]).isSuccess)
    }

    func scores(_ pod: PodInfo, nodes: [Node], pods: [PodInfo], args: PodTopologySpreadArgs = .init(),
                owners: [LabelSelector] = []) -> [String: Int64]? {
        let infos = A.nodeInfos(nodes, pods)
        let plugin = PodTopologySpread(args: args, handle: AdvancedFakeHandle(nodes: infos, owners: owners))
        let state = CycleState()
        guard plugin.preScore(state, pod, infos).isSuccess else { return nil }
        var list = infos.map { NodeScore(name: $0.name, score: plugin.score(state, pod, $0).0) }
        _ = plugin.normalizeScores(state, pod, &list)
        return Dictionary(uniqueKeysWithValues: list.map { ($0.name, $0.score) })
    }

    @Test func scheduleAnywayScoresFavourZonesWithFewerMatchingPods() {
        let nodes = [A.node("n1", zone: "a"), A.node("n3", zone: "b"), A.node("n4", zone: "c")]
        let pods = [A.pod("w1", labels: ["app": "web"], node: "n1"), A.pod("w2", labels: ["app": "web"], node: "n1"),
                    A.pod("w3", labels: ["app": "web"], node: "n1"), A.pod("w4", labels: ["app": "web"], node: "n3")]
        let pod = Self.webPod([A.spread(A.zone, "ScheduleAnyway", matchLabels: ["app": "web"])])
        // Raw: round(3·ln 5) = 5, round(ln 5) = 2, 0 → 100·(5 + 0 − s)/5.
        #expect(scores(pod, nodes: nodes, pods: pods) == ["n1": 0, "n3": 60, "n4": 100])
    }

    @Test func systemDefaultConstraintsSpreadPodsOfTheSameOwners() throws {
        let nodes = [A.node("n1", zone: "a"), A.node("n2", zone: "a"), A.node("n3", zone: "b")]
        let pods = [A.pod("w1", labels: ["app": "web"], node: "n1"), A.pod("w2", labels: ["app": "web"], node: "n1"),
                    A.pod("w3", labels: ["app": "web"], node: "n3"), A.pod("x", labels: ["app": "x"], node: "n2")]
        let pod = A.pod("new", labels: ["app": "web"])
        let owner = try LabelSelector(matchLabels: ["app": "web"])
        // Hostname (maxSkew 3, weight ln 5) plus zone (maxSkew 5, weight ln 4): raw 12, 9, 9.
        #expect(scores(pod, nodes: nodes, pods: pods, owners: [owner]) == ["n1": 75, "n2": 100, "n3": 100])
        // No owners: nothing to spread against.
        #expect(scores(pod, nodes: nodes, pods: pods, owners: []) == nil)
        // System defaults are ScheduleAnyway only: filtering is skipped.
        let filtered = filterAll(pod, nodes: nodes, pods: pods, owners: [owner])
        #expect(filtered.values.allSatisfy { $0.isSuccess })
    }

    @Test func listDefaultingAppliesConfiguredHardConstraintsWithTheOwnersSelector() throws {
        let args = try PodTopologySpreadArgs(json: ["defaultingType": "List", "defaultConstraints": [
            ["maxSkew": 1, "topologyKey": .string(A.zone), "whenUnsatisfiable": "DoNotSchedule"],
        ]])
        let pod = A.pod("new", labels: ["app": "web"])
        let owner = try LabelSelector(matchLabels: ["app": "web"])
        let result = filterAll(pod, nodes: Self.zonedNodes, pods: Self.webPods, args: args, owners: [owner])
        #expect(result.filter { !$0.value.isSuccess }.keys.sorted() == ["n1", "n2"])
    }

    static let argCases: [(JSONValue, Bool)] = [
        (.object(["defaultingType": "System", "defaultConstraints": [["maxSkew": 1, "topologyKey": "zone", "whenUnsatisfiable": "DoNotSchedule"]]]), false),
        (["defaultingType": "List", "defaultConstraints": [["maxSkew": 0, "topologyKey": "zone", "whenUnsatisfiable": "DoNotSchedule"]]], false),
        (["defaultingType": "List", "defaultConstraints": [["maxSkew": 1, "topologyKey": "zone", "whenUnsatisfiable": "DoNotSchedule",
                                                             "labelSelector": ["matchLabels": ["a": "b"]]]]], false),
        (["defaultingType": "Sometimes"], false),
        (["defaultingType": "List"], true),
        (JSONValue.null, true),
    ]

    @Test(arguments: PodTopologySpreadTests.argCases)
    func argsAreValidatedLikeUpstream(json: JSONValue, valid: Bool) {
        #expect(((try? PodTopologySpreadArgs(json: json)) != nil) == valid)
    }
}
