/// Decides how long a failed key waits before it is retried (client-go's `RateLimiter`).
public protocol RateLimiter<Key>: Sendable {
    associatedtype Key: Hashable & Sendable
    /// The delay before `key` is processed again; records one more failure for it.
    func when(_ key: Key) -> Duration
    /// Forgets `key`'s failures: its next delay is the first one again.
    func forget(_ key: Key)
    /// Failures recorded for `key` since it was last forgotten.
    func numRequeues(_ key: Key) -> Int
}

extension MaxOfRateLimiter {
    /// client-go's `DefaultControllerRateLimiter`: per-key exponential backoff from 5ms to
    /// 1000s, and an overall token bucket of 10 retries a second with a burst of 100, whichever
    /// asks for the longer wait.
    public static func defaultController() -> MaxOfRateLimiter<Key> {
        MaxOfRateLimiter([
            ItemExponentialFailureRateLimiter<Key>(base: .milliseconds(5), max: .seconds(1000)),
            BucketRateLimiter<Key>(qps: 10, burst: 100),
        ])
    }
}
