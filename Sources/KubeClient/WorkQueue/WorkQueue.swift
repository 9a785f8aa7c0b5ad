import Synchronization

/// A controller's queue of keys to reconcile, with client-go's workqueue semantics.
///
/// - A key waits in the queue at most once: adding a key that is already queued does nothing.
/// - A key handed out by `get()` is *processing* until `done(key)`. Adding it meanwhile marks
///   it dirty; it is queued again only at `done`, so no two workers ever hold the same key.
/// - After `shutDown()` adds are ignored; `get()` still hands out what is queued and returns
///   nil once the queue is empty.
///
/// Delays (`addAfter`) and per-key rate limiting (`addRateLimited`) live in extensions; the
/// state they share is kept behind one lock so that every transition is atomic.
public final class WorkQueue<Key: Hashable & Sendable>: Sendable {
    /// Name for logs and metrics (`"scheduler"`, `"replicaset"`).
    public let name: String
    let rateLimiter: any RateLimiter<Key>
    let state = Mutex(State())

    /// - Parameter rateLimiter: decides `addRateLimited` delays; the default is client-go's
    ///   controller default (per-key exponential 5ms..1000s, overall 10 qps with burst 100).
    public init(name: String = "", rateLimiter: (any RateLimiter<Key>)? = nil) {
        self.name = name
        self.rateLimiter = rateLimiter ?? MaxOfRateLimiter<Key>.defaultController()
    }

    deinit {
        // Timers hold only weak references; cancel them so none outlives the queue.
        for timer in state.withLock({ $0.takeTimers() }) { timer.cancel() }
    }

    // MARK: Core

    /// Queues `key` unless it is already queued; a key being processed is queued again at `done`.
    public func add(_ key: Key) {
        let handoff = state.withLock { $0.add(key) }
        handoff?.waiter.resume(returning: handoff?.key)
    }

    /// The next key to process, waiting for one if the queue is empty. Returns nil once the
    /// queue is shut down and empty, or when the calling task is cancelled while waiting.
    /// Every key returned must be passed to `done` when its processing ends.
    public func get() async -> Key? {
        let id = state.withLock { $0.nextWaiterID() }
        return await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Key?, Never>) in
                let immediate: Key?? = state.withLock { $0.getOrWait(id: id, continuation) }
                if let immediate { continuation.resume(returning: immediate) }
            }
        } onCancel: {
            state.withLock { $0.cancelWaiter(id: id) }?.resume(returning: nil)
        }
    }

    /// Ends the processing of `key`; if it was added meanwhile, it is queued again now.
    public func done(_ key: Key) {
        let (handoff, drained) = state.withLock { $0.done(key) }
        handoff?.waiter.resume(returning: handoff?.key)
        for d in drained { d.resume() }
    }

    /// How many keys wait in the queue (not counting those being processed).
    public var len: Int { state.withLock { $0.queue.count } }

    public var isShuttingDown: Bool { state.withLock { $0.shuttingDown } }

    /// Stops accepting keys and wakes idle `get()` callers with nil. Keys already queued are
    /// still handed out; delayed keys are dropped.
    public func shutDown() {
        let (waiters, timers) = state.withLock { s in
            s.shuttingDown = true
            return (s.takeIdleWaiters(), s.takeTimers())
        }
        for t in timers { t.cancel() }
        for w in waiters { w.resume(returning: nil) }
    }

    /// Shuts down, then waits until every queued key has been handed out and marked `done`.
    /// Workers must keep calling `get()`/`done()` for this to return.
    public func shutDownWithDrain() async {
        shutDown()
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let finished = state.withLock { s -> Bool in
                if s.isDrained { return true }
                s.drainWaiters.append(continuation)
                return false
            }
            if finished { continuation.resume() }
        }
    }

    /// Counters for tests and benchmarks.
    public var metrics: WorkQueueMetrics { state.withLock { $0.metrics(depth: $0.queue.count) } }
}
