import Foundation

/// Fans committed changes out to watchers, joining each watcher's history replay to the live
/// feed with no gap and no duplicate.
///
/// A watch is opened in three steps, always in this order:
/// 1. `subscribe` registers the watcher before any history is read, so no commit can slip
///    between the replay and the live feed. Live events arriving now are held back.
/// 2. The backend reads history after the requested revision from one consistent snapshot.
/// 3. `beginLive` delivers that replay, then the held-back events newer than the snapshot
///    revision (older ones were already in the replay), then switches to direct delivery.
///
/// Backends call `publish` once per commit, in revision order, after the change is durable.
///
/// Memory stays bounded: each watcher's stream buffers at most `bufferLimit` undelivered
/// events; a watcher that falls further behind is ended with an error (its consumer re-lists
/// and watches again) instead of growing without limit.
final class WatchHub: @unchecked Sendable {
    /// The bound on undelivered events per watcher.
    let bufferLimit: Int

    private let lock = NSLock()
    private var watchers: [UInt64: Watcher] = [:]
    private var nextID: UInt64 = 0
    private var isClosed = false

    private final class Watcher {
        let range: KeyRange
        let prefix: String
        let continuation: AsyncThrowingStream<WatchEvent, Error>.Continuation
        /// Live events held back while the replay is being read; nil once live.
        var heldBack: [WatchEvent]? = []

        init(prefix: String, continuation: AsyncThrowingStream<WatchEvent, Error>.Continuation) {
            self.prefix = prefix
            self.range = KeyRange(prefix: prefix)
            self.continuation = continuation
        }
    }

    struct Subscription: Sendable {
        let id: UInt64
        let stream: AsyncThrowingStream<WatchEvent, Error>
    }

    init(bufferLimit: Int) {
        precondition(bufferLimit > 0, "a watch buffer must hold at least one event")
        self.bufferLimit = bufferLimit
    }

    /// Registers a watcher for keys under `prefix`; throws `.closed` after `finishAll`.
    ///
    /// The watcher is released when its consumer's task is cancelled, when the consumer drops
    /// the stream (breaking out of a loop and letting the stream go), or when the stream ends.
    func subscribe(prefix: String) throws -> Subscription {
        let (events, continuation) = AsyncThrowingStream<WatchEvent, Error>.makeStream(
            bufferingPolicy: .bufferingOldest(bufferLimit))
        let id: UInt64 = try lock.withLock {
            guard !isClosed else { throw StorageError.closed }
            nextID += 1
            watchers[nextID] = Watcher(prefix: prefix, continuation: continuation)
            return nextID
        }
        continuation.onTermination = { [weak self] _ in self?.remove(id) }
        // The hub's continuation keeps the buffered stream alive, so dropping that stream would
        // never be noticed. The consumer gets a thin stream over a cursor instead; when the
        // consumer lets go of it, the cursor's deinit releases the watcher.
        let cursor = WatchCursor(events.makeAsyncIterator()) { [weak self] in self?.release(id) }
        let stream = AsyncThrowingStream<WatchEvent, Error>(unfolding: { try await cursor.next() })
        return Subscription(id: id, stream: stream)
    }

    /// Delivers `replay` (history up to and including `snapshotRevision`), then the held-back
    /// live events after it, and from then on every matching published event.
    func beginLive(_ id: UInt64, replay: [WatchEvent], snapshotRevision: Int64) {
        var failure: (AsyncThrowingStream<WatchEvent, Error>.Continuation, Error)?
        lock.withLock {
            guard let watcher = watchers[id] else { return }
            let heldBack = watcher.heldBack ?? []
            watcher.heldBack = nil
            let events = replay + heldBack.filter { $0.kv.modRevision > snapshotRevision }
            for event in events where !deliver(event, to: watcher) {
                watchers[id] = nil
                failure = (watcher.continuation, tooFarBehind(watcher))
                return
            }
        }
        if let (continuation, error) = failure { continuation.finish(throwing: error) }
    }

    /// Ends one watcher with `error` (for example when its replay could not be read).
    func fail(_ id: UInt64, with error: Error) {
        let watcher = lock.withLock { watchers.removeValue(forKey: id) }
        watcher?.continuation.finish(throwing: error)
    }

    /// Hands one commit's events, in revision order, to every interested watcher.
    func publish(_ events: [WatchEvent]) {
        guard !events.isEmpty else { return }
        var failures: [(AsyncThrowingStream<WatchEvent, Error>.Continuation, Error)] = []
        lock.withLock {
            for (id, watcher) in watchers {
                for event in events where watcher.range.contains(event.kv.key) {
                    if watcher.heldBack != nil {
                        watcher.heldBack!.append(event)
                        if watcher.heldBack!.count > bufferLimit {
                            watchers[id] = nil
                            failures.append((watcher.continuation, tooFarBehind(watcher)))
                            break
                        }
                    } else if !deliver(event, to: watcher) {
                        watchers[id] = nil
                        failures.append((watcher.continuation, tooFarBehind(watcher)))
                        break
                    }
                }
            }
        }
        // Finishing runs the stream's termination handler, which takes the lock again.
        for (continuation, error) in failures { continuation.finish(throwing: error) }
    }

    /// Ends every stream normally (the store is closing) and refuses new watchers.
    func finishAll() {
        let all: [Watcher] = lock.withLock {
            isClosed = true
            defer { watchers.removeAll() }
            return Array(watchers.values)
        }
        for watcher in all { watcher.continuation.finish() }
    }

    /// Number of registered watchers (for tests and metrics).
    var watcherCount: Int { lock.withLock { watchers.count } }

    /// Unregisters a watcher whose consumer went away and frees its buffer.
    private func release(_ id: UInt64) {
        let watcher = lock.withLock { watchers.removeValue(forKey: id) }
        watcher?.continuation.finish()
    }

    private func remove(_ id: UInt64) {
        lock.withLock { _ = watchers.removeValue(forKey: id) }
    }

    /// False when the watcher's buffer is full: the event was not delivered.
    private func deliver(_ event: WatchEvent, to watcher: Watcher) -> Bool {
        switch watcher.continuation.yield(event) {
        case .enqueued, .terminated: return true
        case .dropped: return false
        @unknown default: return false
        }
    }

    private func tooFarBehind(_ watcher: Watcher) -> StorageError {
        .io("watch on prefix \"\(watcher.prefix)\" fell more than \(bufferLimit) events behind and was ended; list again and watch from the list's revision")
    }
}

/// The consumer's side of one watch: reads the hub-fed buffer, and tells the hub when the
/// consumer has let go of it. Used by one consumer at a time, as any async iterator is.
private final class WatchCursor: @unchecked Sendable {
    private var iterator: AsyncThrowingStream<WatchEvent, Error>.AsyncIterator
    private let onRelease: @Sendable () -> Void

    init(_ iterator: AsyncThrowingStream<WatchEvent, Error>.AsyncIterator, onRelease: @escaping @Sendable () -> Void) {
        self.iterator = iterator
        self.onRelease = onRelease
    }

    deinit { onRelease() }

    func next() async throws -> WatchEvent? {
        try await iterator.next()
    }
}
