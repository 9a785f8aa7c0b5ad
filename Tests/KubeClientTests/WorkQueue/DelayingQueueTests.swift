import KubeClient
import Testing

@Suite("WorkQueue: addAfter")
struct DelayingQueueTests {
    @Test("keys added with delays come out in due order, not call order")
    func addAfterOrdersByDueTime() async {
        let q = WorkQueue<String>()
        let start = ContinuousClock.now
        q.addAfter("late", .milliseconds(150))
        q.addAfter("early", .milliseconds(30))
        q.addAfter("now", .zero)
        #expect(await q.get() == "now")
        #expect(await q.get() == "early")
        #expect(await q.get() == "late")
        #expect(ContinuousClock.now - start >= .milliseconds(150))
    }

    @Test("many delayed keys come out strictly in due order, whatever order they were added in")
    func manyDelayedKeysKeepDueOrder() async {
        let q = WorkQueue<Int>()
        // 2ms apart: far more than adding all of them takes, so due order is index order.
        for i in (0..<50).shuffled() { q.addAfter(i, .milliseconds(2 * (i + 1))) }
        var out: [Int] = []
        for _ in 0..<50 {
            guard let k = await q.get() else { break }
            out.append(k)
            q.done(k)
        }
        #expect(out == Array(0..<50))
    }

    @Test("a key is not queued before its delay has passed")
    func addAfterWaits() async {
        let q = WorkQueue<String>()
        q.addAfter("k", .milliseconds(80))
        #expect(q.len == 0)
        #expect(q.metrics.waitingDelayed == 1)
        #expect(await awaitCondition(timeout: .seconds(30)) { q.len == 1 })
        #expect(q.metrics.waitingDelayed == 0)
    }

    @Test("a key waiting with a delay keeps the earlier due time and is added once")
    func addAfterKeepsEarliest() async {
        let q = WorkQueue<String>()
        q.addAfter("k", .seconds(30))
        q.addAfter("k", .milliseconds(20))
        q.addAfter("k", .seconds(60))
        #expect(q.metrics.waitingDelayed == 1)
        #expect(await awaitCondition(timeout: .seconds(30)) { q.len == 1 })
        #expect(q.metrics.adds == 1)
    }

    @Test("shutDown drops keys still waiting for their delay")
    func shutDownDropsDelayedKeys() async {
        let q = WorkQueue<String>()
        q.addAfter("k", .milliseconds(30))
        q.shutDown()
        try? await Task.sleep(for: .milliseconds(80))
        #expect(q.len == 0)
        #expect(await q.get() == nil)
    }
}
