import KubeAPI
import KubeMachinery
import Testing
@testable import KubeScheduler

@Suite struct DefaultPreemptionTests {
    typealias A = Advanced

    struct Outcome {
        var result: PostFilterResult?
        var status: Status
        var calls: [AdvancedRecordingTransport.Call]
        var deleted: [String] { calls.filter { $0.method == "DELETE" }.map { $0.path.components(separatedBy: "/").last! }.sorted() }
    }

    /// Runs PreFilter and Filter for `pod` like a scheduling cycle, then DefaultPreemption.
    func preempt(_ pod: PodInfo, nodes: [Node], pods: [PodInfo], pdbs: [PodDisruptionBudget] = [],
                 nominated: [String: [PodInfo]] = [:], withAffinity: Bool = false,
                 statuses: NodeToStatus? = nil) async -> Outcome {
        let handle = AdvancedFakeHandle(nodes: A.nodeInfos(nodes, pods), pdbs: pdbs, nominated: nominated)
        if withAffinity { handle.use([InterPodAffinity(handle: handle)]) }
        let plugin = DefaultPreemption(handle: handle, startOffset: { _ in 0 })
        let state = CycleState()
        _ = handle.runPreFilter(state, pod)
        let filtered = statuses ?? handle.filterAll(state, pod)
        let (result, status) = await plugin.postFilter(state, pod, filtered)
        return Outcome(result: result, status: status, calls: handle.transport.recorded)
    }

    static func pdb(_ matchLabels: [String: String], allowed: Int64) -> PodDisruptionBudget {
        PodDisruptionBudget(json: ["metadata": ["name": "pdb", "namespace": "default"],
                                   "spec": ["selector": ["matchLabels": .stringMap(matchLabels)]],
                                   "status": ["disruptionsAllowed": .int(allowed)]])
    }

    static let twoSmallNodes = [A.node("n1", cpu: "2"), A.node("n2", cpu: "2")]
    static let urgent = A.pod("urgent", priority: 10, cpu: "1")

    @Test func picksTheNodeWhoseVictimsHaveTheLowestPriority() async {
        let pods = [A.pod("p5", node: "n1", priority: 5, cpu: "2"), A.pod("p1", node: "n2", priority: 1, cpu: "2")]
        let out = await preempt(Self.urgent, nodes: Self.twoSmallNodes, pods: pods)
        #expect(out.status.isSuccess)
        #expect(out.result == PostFilterResult(nominatedNodeName: "n2"))
        #expect(out.deleted == ["p1"])
        // The victim is marked as disrupted by preemption before it is deleted.
        let patch = out.calls.first { $0.method == "PATCH" }
        #expect(patch?.path.hasSuffix("/pods/p1/status") == true)
        #expect(patch?.body.contains("PreemptionByScheduler") == true)
    }

    @Test(arguments: [(Int64(0), "n2"), (1, "n1")])
    func avoidsVictimsWhoseEvictionWouldViolateAPodDisruptionBudget(allowed: Int64, expected: String) async {
        let pods = [A.pod("db", labels: ["app": "db"], node: "n1", priority: 1, cpu: "2"), A.pod("p5", node: "n2", priority: 5, cpu: "2")]
        let out = await preempt(Self.urgent, nodes: Self.twoSmallNodes, pods: pods, pdbs: [Self.pdb(["app": "db"], allowed: allowed)])
        #expect(out.result?.nominatedNodeName == expected)
    }

    @Test func reprievesVictimsWhoseEvictionIsNotNeeded() async {
        let pods = [A.pod("a", node: "n1", priority: 1, cpu: "1"), A.pod("b", node: "n1", priority: 2, cpu: "1"),
                    A.pod("c", node: "n1", priority: 3, cpu: "2")]
        let out = await preempt(Self.urgent, nodes: [A.node("n1", cpu: "4")], pods: pods)
        #expect(out.result?.nominatedNodeName == "n1")
        #expect(out.deleted == ["a"])
    }

    @Test func refusesWhenPreemptionPolicyIsNever() async {
        let pod = A.pod("polite", priority: 10, cpu: "1", spec: ["preemptionPolicy": "Never"])
        let out = await preempt(pod, nodes: Self.twoSmallNodes, pods: [A.pod("p1", node: "n1", priority: 1, cpu: "2")])
        #expect(out.result == nil)
        #expect(out.status.code == .unschedulable)
        #expect(out.status.message == "not eligible due to preemptionPolicy=Never.")
        #expect(out.calls.isEmpty)
    }

    @Test func waitsWhileAnEarlierVictimIsStillTerminatingOnTheNominatedNode() async {
        let victim = A.pod("going", node: "n1", priority: 1, cpu: "2",
                           status: ["conditions": [["type": "DisruptionTarget", "status": "True", "reason": "PreemptionByScheduler"]]],
                           terminating: true)
        let pod = A.pod("urgent", priority: 10, cpu: "1", status: ["nominatedNodeName": "n1"])
        let out = await preempt(pod, nodes: Self.twoSmallNodes, pods: [victim])
        #expect(out.status.message == "not eligible due to a terminating pod on the nominated node.")
        #expect(out.calls.isEmpty)
    }

    @Test func reportsNoVictimsWhenEveryPodHasHigherPriority() async {
        let pods = [A.pod("big1", node: "n1", priority: 20, cpu: "2"), A.pod("big2", node: "n2", priority: 20, cpu: "2")]
        let out = await preempt(Self.urgent, nodes: Self.twoSmallNodes, pods: pods)
        #expect(out.status.code == .unschedulable)
        #expect(out.status.message == "0/2 nodes are available: 2 No preemption victims found for incoming pod.")
        #expect(out.result == PostFilterResult(nominatedNodeName: ""))
        #expect(out.deleted.isEmpty)
    }

    @Test func onlyNodesRejectedAsUnschedulableAreCandidates() async {
        let pods = [A.pod("p1", node: "n1", priority: 1, cpu: "2"), A.pod("big", node: "n2", priority: 20, cpu: "2")]
        let allUnresolvable = NodeToStatus(statuses: ["n1": .unresolvable("node(s) didn't match Pod's node affinity/selector"),
                                                      "n2": .unresolvable("node(s) didn't match Pod's node affinity/selector")])
        let none = await preempt(Self.urgent, nodes: Self.twoSmallNodes, pods: pods, statuses: allUnresolvable)
        #expect(none.status.message == "0/2 nodes are available: 2 Preemption is not helpful for scheduling.")
        #expect(none.calls.isEmpty)

        let mixed = NodeToStatus(statuses: ["n1": .unresolvable("node(s) didn't match Pod's node affinity/selector"),
                                            "n2": .unschedulable("Insufficient cpu")])
        let one = await preempt(Self.urgent, nodes: Self.twoSmallNodes, pods: pods, statuses: mixed)
        #expect(one.status.message == "0/2 nodes are available: 1 No preemption victims found for incoming pod, 1 Preemption is not helpful for scheduling.")
    }

    @Test func evictsALowerPriorityPodThatBlocksAntiAffinity() async {
        let web = A.pod("web-old", labels: ["app": "web"], node: "n1", priority: 0)
        let pod = A.pod("web-new", labels: ["app": "web"], priority: 10,
                        spec: A.affinity(requiredAnti: [A.term(["app": "web"], A.hostname)]))
        let out = await preempt(pod, nodes: [A.node("n1")], pods: [web], withAffinity: true)
        #expect(out.result?.nominatedNodeName == "n1")
        #expect(out.deleted == ["web-old"])
    }

    @Test func clearsNominationsOfLowerPriorityPodsToTheChosenNode() async {
        let waiting = A.pod("waiting", priority: 3, status: ["nominatedNodeName": "n2"])
        let senior = A.pod("senior", priority: 50, status: ["nominatedNodeName": "n2"])
        let pods = [A.pod("p5", node: "n1", priority: 5, cpu: "2"), A.pod("p1", node: "n2", priority: 1, cpu: "2")]
        let out = await preempt(Self.urgent, nodes: Self.twoSmallNodes, pods: pods, nominated: ["n2": [waiting, senior]])
        let cleared = out.calls.filter { $0.method == "PATCH" && $0.body.contains("nominatedNodeName") }.map(\.path)
        #expect(cleared.count == 1)
        #expect(cleared.first?.hasSuffix("/pods/waiting/status") == true)
    }

    // MARK: Candidate order

    static func victim(_ priority: Int32, started: String) -> PodInfo {
        A.pod("v\(priority)-\(started)", priority: Int64(priority), status: ["startTime": .string(started)])
    }

    static func candidate(_ name: String, _ victims: [PodInfo], violations: Int = 0, order: Int) -> DefaultPreemption.Candidate {
        .init(nodeName: name, victims: victims.sorted(by: DefaultPreemption.moreImportant), pdbViolations: violations, order: order)
    }

    static let t0 = "2026-01-01T00:00:00Z", t1 = "2026-01-02T00:00:00Z"

    @Test(arguments: [
        // Fewer PDB violations beats lower priority.
        ([candidate("x", [victim(1, started: t0)], violations: 1, order: 0), candidate("y", [victim(5, started: t0)], order: 1)], "y"),
        // Lowest most-important victim.
        ([candidate("x", [victim(4, started: t0)], order: 0), candidate("y", [victim(2, started: t0), victim(2, started: t1)], order: 1)], "y"),
        // Same top priority: smaller sum.
        ([candidate("x", [victim(3, started: t0), victim(2, started: t0)], order: 0), candidate("y", [victim(3, started: t0), victim(1, started: t0)], order: 1)], "y"),
        // Same sum: fewer victims (with the shifted sum, fewer victims means a smaller sum already).
        ([candidate("x", [victim(0, started: t0), victim(0, started: t1)], order: 0), candidate("y", [victim(0, started: t0)], order: 1)], "y"),
        // Otherwise equal: the most important victims started latest.
        ([candidate("x", [victim(2, started: t0)], order: 0), candidate("y", [victim(2, started: t1)], order: 1)], "y"),
        // Complete tie: the first visited.
        ([candidate("x", [victim(2, started: t0)], order: 0), candidate("y", [victim(2, started: t0)], order: 1)], "x"),
    ])
    func candidatesAreRankedInUpstreamOrder(candidates: [DefaultPreemption.Candidate], expected: String) {
        #expect(DefaultPreemption.selectCandidate(candidates)?.nodeName == expected)
    }

    @Test(arguments: [(0, 0), (50, 50), (1000, 100), (3000, 300)])
    func candidateCountIsTenPercentButAtLeastOneHundred(nodes: Int, expected: Int) {
        #expect(DefaultPreemptionArgs().numCandidates(nodes) == expected)
    }

    @Test func argsRejectZeroPercentageAndZeroAbsoluteTogether() {
        #expect(throws: (any Error).self) { try DefaultPreemptionArgs(json: ["minCandidateNodesPercentage": 0, "minCandidateNodesAbsolute": 0]) }
        #expect(throws: (any Error).self) { try DefaultPreemptionArgs(json: ["minCandidateNodesPercentage": 101]) }
        #expect((try? DefaultPreemptionArgs(json: ["minCandidateNodesAbsolute": 5]))?.minCandidateNodesAbsolute == 5)
    }

    @Test func registryOffersTheThreeAdvancedPluginsByUpstreamName() throws {
        let handle = AdvancedFakeHandle(nodes: [])
        let names = InTreeRegistry.advanced.keys.sorted()
        #expect(names == ["DefaultPreemption", "InterPodAffinity", "PodTopologySpread"])
        let plugin = try InTreeRegistry.advanced["InterPodAffinity"]!(["hardPodAffinityWeight": 5], handle)
        #expect((plugin as? InterPodAffinity)?.args.hardPodAffinityWeight == 5)
        #expect(throws: (any Error).self) { try InTreeRegistry.advanced["PodTopologySpread"]!(["defaultingType": "Bogus"], handle) }
    }
}
