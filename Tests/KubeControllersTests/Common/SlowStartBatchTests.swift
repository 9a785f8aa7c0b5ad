import Synchronization
import Testing
@testable import KubeControllers

@Suite struct SlowStartBatchTests {
    struct Boom: Error {}

    @Test(arguments: [(count: 0, calls: 0), (count: 1, calls: 1), (count: 7, calls: 7), (count: 20, calls: 20)])
    func everyCallRunsWhenNoneFails(count: Int, calls: Int) async {
        let made = Locked(0)
        let (ok, errors) = await slowStartBatch(count: count) { _ in made.withLock { $0 += 1 } }
        #expect(ok == calls)
        #expect(errors.isEmpty)
        #expect(made.withLock { $0 } == calls)
    }

    @Test func stopsAfterTheFirstBatchWithAFailure() async {
        // Batches: [0], [1,2], [3,4,5,6], [7...]. Index 4 fails, so the third batch is the last.
        let attempted = Locked<Set<Int>>([])
        let (ok, errors) = await slowStartBatch(count: 20) { i in
            attempted.withLock { _ = $0.insert(i) }
            if i == 4 { throw Boom() }
        }
        #expect(attempted.withLock { $0 } == Set(0...6))
        #expect(ok == 6)
        #expect(errors.count == 1)
    }

    @Test func aFailingFirstCallStopsEverything() async {
        let attempted = Locked(0)
        let (ok, errors) = await slowStartBatch(count: 500) { _ in
            attempted.withLock { $0 += 1 }
            throw Boom()
        }
        #expect(attempted.withLock { $0 } == 1)
        #expect(ok == 0)
        #expect(errors.count == 1)
    }
}
