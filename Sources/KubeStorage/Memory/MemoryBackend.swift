import Foundation

/// The etcd data model held in memory, with the same semantics as `SQLiteBackend`.
///
/// Meant for API server and controller tests: every operation runs under one lock, so it is
/// fast and deterministic, and nothing survives the process.
public final class MemoryBackend: StorageBackend, @unchecked Sendable {
    /// One stored version of a key: a put or a deletion tombstone.
    private struct Version {
        var revision: Int64
        var createRevision: Int64
        var value: [UInt8]
        var isDeleted: Bool
        /// The version this one replaced (nil when it created the key).
        var previous: KeyValue?
    }

    /// One entry of the change log, kept for watch replay.
    private struct Change {
        var key: String
        var version: Version
    }

    private let lock = NSLock()
    /// Every retained version of each key, oldest first.
    private var versions: [String: [Version]] = [:]
    /// Changes after the compacted revision, in revision order.
    private var log: [Change] = []
    private var revision: Int64 = 0
    private var compacted: Int64 = 0
    private var isClosed = false
    private let hub: WatchHub

    /// - Parameter watchBufferLimit: undelivered events a watcher may accumulate before it is
    ///   ended with an error.
    public init(watchBufferLimit: Int = 100_000) {
        hub = WatchHub(bufferLimit: watchBufferLimit)
    }

    public func currentRevision() async throws -> Int64 {
        try locked { revision }
    }

    public func compactedRevision() async throws -> Int64 {
        try locked { compacted }
    }

    public func get(_ key: String) async throws -> KeyValue? {
        try locked { liveValue(key, at: revision) }
    }

    public func list(prefix: String, startKey: String?, limit: Int, revision requested: Int64) async throws -> ListResult {
        try locked {
            let readRevision = requested == 0 ? revision : requested
            try checkReadable(readRevision)
            let range = KeyRange(prefix: prefix, startKey: startKey)
            let keys = versions.keys.filter { range.contains($0) }.sorted { $0.precedesInKeyOrder($1) }
            var items: [KeyValue] = []
            var more = false
            for key in keys {
                guard let kv = liveValue(key, at: readRevision) else { continue }
                if limit > 0 && items.count == limit {
                    more = true
                    break
                }
                items.append(kv)
            }
            return ListResult(items: items, revision: readRevision, more: more)
        }
    }

    public func count(prefix: String) async throws -> Int {
        try locked {
            let range = KeyRange(prefix: prefix)
            return versions.keys.filter { range.contains($0) && liveValue($0, at: revision) != nil }.count
        }
    }

    public func create(_ key: String, value: [UInt8]) async throws -> Int64 {
        try locked {
            if liveValue(key, at: revision) != nil { throw StorageError.keyExists(key) }
            let next = revision + 1
            append(key, Version(revision: next, createRevision: next, value: value, isDeleted: false, previous: nil))
            return next
        }
    }

    public func update(_ key: String, value: [UInt8], expectedModRevision: Int64) async throws -> Int64 {
        try locked {
            guard let current = liveValue(key, at: revision) else { throw StorageError.notFound(key) }
            guard current.modRevision == expectedModRevision else {
                throw StorageError.conflict(key: key, currentModRevision: current.modRevision)
            }
            let next = revision + 1
            append(key, Version(revision: next, createRevision: current.createRevision, value: value, isDeleted: false, previous: current))
            return next
        }
    }

    public func delete(_ key: String, expectedModRevision: Int64?) async throws -> (deleted: KeyValue, revision: Int64) {
        try locked {
            guard let current = liveValue(key, at: revision) else { throw StorageError.notFound(key) }
            if let expectedModRevision, current.modRevision != expectedModRevision {
                throw StorageError.conflict(key: key, currentModRevision: current.modRevision)
            }
            let next = revision + 1
            // A tombstone keeps the last value so that the delete event can carry it.
            append(key, Version(revision: next, createRevision: current.createRevision, value: current.value, isDeleted: true, previous: current))
            return (current, next)
        }
    }

    public func watch(prefix: String, afterRevision: Int64) async throws -> AsyncThrowingStream<WatchEvent, Error> {
        // Subscribing and replaying under the store lock makes the snapshot exact: no write
        // can commit between them.
        try locked {
            if afterRevision < compacted {
                throw StorageError.compacted(requested: afterRevision, compacted: compacted)
            }
            let subscription = try hub.subscribe(prefix: prefix)
            let range = KeyRange(prefix: prefix)
            let replay = log.lazy
                .filter { $0.version.revision > afterRevision && range.contains($0.key) }
                .map { MemoryBackend.event(for: $0) }
            hub.beginLive(subscription.id, replay: Array(replay), snapshotRevision: revision)
            return subscription.stream
        }
    }

    public func compact(revision target: Int64) async throws {
        try locked {
            if target > revision { throw StorageError.futureRevision(requested: target, current: revision) }
            guard target > compacted else { return }
            for (key, history) in versions {
                // Keep the newest version at or below the target (unless it is a tombstone)
                // and everything after it.
                let newestAtTarget = history.lastIndex { $0.revision <= target }
                var kept = Array(history.filter { $0.revision > target })
                if let index = newestAtTarget, !history[index].isDeleted {
                    kept.insert(history[index], at: 0)
                }
                versions[key] = kept.isEmpty ? nil : kept
            }
            log.removeAll { $0.version.revision <= target }
            compacted = target
        }
    }

    public func close() async throws {
        lock.withLock { isClosed = true }
        hub.finishAll()
    }

    // MARK: - Helpers (called with the lock held)

    private func locked<T>(_ body: () throws -> T) throws -> T {
        try lock.withLock {
            guard !isClosed else { throw StorageError.closed }
            return try body()
        }
    }

    private func checkReadable(_ readRevision: Int64) throws {
        if readRevision < compacted {
            throw StorageError.compacted(requested: readRevision, compacted: compacted)
        }
        if readRevision > revision {
            throw StorageError.futureRevision(requested: readRevision, current: revision)
        }
    }

    /// The key's value as of `atRevision`, or nil when absent or deleted then.
    private func liveValue(_ key: String, at atRevision: Int64) -> KeyValue? {
        guard let history = versions[key],
              let version = history.last(where: { $0.revision <= atRevision }),
              !version.isDeleted
        else { return nil }
        return KeyValue(key: key, value: version.value, createRevision: version.createRevision, modRevision: version.revision)
    }

    private func append(_ key: String, _ version: Version) {
        revision = version.revision
        versions[key, default: []].append(version)
        let change = Change(key: key, version: version)
        log.append(change)
        hub.publish([MemoryBackend.event(for: change)])
    }

    private static func event(for change: Change) -> WatchEvent {
        let v = change.version
        let kv = KeyValue(key: change.key, value: v.value, createRevision: v.createRevision, modRevision: v.revision)
        return WatchEvent(kind: v.isDeleted ? .delete : .put, kv: kv, previous: v.previous)
    }
}
