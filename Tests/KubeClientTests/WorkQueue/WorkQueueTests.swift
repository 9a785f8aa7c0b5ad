import KubeClient
import Synchronization
import Testing

@Suite("WorkQueue: dedupe, processing and shutdown")
struct WorkQueueTests {
    @Test("a key added twice while waiting is queued once")
    func dedupesQueuedKeys() async {
        let q = WorkQueue<String>()
        q.add("a")
        q.add("b")
        q.add("a")
        #expect(q.len == 2)
        #expect(await q.get() == "a")
        #expect(await q.get() == "b")
        #expect(q.len == 0)
        #expect(q.metrics.adds == 2)
    }

    @Test("a key re-added while processing is handed out again only after done")
    func processingKeyIsRequeuedAtDone() async {
        let q = WorkQueue<String>()
        q.add("a")
        let first = await q.get()
        #expect(first == "a")
        q.add("a")
        #expect(q.len == 0, "a processing key must not be queued twice")
        #expect(q.metrics.processing == 1)
        q.done("a")
        #expect(q.len == 1)
        #expect(await q.get() == "a")
        q.done("a")
        #expect(q.len == 0)
        #expect(q.metrics.processing == 0)
    }

    @Test("done for a key that was not re-added does not queue it")
    func doneWithoutReaddLeavesQueueEmpty() async {
        let q = WorkQueue<Int>()
        q.add(1)
        _ = await q.get()
        q.done(1)
        #expect(q.len == 0)
        #expect(q.metrics.completed == 1)
    }

    @Test("a waiting get receives a key added later")
    func getWaitsForAdd() async {
        let q = WorkQueue<String>()
        async let got = q.get()
        // Wait until the getter is parked, so the add takes the hand-off path.
        #expect(await awaitCondition { q.metrics.idleWorkers == 1 })
        q.add("x")
        #expect(await got == "x")
        #expect(q.metrics.processing == 1)
    }

    @Test("shutDown wakes idle getters with nil and ignores later adds")
    func shutDownEndsIdleGetters() async {
        let q = WorkQueue<String>()
        async let got = q.get()
        #expect(await awaitCondition { q.metrics.idleWorkers == 1 })
        q.shutDown()
        #expect(await got == nil)
        q.add("late")
        #expect(q.len == 0)
        #expect(await q.get() == nil)
    }

    @Test("after shutDown, keys already queued are still handed out, then nil")
    func shutDownStillDrainsQueuedKeys() async {
        let q = WorkQueue<String>()
        q.add("a")
        q.add("b")
        q.shutDown()
        #expect(await q.get() == "a")
        #expect(await q.get() == "b")
        #expect(await q.get() == nil)
    }

    @Test("shutDownWithDrain returns only after every queued key is done")
    func shutDownWithDrainWaitsForWorkers() async {
        let q = WorkQueue<Int>()
        for i in 0..<5 { q.add(i) }
        let processed = Mutex<[Int]>([])
        let worker = Task {
            while let k = await q.get() {
                try? await Task.sleep(for: .milliseconds(5))
                processed.withLock { $0.append(k) }
                q.done(k)
            }
        }
        await q.shutDownWithDrain()
        #expect(processed.withLock { $0 } == [0, 1, 2, 3, 4])
        await worker.value
    }

    @Test("a cancelled getter returns nil and does not swallow a later key")
    func cancelledGetterReturnsNil() async {
        let q = WorkQueue<String>()
        let waiting = Task { await q.get() }
        #expect(await awaitCondition { q.metrics.idleWorkers == 1 })
        waiting.cancel()
        #expect(await waiting.value == nil)
        q.add("k")
        #expect(q.len == 1)
        #expect(await q.get() == "k")
    }
}
