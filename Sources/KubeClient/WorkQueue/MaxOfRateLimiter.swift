/// Combines limiters: the delay is the longest any of them asks for (client-go's `MaxOfRateLimiter`).
public struct MaxOfRateLimiter<Key: Hashable & Sendable>: RateLimiter, Sendable {
    public let limiters: [any RateLimiter<Key>]

    public init(_ limiters: [any RateLimiter<Key>]) {
        self.limiters = limiters
    }

    public func when(_ key: Key) -> Duration {
        // Every limiter must record the failure, so none is skipped even once one is longest.
        limiters.map { $0.when(key) }.max() ?? .zero
    }

    public func forget(_ key: Key) {
        for l in limiters { l.forget(key) }
    }

    public func numRequeues(_ key: Key) -> Int {
        limiters.map { $0.numRequeues(key) }.max() ?? 0
    }
}
