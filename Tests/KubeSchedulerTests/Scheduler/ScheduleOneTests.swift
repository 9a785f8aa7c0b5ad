import KubeAPI
import KubeClient
import KubeMachinery
import Testing
@testable import KubeScheduler

@Suite struct ScheduleOneTests {
    let transport = RecordingTransport()
    let recorder = FakeEventRecorder()

    func makeScheduler(_ plugins: [any Plugin], weights: [String: Int32] = [:], binder: FakeBinder = FakeBinder(name: "FakeBinder"),
                       nodes: [String] = ["n1", "n2", "n3"]) throws -> Scheduler {
        let all: [any Plugin] = plugins + [FakeQueueSort(), binder]
        let config = KubeSchedulerConfiguration(profiles: [CoreFixtures.profile(all.map(\.name), weights: weights)])
        let s = try Scheduler(client: CoreFixtures.client(transport), informerFactory: nil, config: config, recorder: recorder,
                              registry: CoreFixtures.registry(all))
        for n in nodes { s.onNodeAdd(CoreFixtures.node(n)) }
        return s
    }

    @Test func aPodIsFilteredScoredAssumedAndBoundToTheBestNode() async throws {
        let binder = FakeBinder(name: "FakeBinder")
        let s = try makeScheduler([FakeFilter(name: "F", reject: ["n1"]), FakeScore(name: "S", scores: ["n1": 100, "n2": 10, "n3": 90])],
                                  binder: binder)
        let pod = CoreFixtures.pod("web", cpu: "100m")
        s.onPodAdd(pod)
        #expect(await s.scheduleOne())
        await s.waitForBindings()
        #expect(binder.log.all == ["default/web->n3"])
        #expect(s.cache.isAssumedPod(pod))
        #expect(s.cache.nodeInfo(named: "n3")?.requested.milliCPU == 100)
        #expect(recorder.all == [.init(object: "default/web", type: "Normal", reason: "Scheduled", message: "Successfully assigned default/web to n3")])
        #expect(s.metrics.values.scheduled == 1)
        #expect(s.metrics.values.bound == 1)
        #expect(s.queue.location(of: pod) == nil)

        // The informer then sees the pod bound: the assumption is confirmed.
        s.onPodUpdate(old: pod, new: CoreFixtures.pod("web", cpu: "100m", nodeName: "n3"))
        #expect(!s.cache.isAssumedPod(pod))
        #expect(s.cache.nodeInfo(named: "n3")?.pods.count == 1)
    }

    @Test func whenNoNodeFitsThePodGetsAnEventAConditionAndParks() async throws {
        let s = try makeScheduler([FakeFilter(name: "F", reject: ["n1", "n2", "n3"])])
        let pod = CoreFixtures.pod("web")
        s.onPodAdd(pod)
        #expect(await s.scheduleOne())
        let message = "0/3 nodes are available: 3 node(s) were unschedulable."
        #expect(recorder.all == [.init(object: "default/web", type: "Warning", reason: "FailedScheduling", message: message)])
        #expect(s.queue.location(of: pod) == "unschedulable")
        #expect(s.metrics.values.unschedulable == 1)

        // One PATCH of pods/status, strategic merge, with PodScheduled=False.
        let deadline = ContinuousClock.now + .seconds(5)
        while transport.recorded.isEmpty && ContinuousClock.now < deadline { await Task.yield() }
        let req = try #require(transport.recorded.first)
        #expect(req.method == "PATCH")
        #expect(req.path == "/api/v1/namespaces/default/pods/web/status")
        #expect(req.header("Content-Type") == "application/strategic-merge-patch+json")
        let body = try JSONValue.parse(req.body)
        let condition = try #require(body["status"]?["conditions"]?.arrayValue?.first)
        #expect(condition["type"] == "PodScheduled")
        #expect(condition["status"] == "False")
        #expect(condition["reason"] == "Unschedulable")
        #expect(condition["message"] == .string(message))

        // A new node (the event the filter registered) sends it back to be retried: to the
        // backoff queue while its 1 s backoff lasts, straight to active once it has passed
        // (which a loaded machine can reach before this line runs).
        s.onNodeAdd(CoreFixtures.node("n4"))
        #expect(["backoff", "active"].contains(s.queue.location(of: pod)))
    }

    @Test func aFailedBindingIsUndoneAndThePodRetriedWithBackoff() async throws {
        let binder = FakeBinder(name: "FakeBinder", status: .error("connection refused"))
        let log = CallLog()
        let s = try makeScheduler([FakeReserve(name: "R", log: log)], binder: binder, nodes: ["n1"])
        let pod = CoreFixtures.pod("web", cpu: "1")
        s.onPodAdd(pod)
        #expect(await s.scheduleOne())
        await s.waitForBindings()
        #expect(log.all == ["reserve R", "unreserve R"])
        #expect(!s.cache.isAssumedPod(pod))
        #expect(s.cache.nodeInfo(named: "n1")?.requested.milliCPU == 0)
        #expect(s.queue.location(of: pod) == "backoff")
        #expect(s.metrics.values.bindingFailures == 1)
        #expect(s.metrics.values.error == 1)
        #expect(recorder.all.last?.reason == "FailedScheduling")
    }

    @Test func podsForOtherSchedulersAreIgnored() throws {
        let s = try makeScheduler([])
        let pod = CoreFixtures.pod("other", schedulerName: "someone-else")
        s.onPodAdd(pod)
        #expect(s.queue.location(of: pod) == nil)
    }

    @Test func terminalAndAssignedPodsGoToTheCacheNotTheQueue() throws {
        let s = try makeScheduler([])
        s.onPodAdd(CoreFixtures.pod("bound", cpu: "2", nodeName: "n2"))
        #expect(s.cache.nodeInfo(named: "n2")?.requested.milliCPU == 2000)
        var done = CoreFixtures.pod("done", nodeName: "n2").pod.json
        done["status"] = ["phase": "Succeeded"]
        s.onPodAdd(PodInfo(json: done))
        #expect(s.cache.nodeInfo(named: "n2")?.pods.count == 1)
        #expect(s.queue.counts == SchedulingQueue.Counts())
    }

    @Test func filteringStopsOnceEnoughFeasibleNodesAreFound() async throws {
        let filter = FakeFilter(name: "F")
        let nodes = (0..<1000).map { "n\($0)" }
        let s = try makeScheduler([filter], nodes: nodes)
        s.onPodAdd(CoreFixtures.pod("p"))
        #expect(await s.scheduleOne())
        await s.waitForBindings()
        // 1000 nodes → 42% → 420 to find; parallel workers may overshoot by a few at most.
        #expect(filter.calls.current >= 420)
        #expect(filter.calls.current < 420 + 64)
        // The next cycle starts where this one stopped.
        #expect(s.nextStartNodeIndex.load(ordering: .relaxed) == 420)
    }
}
