import Synchronization

/// Backs off per key: `base * 2^failures`, capped at `max` (5ms, 10ms, 20ms, ... 1000s).
public final class ItemExponentialFailureRateLimiter<Key: Hashable & Sendable>: RateLimiter, Sendable {
    public let base: Duration
    public let max: Duration
    private let failures = Mutex<[Key: Int]>([:])

    public init(base: Duration, max: Duration) {
        self.base = base
        self.max = max
    }

    public func when(_ key: Key) -> Duration {
        let exponent = failures.withLock { f -> Int in
            let n = f[key, default: 0]
            f[key] = n + 1
            return n
        }
        // Whole nanoseconds, so the table is exact (5ms, 10ms, 20ms...); an overflowing
        // shift saturates at `max`.
        let baseNanos = Self.nanoseconds(base)
        guard exponent < 63, baseNanos > 0 else { return baseNanos > 0 ? max : base }
        let (delay, overflow) = baseNanos.multipliedReportingOverflow(by: Int64(1) << Int64(exponent))
        if overflow || delay >= Self.nanoseconds(max) { return max }
        return .nanoseconds(delay)
    }

    public func forget(_ key: Key) {
        _ = failures.withLock { $0.removeValue(forKey: key) }
    }

    public func numRequeues(_ key: Key) -> Int {
        failures.withLock { $0[key, default: 0] }
    }

    static func nanoseconds(_ d: Duration) -> Int64 {
        let (s, overflow) = d.components.seconds.multipliedReportingOverflow(by: 1_000_000_000)
        return overflow ? .max : s &+ d.components.attoseconds / 1_000_000_000
    }
}
