import Synchronization

/// An overall token bucket shared by every key (client-go's `BucketRateLimiter`): `burst`
/// retries may go at once, then `qps` a second. Each call reserves a token, so delays grow
/// for callers that come while the bucket is empty. It keeps no per-key history.
public final class BucketRateLimiter<Key: Hashable & Sendable>: RateLimiter, Sendable {
    public let qps: Double
    public let burst: Int
    private struct Bucket {
        var tokens: Double
        var updated: ContinuousClock.Instant
    }
    private let bucket: Mutex<Bucket>

    /// - Parameter now: when the bucket starts full (callers that drive the clock pass it).
    public init(qps: Double, burst: Int, now: ContinuousClock.Instant = .now) {
        precondition(qps > 0 && burst > 0, "BucketRateLimiter needs a positive qps and burst")
        self.qps = qps
        self.burst = burst
        bucket = Mutex(Bucket(tokens: Double(burst), updated: now))
    }

    public func when(_ key: Key) -> Duration {
        when(now: .now)
    }

    /// The reservation made at `now`, for callers that drive the clock themselves.
    public func when(now: ContinuousClock.Instant) -> Duration {
        bucket.withLock { b in
            let elapsed = Double(ItemExponentialFailureRateLimiter<Key>.nanoseconds(now - b.updated)) / 1e9
            if elapsed > 0 {
                b.tokens = Swift.min(Double(burst), b.tokens + elapsed * qps)
                b.updated = now
            }
            b.tokens -= 1
            if b.tokens >= 0 { return .zero }
            return .nanoseconds(Int64((-b.tokens / qps) * 1e9))
        }
    }

    public func forget(_ key: Key) {}

    public func numRequeues(_ key: Key) -> Int { 0 }
}
