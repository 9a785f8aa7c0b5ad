import KubeMachinery
import KubeStorage
import Logging
import Synchronization

/// The in-memory view of one resource's keys, fed by a single watch on the store, serving
/// consistent reads, lists and every client watch of that resource.
///
/// Writes by this server are waited for (`waitFor(revision:)`) before a read returns, so a
/// client always reads its own writes. A bounded history of recent events lets watches resume
/// from a resourceVersion; older ones get 410 Gone.
public final class WatchCache: Sendable {
    public struct Filter: Sendable {
        public var matches: @Sendable (CachedObject) -> Bool
        public init(_ matches: @escaping @Sendable (CachedObject) -> Bool) { self.matches = matches }
        public static let all = Filter { _ in true }
    }

    /// What a watcher receives: changes, and bookmarks carrying the cache's revision.
    public enum WatchItem: Sendable {
        case event(CacheEvent)
        case bookmark(Int64)
    }

    struct Watcher {
        var continuation: AsyncStream<WatchItem>.Continuation
        var filter: Filter
        var wantsBookmarks: Bool
    }

    struct State {
        var objects: [String: CachedObject] = [:]
        var sortedKeys: [String]? = []
        /// The revision of the last event applied to this cache (-1 before loading).
        var revision: Int64 = -1
        var history: [CacheEvent] = []
        var historyStart = 0  // ring start index once full
        var watchers: [UInt64: Watcher] = [:]
        var nextWatcherID: UInt64 = 0
        /// Events older than this revision are not in history.
        var oldestHistoryRevision: Int64 = 0
    }

    public let prefix: String
    private let historyCapacity: Int
    private let watcherBuffer: Int
    private let state = Mutex(State())
    private let logger: Logger
    private let clock: RevisionClock
    /// The newest revision this server wrote under this cache's prefix.
    private let lastWritten = Atomic<Int64>(0)

    init(prefix: String, clock: RevisionClock, historyCapacity: Int = 10_000, watcherBuffer: Int = 100_000, logger: Logger) {
        self.prefix = prefix
        self.clock = clock
        self.historyCapacity = historyCapacity
        self.watcherBuffer = watcherBuffer
        self.logger = logger
    }

    /// Sets the initial state from a list of the store at `revision`.
    func load(_ items: [KeyValue], revision: Int64) {
        var objects: [String: CachedObject] = [:]
        for kv in items {
            if let o = try? CachedObject.decode(key: kv.key, value: kv.value, revision: kv.modRevision) {
                objects[kv.key] = o
            } else {
                logger.error("undecodable object in store", metadata: ["key": "\(kv.key)"])
            }
        }
        state.withLock { s in
            s.objects = objects
            s.sortedKeys = nil
            s.revision = revision
            s.oldestHistoryRevision = revision
        }
    }

    /// Ends every watch (the server is stopping).
    func finishAll() {
        let all = state.withLock { s -> [Watcher] in
            defer { s.watchers.removeAll() }
            return Array(s.watchers.values)
        }
        for w in all { w.continuation.finish() }
    }

    func apply(_ ev: WatchEvent) {
        let key = ev.kv.key
        let rev = ev.kv.modRevision
        var cacheEvent: CacheEvent?
        switch ev.kind {
        case .put:
            guard let obj = try? CachedObject.decode(key: key, value: ev.kv.value, revision: rev) else {
                logger.error("undecodable object in store", metadata: ["key": "\(key)"])
                return
            }
            cacheEvent = CacheEvent(kind: .added, object: obj, previous: nil)
        case .delete:
            cacheEvent = nil
        }
        // Continuations are finished outside the lock: finishing runs onTermination, which takes it.
        let droppedWatchers: [Watcher] = state.withLock { s -> [Watcher] in
            var event: CacheEvent
            if var e = cacheEvent {
                if let prev = s.objects[key] {
                    e.kind = .modified
                    e.previous = prev
                } else {
                    s.sortedKeys = nil
                }
                s.objects[key] = e.object
                event = e
            } else {
                let prev: CachedObject
                if let p = s.objects[key] {
                    prev = p
                } else if let p = try? CachedObject.decode(key: key, value: ev.kv.value, revision: rev) {
                    prev = p
                } else {
                    if rev > s.revision { s.revision = rev }
                    return []
                }
                s.objects[key] = nil
                s.sortedKeys = nil
                event = CacheEvent(kind: .deleted, object: prev.restamped(rev), previous: prev)
            }
            if rev > s.revision { s.revision = rev }
            appendHistory(&s, event)
            var dropped: [UInt64] = []
            for (id, w) in s.watchers {
                let matchesNow = event.kind != .deleted && w.filter.matches(event.object)
                let matchedBefore = event.previous.map { w.filter.matches($0) } ?? false
                var out: CacheEvent?
                switch event.kind {
                case .added: if matchesNow { out = event }
                case .modified:
                    if matchesNow && matchedBefore { out = event }
                    else if matchesNow { out = CacheEvent(kind: .added, object: event.object, previous: nil) }
                    else if matchedBefore { out = CacheEvent(kind: .deleted, object: event.object, previous: event.previous) }
                case .deleted: if matchedBefore { out = event }
                }
                if let out, case .dropped = w.continuation.yield(.event(out)) { dropped.append(id) }
            }
            return dropped.compactMap { s.watchers.removeValue(forKey: $0) }
        }
        for w in droppedWatchers { w.continuation.finish() }
    }

    private func appendHistory(_ s: inout State, _ e: CacheEvent) {
        if s.history.count < historyCapacity {
            s.history.append(e)
        } else {
            s.history[s.historyStart] = e
            s.historyStart = (s.historyStart + 1) % historyCapacity
            s.oldestHistoryRevision = s.history[s.historyStart].revision - 1
        }
    }

    /// The revision this cache's contents are current at: its own last event, or later if the
    /// clock says every change up to then has been applied. Read under the cache's lock.
    private func currentRevision(_ s: State) -> Int64 { max(s.revision, clock.current) }

    public var revision: Int64 { state.withLock { currentRevision($0) } }

    func noteWrite(_ revision: Int64) { lastWritten.max(revision, ordering: .relaxed) }

    /// Returns once this cache holds every write this server made to its resource (enough for
    /// server-internal checks such as "does the namespace exist").
    func waitForOwnWrites() async { await clock.waitFor(lastWritten.load(ordering: .relaxed)) }

    /// Returns once every cache has seen `revision`.
    public func waitFor(revision: Int64) async { await clock.waitFor(revision) }

    public func get(_ key: String) -> CachedObject? { state.withLock { $0.objects[key] } }

    /// Objects whose keys start with `keyPrefix`, in key order, from `startKey` on, with the
    /// cache's revision.
    public func list(keyPrefix: String, startKey: String? = nil) -> (items: [CachedObject], revision: Int64) {
        state.withLock { s in
            if s.sortedKeys == nil { s.sortedKeys = s.objects.keys.sorted() }
            let keys = s.sortedKeys!
            var lo = 0, hi = keys.count
            let from = max(keyPrefix, startKey ?? "")
            while lo < hi {
                let mid = (lo + hi) / 2
                if keys[mid] < from { lo = mid + 1 } else { hi = mid }
            }
            var out: [CachedObject] = []
            var i = lo
            while i < keys.count, keys[i].hasPrefix(keyPrefix) {
                out.append(s.objects[keys[i]]!)
                i += 1
            }
            return (out, currentRevision(s))
        }
    }

    public enum WatchStart: Sendable {
        /// Synthetic ADDED events for the current state, then changes.
        case currentState
        /// Changes after this revision, from history.
        case after(Int64)
    }

    /// Registers a watcher. Throws 410 Gone when `after` is older than the history.
    /// `initialCount` is the number of synthetic ADDED events queued first for `.currentState`.
    public func watch(from start: WatchStart, filter: Filter, bookmarks: Bool)
        throws(APIError) -> (stream: AsyncStream<WatchItem>, revision: Int64, initialCount: Int, cancel: @Sendable () -> Void)
    {
        let (stream, continuation) = AsyncStream.makeStream(of: WatchItem.self, bufferingPolicy: .bufferingOldest(watcherBuffer))
        let result: Result<(UInt64, Int64, Int), APIError> = state.withLock { s in
            var initial = 0
            func send(_ e: CacheEvent) { continuation.yield(.event(e)) }
            switch start {
            case .currentState:
                if s.sortedKeys == nil { s.sortedKeys = s.objects.keys.sorted() }
                for k in s.sortedKeys! {
                    let o = s.objects[k]!
                    if filter.matches(o) {
                        send(CacheEvent(kind: .added, object: o, previous: nil))
                        initial += 1
                    }
                }
            case .after(let rev):
                if rev < s.oldestHistoryRevision {
                    return .failure(APIError.gone("too old resource version: \(rev) (\(s.oldestHistoryRevision))"))
                }
                let n = s.history.count
                for i in 0..<n {
                    let e = s.history[(s.historyStart + i) % n]
                    guard e.revision > rev else { continue }
                    let matchesNow = e.kind != .deleted && filter.matches(e.object)
                    let matchedBefore = e.previous.map { filter.matches($0) } ?? false
                    switch e.kind {
                    case .added: if matchesNow { send(e) }
                    case .modified:
                        if matchesNow && matchedBefore { send(e) }
                        else if matchesNow { send(CacheEvent(kind: .added, object: e.object, previous: nil)) }
                        else if matchedBefore { send(CacheEvent(kind: .deleted, object: e.object, previous: e.previous)) }
                    case .deleted: if matchedBefore { send(e) }
                    }
                }
            }
            let id = s.nextWatcherID
            s.nextWatcherID += 1
            s.watchers[id] = Watcher(continuation: continuation, filter: filter, wantsBookmarks: bookmarks)
            return .success((id, currentRevision(s), initial))
        }
        switch result {
        case .failure(let e):
            continuation.finish()
            throw e
        case .success(let (id, rev, initial)):
            let cancel: @Sendable () -> Void = { [weak self] in
                let w = self?.state.withLock { s in s.watchers.removeValue(forKey: id) }
                w?.continuation.finish()
            }
            continuation.onTermination = { [weak self] _ in
                _ = self?.state.withLock { s in s.watchers.removeValue(forKey: id) }
            }
            return (stream, rev, initial, cancel)
        }
    }

    /// Sends a BOOKMARK at the current revision to every watcher that asked for bookmarks. It is
    /// queued behind the events already sent, so its revision never runs ahead of them.
    public func broadcastBookmarks() {
        state.withLock { s in
            guard s.revision >= 0 else { return }
            let rev = currentRevision(s)
            for w in s.watchers.values where w.wantsBookmarks { w.continuation.yield(.bookmark(rev)) }
        }
    }

    public var watcherCount: Int { state.withLock { $0.watchers.count } }
}
