import KubeClient
import Synchronization
import Testing

@Suite("WorkQueue.runWorkers")
struct WorkerTests {
    struct Failure: Error {}

    @Test("results map to queue calls: error retries with backoff, done forgets")
    func errorThenDone() async {
        let q = WorkQueue<String>(rateLimiter: ItemExponentialFailureRateLimiter(base: .milliseconds(1), max: .seconds(1)))
        let attempts = Mutex<[String: Int]>([:])
        let workers = Task {
            await q.runWorkers(count: 2) { key in
                let n = attempts.withLock { a -> Int in
                    a[key, default: 0] += 1
                    return a[key]!
                }
                return n < 3 ? .error(Failure()) : .done
            }
        }
        q.add("a")
        q.add("b")
        #expect(await awaitCondition { attempts.withLock { $0 } == ["a": 3, "b": 3] && q.metrics.processing == 0 })
        #expect(q.numRequeues("a") == 0, "success must forget the key's failures")
        #expect(q.metrics.retries == 4)
        q.shutDown()
        await workers.value
    }

    @Test("requeueAfter processes the key again after the delay")
    func requeueAfter() async {
        let q = WorkQueue<String>()
        let times = Mutex<[ContinuousClock.Instant]>([])
        let workers = Task {
            await q.runWorkers(count: 1) { _ in
                let n = times.withLock { t -> Int in
                    t.append(.now)
                    return t.count
                }
                return n == 1 ? .requeueAfter(.milliseconds(50)) : .done
            }
        }
        q.add("k")
        #expect(await awaitCondition { times.withLock { $0.count } == 2 })
        let t = times.withLock { $0 }
        #expect(t[1] - t[0] >= .milliseconds(50))
        q.shutDown()
        await workers.value
    }

    @Test("a key is never reconciled by two workers at once")
    func noConcurrentProcessingOfOneKey() async {
        let q = WorkQueue<Int>()
        let active = Mutex<Set<Int>>([])
        let overlap = Mutex(false)
        let count = Mutex(0)
        let workers = Task {
            await q.runWorkers(count: 4) { key in
                let clash = active.withLock { !$0.insert(key).inserted }
                if clash { overlap.withLock { $0 = true } }
                try? await Task.sleep(for: .milliseconds(2))
                active.withLock { _ = $0.remove(key) }
                count.withLock { $0 += 1 }
                return .done
            }
        }
        for round in 0..<20 {
            for k in 0..<3 { q.add(k) }
            if round % 5 == 0 { try? await Task.sleep(for: .milliseconds(3)) }
        }
        #expect(await awaitCondition { q.len == 0 && q.metrics.processing == 0 })
        #expect(overlap.withLock { $0 } == false)
        #expect(count.withLock { $0 } >= 3)
        q.shutDown()
        await workers.value
    }
}
