/// client-go's rate-limited queue: retries that back off per key.
extension WorkQueue {
    /// Adds `key` after the rate limiter's delay for it: call this when processing failed.
    public func addRateLimited(_ key: Key) {
        let delay = rateLimiter.when(key)
        state.withLock { $0.retries += 1 }
        addAfter(key, delay)
    }

    /// Clears `key`'s failure history (its backoff starts over): call this when processing succeeded.
    /// It does not remove the key from the queue.
    public func forget(_ key: Key) {
        rateLimiter.forget(key)
    }

    /// How many times `key` has been retried since it was last forgotten.
    public func numRequeues(_ key: Key) -> Int {
        rateLimiter.numRequeues(key)
    }
}
