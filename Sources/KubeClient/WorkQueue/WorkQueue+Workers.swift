import Logging

extension WorkQueue {
    /// Runs `count` workers that take keys and reconcile them until the queue shuts down (or
    /// the calling task is cancelled). A key is never reconciled by two workers at once.
    public func runWorkers(count: Int, logger: Logger? = nil,
                           process: @escaping @Sendable (Key) async -> ReconcileResult) async {
        await withTaskGroup(of: Void.self) { group in
            for _ in 0..<Swift.max(1, count) {
                group.addTask {
                    while await self.processNextItem(logger: logger, process: process) {}
                }
            }
        }
    }

    /// Takes one key, reconciles it and records the outcome; false when the queue has ended.
    public func processNextItem(logger: Logger? = nil, process: @Sendable (Key) async -> ReconcileResult) async -> Bool {
        guard let key = await get() else { return false }
        defer { done(key) }
        switch await process(key) {
        case .done:
            forget(key)
        case .requeue:
            addRateLimited(key)
        case .requeueAfter(let delay):
            forget(key)
            addAfter(key, delay)
        case .error(let error):
            logger?.error("error syncing key, requeuing", metadata: [
                "queue": .string(name), "key": .string(String(describing: key)),
                "requeues": .stringConvertible(numRequeues(key)), "error": .string(String(describing: error)),
            ])
            addRateLimited(key)
        }
        return true
    }
}
