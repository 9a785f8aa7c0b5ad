import Synchronization
import Testing
@testable import KubeControllers

/// A clock tests move by hand.
final class ManualClock: Sendable {
    private let current = Mutex(ContinuousClock.now)
    var now: ContinuousClock.Instant { current.withLock { $0 } }
    func advance(_ d: Duration) { current.withLock { $0 = $0.advanced(by: d) } }
}

@Suite struct ControllerExpectationsTests {
    @Test func aKeyWithNoRecordIsSatisfied() {
        #expect(ControllerExpectations().satisfied("default/rs"))
    }

    @Test(arguments: [(expected: 3, observed: 2, satisfied: false), (expected: 3, observed: 3, satisfied: true),
                      (expected: 1, observed: 0, satisfied: false), (expected: 0, observed: 0, satisfied: true)])
    func creationsAreSatisfiedOnlyOnceAllAreObserved(expected: Int, observed: Int, satisfied: Bool) {
        let e = ControllerExpectations()
        e.expectCreations("ns/a", expected)
        for _ in 0..<observed { e.creationObserved("ns/a") }
        #expect(e.satisfied("ns/a") == satisfied)
    }

    @Test func aTrackedDeletionSeenTwiceCountsOnce() {
        let e = ControllerExpectations()
        e.expectDeletions("ns/a", objectKeys: ["ns/p1", "ns/p2"])
        // Terminating (update) then gone (delete): the same pod twice.
        e.deletionObserved("ns/a", objectKey: "ns/p1")
        e.deletionObserved("ns/a", objectKey: "ns/p1")
        #expect(!e.satisfied("ns/a"))
        #expect(e.pending("ns/a")?.deletes == 1)
        e.deletionObserved("ns/a", objectKey: "ns/p2")
        #expect(e.satisfied("ns/a"))
    }

    @Test func deletionsOfUntrackedPodsDoNotSatisfyTrackedExpectations() {
        let e = ControllerExpectations()
        e.expectDeletions("ns/a", objectKeys: ["ns/p1"])
        e.deletionObserved("ns/a", objectKey: "ns/other")
        #expect(!e.satisfied("ns/a"))
    }

    @Test func anUnfulfilledRecordExpiresAfterTheTTL() {
        let clock = ManualClock()
        let e = ControllerExpectations(ttl: .seconds(300), now: { clock.now })
        e.expectCreations("ns/a", 5)
        clock.advance(.seconds(299))
        #expect(!e.satisfied("ns/a"))
        clock.advance(.seconds(2))
        #expect(e.satisfied("ns/a"))
    }

    @Test func deletingARecordSatisfiesTheKey() {
        let e = ControllerExpectations()
        e.expectCreations("ns/a", 2)
        e.delete("ns/a")
        #expect(e.satisfied("ns/a"))
        #expect(e.pending("ns/a") == nil)
    }

    @Test func raiseAddsToAnExistingRecord() {
        let e = ControllerExpectations()
        e.expectCreations("ns/a", 1)
        e.raise("ns/a", adds: 2)
        e.creationObserved("ns/a")
        e.creationObserved("ns/a")
        #expect(!e.satisfied("ns/a"))
        e.creationObserved("ns/a")
        #expect(e.satisfied("ns/a"))
    }
}
