/// A snapshot of a work queue's counters (client-go's workqueue metrics, minus latencies).
public struct WorkQueueMetrics: Sendable, Hashable {
    /// Keys waiting in the queue now.
    public var depth: Int
    /// Adds that changed the queue (a key already waiting does not count).
    public var adds: Int
    /// `addRateLimited` calls: how often keys were retried.
    public var retries: Int
    /// Keys handed out and not yet `done`.
    public var processing: Int
    /// `done` calls for keys that were processing.
    public var completed: Int
    /// Keys waiting for an `addAfter` delay.
    public var waitingDelayed: Int
    /// `get()` callers parked until a key arrives (idle workers).
    public var idleWorkers: Int

    public init(depth: Int, adds: Int, retries: Int, processing: Int, completed: Int, waitingDelayed: Int, idleWorkers: Int) {
        self.depth = depth
        self.adds = adds
        self.retries = retries
        self.processing = processing
        self.completed = completed
        self.waitingDelayed = waitingDelayed
        self.idleWorkers = idleWorkers
    }
}
