import KubeMachinery
import Synchronization

/// One handler's delivery line (client-go's `processorListener`): notifications go into an
/// unbounded buffer without waiting, and a task of its own hands them to the handler in
/// order. The informer's writer never waits for a handler, and a slow handler only grows its
/// own buffer.
final class ProcessorListener: Sendable {
    enum Notification: Sendable {
        case add(JSONValue, isInInitialList: Bool)
        case update(old: JSONValue, new: JSONValue)
        case delete(JSONValue)
    }

    private struct Progress {
        var enqueued = 0
        var delivered = 0
        /// Once the informer has synced: how many notifications must be delivered for this
        /// handler to have seen the initial list.
        var syncTarget: Int?
    }

    let id: Int
    let handler: ResourceEventHandler
    private let stream: AsyncStream<Notification>
    private let continuation: AsyncStream<Notification>.Continuation
    private let progress = Mutex(Progress())
    private let pump = Mutex<Task<Void, Never>?>(nil)
    let synced = SyncGate()

    init(id: Int, handler: ResourceEventHandler) {
        self.id = id
        self.handler = handler
        let (stream, continuation) = AsyncStream<Notification>.makeStream(bufferingPolicy: .unbounded)
        self.stream = stream
        self.continuation = continuation
    }

    /// Buffers a notification; never waits.
    func send(_ n: Notification) {
        progress.withLock { $0.enqueued += 1 }
        continuation.yield(n)
    }

    /// Marks everything buffered so far as the initial list: once delivered, the handler
    /// has synced.
    func markInitialListEnqueued() {
        let done: Bool = progress.withLock { p in
            p.syncTarget = p.enqueued
            return p.delivered >= p.enqueued
        }
        if done { synced.decide(true) }
    }

    /// Starts handing notifications to the handler.
    func start() {
        let stream = self.stream
        let task = Task { [self] in
            for await n in stream {
                if Task.isCancelled { break }
                switch n {
                case .add(let o, let initial): handler.onAdd(o, initial)
                case .update(let old, let new): handler.onUpdate(old, new)
                case .delete(let o): handler.onDelete(o)
                }
                let done: Bool = progress.withLock { p in
                    p.delivered += 1
                    return p.syncTarget.map { p.delivered >= $0 } ?? false
                }
                if done { synced.decide(true) }
            }
        }
        pump.withLock { $0 = task }
    }

    /// Stops delivery; whatever is still buffered is dropped.
    func stop() {
        continuation.finish()
        pump.withLock { $0 }?.cancel()
        synced.decide(false)
    }
}
