import KubeMachinery
import Testing
@testable import KubeScheduler

@Suite struct SchedulingQueueTests {
    let clock = ManualClock()

    func makeQueue(preEnqueue: @escaping SchedulingQueue.PreEnqueueCheck = { _ in .success },
                   events: [String: [ClusterEvent]] = [:]) -> SchedulingQueue {
        let clock = self.clock
        return SchedulingQueue(less: { FakeQueueSort().less($0, $1) }, preEnqueue: preEnqueue, eventsToRegister: events,
                               initialBackoff: .seconds(1), maxBackoff: .seconds(10), now: { clock.now })
    }

    /// Pops one pod, failing the test if none is ready.
    func popNow(_ q: SchedulingQueue) async throws -> (pod: QueuedPodInfo, cycle: Int64) {
        #expect(q.counts.active > 0)
        return try #require(await q.pop())
    }

    @Test func activeQueuePopsByPriorityThenArrival() async throws {
        let q = makeQueue()
        q.add(CoreFixtures.pod("low", priority: 1))
        clock.advance(.milliseconds(1))
        q.add(CoreFixtures.pod("high", priority: 10))
        clock.advance(.milliseconds(1))
        q.add(CoreFixtures.pod("low2", priority: 1))
        var order: [String] = []
        for _ in 0..<3 { order.append(try await popNow(q).pod.podInfo.name) }
        #expect(order == ["high", "low", "low2"])
    }

    @Test func popWaitsForAPodAndCountsTheAttempt() async throws {
        let q = makeQueue()
        async let popped = q.pop()
        // Let the pop suspend first (if it has not, add hands it the pod directly anyway).
        try await Task.sleep(for: .milliseconds(10))
        q.add(CoreFixtures.pod("p"))
        let got = try #require(await popped)
        #expect(got.pod.podInfo.name == "p")
        #expect(got.pod.attempts == 1)
        #expect(q.location(of: got.pod.podInfo) == "inFlight")
    }

    @Test func cancelledPopReturnsNil() async {
        let q = makeQueue()
        let t = Task { await q.pop() }
        t.cancel()
        #expect(await t.value == nil)
    }

    @Test func closeWakesWaitingPops() async {
        let q = makeQueue()
        let t = Task { await q.pop() }
        try? await Task.sleep(for: .milliseconds(10))
        q.close()
        #expect(await t.value == nil)
    }

    @Test(arguments: [(1, 1), (2, 2), (3, 4), (4, 8), (5, 10), (30, 10)])
    func backoffDoublesPerAttemptUpToTheMaximum(attempts: Int, seconds: Int64) {
        #expect(makeQueue().backoffDuration(attempts: attempts) == .seconds(seconds))
    }

    @Test func rejectedPodsParkUntilAnEventTheirPluginRegisteredFor() async throws {
        let q = makeQueue(events: ["Fit": [ClusterEvent(.node, .add)], "Other": [ClusterEvent(.pod, .delete)]])
        q.add(CoreFixtures.pod("p"))
        var (p, cycle) = try await popNow(q)
        p.unschedulablePlugins = ["Fit"]
        q.addUnschedulableIfNotPresent(p, cycle: cycle)
        #expect(q.location(of: p.podInfo) == "unschedulable")

        q.moveAllToActiveOrBackoffQueue(ClusterEvent(.assignedPod, .delete))
        #expect(q.location(of: p.podInfo) == "unschedulable")

        // Still inside its 1 s backoff: goes to backoffQ, then to activeQ once it expires.
        q.moveAllToActiveOrBackoffQueue(ClusterEvent(.node, .add))
        #expect(q.location(of: p.podInfo) == "backoff")
        q.flushBackoffQCompleted()
        #expect(q.location(of: p.podInfo) == "backoff")
        clock.advance(.seconds(1))
        q.flushBackoffQCompleted()
        #expect(q.location(of: p.podInfo) == "active")
    }

    @Test func aMoveDuringTheAttemptSendsTheRejectedPodToBackoff() async throws {
        let q = makeQueue(events: ["Fit": [ClusterEvent(.node, .add)]])
        q.add(CoreFixtures.pod("p"))
        var (p, cycle) = try await popNow(q)
        q.moveAllToActiveOrBackoffQueue(ClusterEvent(.node, .updateNodeLabel))
        p.unschedulablePlugins = ["Fit"]
        q.addUnschedulableIfNotPresent(p, cycle: cycle)
        #expect(q.location(of: p.podInfo) == "backoff")
    }

    @Test func errorsWithoutARejectingPluginBackOff() async throws {
        let q = makeQueue()
        q.add(CoreFixtures.pod("p"))
        let (p, cycle) = try await popNow(q)
        q.addUnschedulableIfNotPresent(p, cycle: cycle)
        #expect(q.location(of: p.podInfo) == "backoff")
    }

    @Test func parkedPodsRetryAfterFiveMinutesWhateverHappens() async throws {
        let q = makeQueue(events: ["Fit": [ClusterEvent(.node, .add)]])
        q.add(CoreFixtures.pod("p"))
        var (p, cycle) = try await popNow(q)
        p.unschedulablePlugins = ["Fit"]
        q.addUnschedulableIfNotPresent(p, cycle: cycle)
        clock.advance(.seconds(299))
        q.flushUnschedulablePodsLeftover()
        #expect(q.location(of: p.podInfo) == "unschedulable")
        clock.advance(.seconds(2))
        q.flushUnschedulablePodsLeftover()
        #expect(q.location(of: p.podInfo) == "active")
    }

    @Test func preEnqueueRefusalGatesThePodUntilAnUpdateLetsItThrough() async throws {
        let q = makeQueue(preEnqueue: { pod in
            pod.labels["gated"] == "yes" ? Status(.unschedulableAndUnresolvable, ["gated"], plugin: "Gate") : .success
        })
        let gated = CoreFixtures.pod("p", labels: ["gated": "yes"])
        q.add(gated)
        #expect(q.location(of: gated) == "gated")
        #expect(q.counts.active == 0)
        let open = CoreFixtures.pod("p", labels: [:])
        q.update(old: gated, new: open)
        #expect(q.location(of: open) == "active")
    }

    @Test func specChangesRequeueAParkedPodButStatusWritesDoNot() async throws {
        let q = makeQueue(events: ["Fit": [ClusterEvent(.node, .add)]])
        let original = CoreFixtures.pod("p", labels: ["v": "1"])
        q.add(original)
        var (p, cycle) = try await popNow(q)
        p.unschedulablePlugins = ["Fit"]
        q.addUnschedulableIfNotPresent(p, cycle: cycle)

        var statusOnly = original.pod.json
        statusOnly["status"] = ["conditions": [["type": "PodScheduled", "status": "False"]]]
        q.update(old: original, new: PodInfo(json: statusOnly))
        #expect(q.location(of: original) == "unschedulable")

        let relabelled = CoreFixtures.pod("p", labels: ["v": "2"])
        q.update(old: original, new: relabelled)
        #expect(q.location(of: relabelled) == "backoff")
    }

    @Test func deleteRemovesThePodFromEverySubQueue() async throws {
        let q = makeQueue()
        let a = CoreFixtures.pod("a"), b = CoreFixtures.pod("b")
        q.add(a)
        q.add(b)
        q.delete(a)
        #expect(q.location(of: a) == nil)
        #expect(q.counts.active == 1)
    }

    @Test func nominatorTracksNominationsFromStatusAndPreemption() {
        let n = PodNominator()
        let fromStatus = CoreFixtures.pod("s", nominatedNodeName: "n1")
        n.addNominatedPod(fromStatus)
        n.addNominatedPod(CoreFixtures.pod("x"), nodeName: "n2")
        #expect(n.nominatedPods(forNode: "n1").map(\.name) == ["s"])
        #expect(n.nominatedPods(forNode: "n2").map(\.name) == ["x"])
        // An update without nominatedNodeName keeps the scheduler's own nomination.
        n.updateNominatedPod(old: CoreFixtures.pod("x"), new: CoreFixtures.pod("x", labels: ["a": "b"]))
        #expect(n.nominatedNodeName(for: CoreFixtures.pod("x")) == "n2")
        // Bound pods are never nominated.
        n.addNominatedPod(CoreFixtures.pod("s", nodeName: "n1", nominatedNodeName: "n1"))
        #expect(n.nominatedPods(forNode: "n1").isEmpty)
        n.deleteNominatedPodIfExists(CoreFixtures.pod("x"))
        #expect(n.isEmpty)
    }
}
