import Testing
@testable import KubeScheduler

@Suite struct SchedulerCacheTests {
    @Test func assumedPodCountsOnItsNodeUntilForgotten() throws {
        let cache = SchedulerCache()
        cache.addNode(CoreFixtures.node("n1"))
        let pod = CoreFixtures.pod("p", cpu: "500m", nodeName: "n1")
        try cache.assumePod(pod)
        #expect(cache.isAssumedPod(pod))
        #expect(cache.nodeInfo(named: "n1")?.requested.milliCPU == 500)
        #expect(throws: SchedulerCacheError.self) { try cache.assumePod(pod) }
        cache.forgetPod(pod)
        #expect(!cache.isAssumedPod(pod))
        #expect(cache.nodeInfo(named: "n1")?.requested.milliCPU == 0)
    }

    @Test func informerAddConfirmsTheAssumedPodWithoutCountingItTwice() throws {
        let cache = SchedulerCache()
        cache.addNode(CoreFixtures.node("n1"))
        cache.addNode(CoreFixtures.node("n2"))
        try cache.assumePod(CoreFixtures.pod("p", cpu: "1", nodeName: "n1"))
        cache.addPod(CoreFixtures.pod("p", cpu: "1", nodeName: "n1"))
        #expect(cache.assumedPodCount == 0)
        #expect(cache.nodeInfo(named: "n1")?.pods.count == 1)
        #expect(cache.nodeInfo(named: "n1")?.requested.milliCPU == 1000)
        // Forgetting a confirmed pod does nothing.
        cache.forgetPod(CoreFixtures.pod("p", nodeName: "n1"))
        #expect(cache.nodeInfo(named: "n1")?.pods.count == 1)
    }

    @Test func confirmationOnAnotherNodeMovesThePod() throws {
        let cache = SchedulerCache()
        cache.addNode(CoreFixtures.node("n1"))
        cache.addNode(CoreFixtures.node("n2"))
        try cache.assumePod(CoreFixtures.pod("p", nodeName: "n1"))
        cache.addPod(CoreFixtures.pod("p", nodeName: "n2"))
        #expect(cache.nodeInfo(named: "n1")?.pods.isEmpty == true)
        #expect(cache.nodeInfo(named: "n2")?.pods.count == 1)
    }

    @Test func snapshotCopiesOnlyNodesThatChanged() throws {
        let cache = SchedulerCache()
        let snap = Snapshot()
        for n in ["a", "b", "c"] { cache.addNode(CoreFixtures.node(n)) }
        #expect(cache.updateSnapshot(snap) == 3)
        #expect(snap.count == 3)
        #expect(cache.updateSnapshot(snap) == 0)

        try cache.assumePod(CoreFixtures.pod("p", cpu: "1", nodeName: "b"))
        #expect(cache.updateSnapshot(snap) == 1)
        #expect(snap.nodeInfo(named: "b")?.requested.milliCPU == 1000)

        cache.removeNode(CoreFixtures.node("a"))
        cache.updateSnapshot(snap)
        #expect(snap.count == 2)
        #expect(snap.nodeInfo(named: "a") == nil)
        #expect(Set(snap.nodeInfos.map(\.name)) == ["b", "c"])
        #expect(snap.nodeInfo(named: "c")?.name == "c")
    }

    @Test func aSecondSnapshotCatchesUpAfterTheChangeLogWasCompacted() {
        let cache = SchedulerCache()
        for i in 0..<10 { cache.addNode(CoreFixtures.node("n\(i)")) }
        // Enough churn to compact the log several times.
        for round in 0..<400 { cache.updateNode(CoreFixtures.node("n\(round % 10)", labels: ["r": "\(round)"])) }
        cache.removeNode(CoreFixtures.node("n3"))
        let snap = Snapshot()
        cache.updateSnapshot(snap)
        #expect(snap.count == 9)
        #expect(snap.nodeInfo(named: "n9")?.labels["r"] == "399")
    }

    @Test func podsBoundBeforeTheirNodeArriveAreKept() {
        let cache = SchedulerCache()
        let snap = Snapshot()
        cache.addPod(CoreFixtures.pod("early", cpu: "1", nodeName: "late"))
        cache.updateSnapshot(snap)
        #expect(snap.count == 0)
        cache.addNode(CoreFixtures.node("late"))
        cache.updateSnapshot(snap)
        #expect(snap.nodeInfo(named: "late")?.requested.milliCPU == 1000)
    }

    @Test func imageStatesCountTheNodesHavingEachImage() {
        let cache = SchedulerCache()
        let snap = Snapshot()
        cache.addNode(CoreFixtures.node("a", images: [(["nginx:1", "nginx@sha256:x"], 100)]))
        cache.addNode(CoreFixtures.node("b", images: [(["nginx:1"], 100), (["redis:7"], 50)]))
        cache.updateSnapshot(snap)
        #expect(snap.nodeInfo(named: "b")?.imageStates["nginx:1"] == ImageStateSummary(size: 100, numNodes: 2))
        #expect(snap.nodeInfo(named: "b")?.imageStates["redis:7"] == ImageStateSummary(size: 50, numNodes: 1))
    }

    @Test func affinityNodeListsFollowThePods() throws {
        let cache = SchedulerCache()
        let snap = Snapshot()
        cache.addNode(CoreFixtures.node("a"))
        cache.addNode(CoreFixtures.node("b"))
        var json = CoreFixtures.pod("anti", nodeName: "b").pod.json
        json.set(["spec", "affinity"], to: ["podAntiAffinity": ["requiredDuringSchedulingIgnoredDuringExecution": [
            ["labelSelector": ["matchLabels": ["app": "x"]], "topologyKey": "kubernetes.io/hostname"]]]])
        let anti = PodInfo(json: json)
        cache.addPod(anti)
        cache.updateSnapshot(snap)
        #expect(snap.havePodsWithRequiredAntiAffinityNodeInfos.map(\.name) == ["b"])
        #expect(snap.havePodsWithAffinityNodeInfos.map(\.name) == ["b"])
        cache.removePod(anti)
        cache.updateSnapshot(snap)
        #expect(snap.havePodsWithRequiredAntiAffinityNodeInfos.isEmpty)
    }
}
