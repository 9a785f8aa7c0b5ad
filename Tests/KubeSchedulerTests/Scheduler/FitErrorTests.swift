import Testing
@testable import KubeScheduler

@Suite struct FitErrorTests {
    @Test func reasonsAreCountedSortedAndJoined() {
        var statuses: [String: Status] = [:]
        statuses["n1"] = .unschedulable("Insufficient cpu")
        statuses["n2"] = Status(.unschedulable, ["Insufficient cpu", "Insufficient memory"])
        statuses["n3"] = .unresolvable("node(s) didn't match Pod's node affinity/selector")
        let e = FitError(numAllNodes: 3, diagnosis: Diagnosis(nodeToStatus: NodeToStatus(statuses: statuses)))
        #expect(e.message == "0/3 nodes are available: 1 Insufficient memory, 1 node(s) didn't match Pod's node affinity/selector, 2 Insufficient cpu.")
    }

    @Test func nodesNeverEvaluatedShareTheAbsentStatus() {
        let d = Diagnosis(nodeToStatus: NodeToStatus(statuses: ["a": .unschedulable("Too many pods")],
                                                     absent: .unresolvable("node(s) didn't satisfy plugin(s) [NodeAffinity]")))
        #expect(FitError(numAllNodes: 4, diagnosis: d).message
                == "0/4 nodes are available: 1 Too many pods, 3 node(s) didn't satisfy plugin(s) [NodeAffinity].")
    }

    @Test func aPreFilterRejectionReplacesTheHistogram() {
        let d = Diagnosis(nodeToStatus: NodeToStatus(absent: .unresolvable("x")), preFilterMessage: "node(s) didn't match pod topology spread constraints")
        #expect(FitError(numAllNodes: 5, diagnosis: d).message == "0/5 nodes are available: node(s) didn't match pod topology spread constraints.")
    }

    @Test(arguments: [
        ("0/2 nodes are available: 2 No preemption victims found for incoming pod.", " preemption: 0/2 nodes are available: 2 No preemption victims found for incoming pod."),
        ("preemption: 0/2 nodes are available: 2 Preemption is not helpful for scheduling.", " preemption: 0/2 nodes are available: 2 Preemption is not helpful for scheduling."),
    ])
    func thePostFilterMessageFollowsAfterPreemption(post: String, suffix: String) {
        let d = Diagnosis(nodeToStatus: NodeToStatus(statuses: ["a": .unschedulable("Insufficient cpu"), "b": .unschedulable("Insufficient cpu")]),
                          postFilterMessage: post)
        #expect(FitError(numAllNodes: 2, diagnosis: d).message == "0/2 nodes are available: 2 Insufficient cpu." + suffix)
    }

    @Test(arguments: [
        (Int32?.none, 50, 50), (nil, 100, 100), (nil, 1000, 420), (nil, 5000, 500), (nil, 10000, 500),
        (30, 1000, 300), (5, 1000, 100), (100, 5000, 5000), (0, 200, 200 * 49 / 100 < 100 ? 100 : 200 * 49 / 100),
    ])
    func feasibleNodesToFindFollowUpstreamsAdaptivePercentage(pct: Int32?, nodes: Int, expected: Int) {
        #expect(Scheduler.numFeasibleNodesToFind(percentageOfNodesToScore: pct, numAllNodes: nodes) == expected)
    }

    @Test func selectHostPicksTheBestAndSpreadsTies() {
        var rng = SystemRandomNumberGenerator()
        let scores = [NodeScore(name: "a", score: 10), NodeScore(name: "b", score: 30), NodeScore(name: "c", score: 30)]
        var picked = Set<String>()
        for _ in 0..<200 { picked.insert(Scheduler.selectHost(scores, using: &rng) ?? "") }
        #expect(picked == ["b", "c"])
        #expect(Scheduler.selectHost([], using: &rng) == nil)
    }
}
