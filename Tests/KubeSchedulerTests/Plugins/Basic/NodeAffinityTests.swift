import KubeMachinery
import Testing
@testable import KubeScheduler

@Suite struct NodeAffinityTests {
    typealias F = BasicFixtures

    static func required(_ terms: JSONValue...) -> [String: JSONValue] {
        ["affinity": ["nodeAffinity": ["requiredDuringSchedulingIgnoredDuringExecution": ["nodeSelectorTerms": .array(terms)]]]]
    }

    static func expr(_ key: String, _ op: String, _ values: String...) -> JSONValue {
        ["key": .string(key), "operator": .string(op), "values": .array(values.map(JSONValue.string))]
    }

    static func filter(_ pod: PodInfo, _ node: NodeInfo) -> Status { filter(NodeAffinity(), pod, node) }

    static func filter(_ plugin: NodeAffinity, _ pod: PodInfo, _ node: NodeInfo) -> Status {
        let state = CycleState()
        _ = plugin.preFilter(state, pod, [node])
        return plugin.filter(state, pod, node)
    }

    @Test(arguments: [
        (expr("zone", "In", "a", "b"), ["zone": "b"], true),
        (expr("zone", "In", "a"), [:], false),
        (expr("zone", "NotIn", "a"), ["zone": "b"], true),
        (expr("zone", "NotIn", "a"), [:], true),
        (expr("zone", "NotIn", "a"), ["zone": "a"], false),
        (expr("gpu", "Exists"), ["gpu": ""], true),
        (expr("gpu", "Exists"), [:], false),
        (expr("gpu", "DoesNotExist"), [:], true),
        (expr("gpu", "DoesNotExist"), ["gpu": "x"], false),
        (expr("cores", "Gt", "4"), ["cores": "8"], true),
        (expr("cores", "Gt", "4"), ["cores": "4"], false),
        (expr("cores", "Gt", "4"), ["cores": "many"], false),
        (expr("cores", "Lt", "4"), ["cores": "2"], true),
        (expr("cores", "Lt", "4"), ["cores": "-1"], true),
        (expr("cores", "Lt", "4"), [:], false),
    ] as [(JSONValue, [String: String], Bool)])
    func requiredAffinityOperators(requirement: JSONValue, labels: [String: String], fits: Bool) {
        let pod = F.pod(spec: Self.required(["matchExpressions": [requirement]]))
        let status = Self.filter(pod, F.node(labels: labels))
        #expect(status.isSuccess == fits)
        if !fits { #expect(status == .unresolvable("node(s) didn't match Pod's node affinity/selector")) }
    }

    @Test(arguments: [("n1", true), ("n2", false)])
    func matchFieldsOnMetadataName(node: String, fits: Bool) {
        let pod = F.pod(spec: Self.required(["matchFields": [Self.expr("metadata.name", "In", "n1")]]))
        #expect(Self.filter(pod, F.node(node)).isSuccess == fits)
    }

    @Test func termsAreOredAndRequirementsWithinATermAnded() {
        let pod = F.pod(spec: Self.required(
            ["matchExpressions": [Self.expr("zone", "In", "a"), Self.expr("disk", "In", "ssd")]],
            ["matchExpressions": [Self.expr("zone", "In", "b")]]))
        #expect(Self.filter(pod, F.node(labels: ["zone": "a", "disk": "ssd"])).isSuccess)
        #expect(!Self.filter(pod, F.node(labels: ["zone": "a"])).isSuccess)
        #expect(Self.filter(pod, F.node(labels: ["zone": "b"])).isSuccess)
    }

    @Test func nodeSelectorAndAffinityMustBothMatch() {
        var spec = Self.required(["matchExpressions": [Self.expr("zone", "In", "a")]])
        spec["nodeSelector"] = ["disk": "ssd"]
        let pod = F.pod(spec: spec)
        #expect(Self.filter(pod, F.node(labels: ["zone": "a", "disk": "ssd"])).isSuccess)
        #expect(Self.filter(pod, F.node(labels: ["zone": "a"])) == .unresolvable(NodeAffinity.errReasonPod))
        #expect(Self.filter(pod, F.node(labels: ["disk": "ssd"])) == .unresolvable(NodeAffinity.errReasonPod))
    }

    @Test func podWithoutConstraintsSkipsTheFilter() {
        #expect(NodeAffinity().preFilter(CycleState(), F.pod(), []).1.isSkip)
    }

    @Test func preFilterNarrowsToNodesNamedInEveryTerm() {
        let pinned = F.pod(spec: Self.required(
            ["matchFields": [Self.expr("metadata.name", "In", "n1", "n2")]],
            ["matchFields": [Self.expr("metadata.name", "In", "n3")]]))
        let (result, status) = NodeAffinity().preFilter(CycleState(), pinned, [])
        #expect(status.isSuccess)
        #expect(result?.nodeNames == ["n1", "n2", "n3"])

        // One term without a name pin allows any node.
        let open = F.pod(spec: Self.required(
            ["matchFields": [Self.expr("metadata.name", "In", "n1")]],
            ["matchExpressions": [Self.expr("zone", "In", "a")]]))
        #expect(NodeAffinity().preFilter(CycleState(), open, []).0 == nil)

        // Pins that contradict each other within a term match no node at all.
        let conflicting = F.pod(spec: Self.required(
            ["matchFields": [Self.expr("metadata.name", "In", "n1"), Self.expr("metadata.name", "In", "n2")]]))
        #expect(NodeAffinity().preFilter(CycleState(), conflicting, []).1 == .unresolvable("pod affinity terms conflict"))
    }

    @Test func addedAffinityFromArgsIsEnforcedOnEveryPod() throws {
        let plugin = try NodeAffinity(json: ["addedAffinity": ["requiredDuringSchedulingIgnoredDuringExecution": [
            "nodeSelectorTerms": [["matchExpressions": [Self.expr("pool", "In", "batch")]]]]]])
        #expect(Self.filter(plugin, F.pod(), F.node(labels: ["pool": "batch"])).isSuccess)
        #expect(Self.filter(plugin, F.pod(), F.node()) == .unresolvable("node(s) didn't match scheduler-enforced node affinity"))
    }

    @Test func preferredTermsScoreTheirWeightsNormalizedByTheBest() {
        let pod = F.pod(spec: ["affinity": ["nodeAffinity": ["preferredDuringSchedulingIgnoredDuringExecution": [
            ["weight": 2, "preference": ["matchExpressions": [Self.expr("zone", "In", "a")]]],
            ["weight": 5, "preference": ["matchExpressions": [Self.expr("disk", "In", "ssd")]]],
        ]]]])
        let nodes = [F.node("a", labels: ["zone": "a"]), F.node("b", labels: ["zone": "a", "disk": "ssd"]), F.node("c")]
        #expect(F.scores(NodeAffinity(), pod, nodes) == [28, 100, 0])  // 2×100/7, 7, 0
    }

    @Test func addedPreferredTermsAddToThePodsOwn() throws {
        let plugin = try NodeAffinity(json: ["addedAffinity": ["preferredDuringSchedulingIgnoredDuringExecution": [
            ["weight": 3, "preference": ["matchExpressions": [Self.expr("zone", "In", "b")]]]]]])
        let nodes = [F.node("a", labels: ["zone": "a"]), F.node("b", labels: ["zone": "b"])]
        let state = CycleState()
        #expect(plugin.preScore(state, F.pod(), nodes).isSuccess)
        #expect(nodes.map { plugin.score(state, F.pod(), $0).0 } == [0, 3])
    }

    @Test func podWithoutPreferencesSkipsScoring() {
        #expect(NodeAffinity().preScore(CycleState(), F.pod(), [F.node()]).isSkip)
    }

    @Test(arguments: [
        ["addedAffinity": "x"] as JSONValue,
        ["addedAffinity": ["requiredDuringSchedulingIgnoredDuringExecution": ["nodeSelectorTerms": []]]],
        ["addedAffinity": ["requiredDuringSchedulingIgnoredDuringExecution": ["nodeSelectorTerms": [
            ["matchExpressions": [["key": "zone", "operator": "Near", "values": ["a"]]]]]]]],
        ["addedAffinity": ["requiredDuringSchedulingIgnoredDuringExecution": ["nodeSelectorTerms": [
            ["matchExpressions": [["key": "cores", "operator": "Gt", "values": ["four"]]]]]]]],
        ["addedAffinity": ["requiredDuringSchedulingIgnoredDuringExecution": ["nodeSelectorTerms": [
            ["matchFields": [["key": "metadata.labels", "operator": "In", "values": ["a"]]]]]]]],
        ["addedAffinity": ["preferredDuringSchedulingIgnoredDuringExecution": [["weight": 0, "preference": [:]]]]],
    ])
    func badArgsAreRejected(_ args: JSONValue) {
        #expect(throws: PluginArgsError.self) { try NodeAffinity(json: args) }
    }
}
