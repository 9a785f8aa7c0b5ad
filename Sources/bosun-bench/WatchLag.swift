import Synchronization

/// When each write was acknowledged, by revision, so receivers can be matched to writes.
final class AcknowledgementBook: Sendable {
    private let acks = Mutex<[Int64: ContinuousClock.Instant]>([:])

    func record(_ revision: Int64, at instant: ContinuousClock.Instant) {
        acks.withLock { $0[revision] = instant }
    }

    var snapshot: [Int64: ContinuousClock.Instant] { acks.withLock { $0 } }
}

/// What one watcher received: each event's revision and the moment it arrived.
struct Receipts: Sendable {
    var revisions: [Int64] = []
    var instants: [ContinuousClock.Instant] = []

    init(capacity: Int) {
        revisions.reserveCapacity(capacity)
        instants.reserveCapacity(capacity)
    }

    mutating func record(_ revision: Int64, at instant: ContinuousClock.Instant) {
        revisions.append(revision)
        instants.append(instant)
    }

    var count: Int { revisions.count }
}

/// Lag of every received event: receipt time minus the write's acknowledgement time.
struct LagAnalysis {
    var lag: LatencySummary
    /// Events that arrived before their writer saw the acknowledgement (counted as zero lag).
    var beforeAck: Int
    /// Events whose revision matched no recorded write (should be zero).
    var unmatched: Int
    var received: Int
    var firstReceipt: ContinuousClock.Instant?
    var lastReceipt: ContinuousClock.Instant?

    init(receipts: [Receipts], acks: [Int64: ContinuousClock.Instant]) {
        var lags: [Double] = []
        lags.reserveCapacity(receipts.reduce(0) { $0 + $1.count })
        var before = 0, unmatched = 0
        var first: ContinuousClock.Instant?, last: ContinuousClock.Instant?
        for r in receipts {
            for (rev, at) in zip(r.revisions, r.instants) {
                if first == nil || at < first! { first = at }
                if last == nil || at > last! { last = at }
                guard let ack = acks[rev] else { unmatched += 1; continue }
                let d = (at - ack).seconds
                if d < 0 { before += 1 }
                lags.append(Swift.max(0, d))
            }
        }
        lag = LatencySummary(seconds: lags)
        beforeAck = before
        self.unmatched = unmatched
        received = lags.count + unmatched
        firstReceipt = first
        lastReceipt = last
    }
}

/// A count that a waiting task polls against a deadline.
final class Countdown: Sendable {
    private let value = Atomic<Int>(0)
    func increment() { value.add(1, ordering: .relaxed) }
    var count: Int { value.load(ordering: .relaxed) }

    /// Polls until the count reaches `target` or the deadline passes; true if reached.
    func wait(for target: Int, timeout: Duration) async -> Bool {
        let deadline = ContinuousClock.now + timeout
        while count < target {
            if ContinuousClock.now >= deadline { return false }
            try? await Task.sleep(for: .milliseconds(2))
        }
        return true
    }
}
