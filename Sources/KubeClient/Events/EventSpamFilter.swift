import Foundation
import Synchronization

/// Upstream's EventSourceObjectSpamFilter: each (source, object) pair may record a burst of 25
/// events, then one more per 5 minutes; the rest are dropped. A controller creating 1,000 pods
/// for one ReplicaSet therefore writes 25 `SuccessfulCreate` events, not 1,000.
final class EventSpamFilter: Sendable {
    struct Bucket {
        var tokens: Double
        var last: Date
    }
    let burst: Double
    let refillPerSecond: Double
    /// Buckets idle this long are full again and forgotten, so memory stays bounded.
    let forgetAfter: TimeInterval
    private let buckets = Mutex<[String: Bucket]>([:])

    init(burst: Int = 25, refillEvery: TimeInterval = 300) {
        self.burst = Double(burst)
        self.refillPerSecond = 1 / refillEvery
        self.forgetAfter = refillEvery * Double(burst)
    }

    /// Whether an event about `objectKey` may be recorded at `now` (takes a token if so).
    func allow(_ objectKey: String, now: Date = Date()) -> Bool {
        buckets.withLock { b in
            if b.count > 4096 { b = b.filter { now.timeIntervalSince($0.value.last) < forgetAfter } }
            var bucket = b[objectKey] ?? Bucket(tokens: burst, last: now)
            bucket.tokens = min(burst, bucket.tokens + now.timeIntervalSince(bucket.last) * refillPerSecond)
            bucket.last = now
            guard bucket.tokens >= 1 else {
                b[objectKey] = bucket
                return false
            }
            bucket.tokens -= 1
            b[objectKey] = bucket
            return true
        }
    }
}
