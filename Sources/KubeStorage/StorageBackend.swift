/// The etcd data model that every Bosun store implements.
///
/// One global revision counter orders every write. Each key maps to a value with the revision
/// that created it and the revision that last modified it. Reads may be served at a past
/// revision until it is compacted; watches replay history from a revision and then follow new
/// writes. Values are opaque bytes: the API server stores encoded objects and returns them as
/// they are ("serialize once").
///
/// SQLite (the embedded default) and memory (tests) implement it today; an etcd v3 client
/// implements the same protocol later, so nothing above this layer may assume a local file.
public protocol StorageBackend: Sendable {
    /// The newest revision (0 for an empty store).
    func currentRevision() async throws -> Int64

    /// The oldest revision still readable; reads and watches below it fail with `.compacted`.
    func compactedRevision() async throws -> Int64

    /// The live value of a key, or nil.
    func get(_ key: String) async throws -> KeyValue?

    /// Keys with the given prefix in key order, starting at `startKey` (inclusive) when given,
    /// at most `limit` of them (0 means no limit), as of `revision` (0 means current).
    ///
    /// Key order is byte order of the UTF-8 encoding (as in etcd), so the next page starts at
    /// the last key plus "\u{0}". A past revision shows each key's newest version at or below
    /// it and hides keys deleted by then. Throws `.compacted` below the compacted revision and
    /// `.futureRevision` above the current one.
    func list(prefix: String, startKey: String?, limit: Int, revision: Int64) async throws -> ListResult

    /// Number of live keys with the prefix.
    func count(prefix: String) async throws -> Int

    /// Creates a key that must not exist. Returns the new revision. Throws `.keyExists`.
    func create(_ key: String, value: [UInt8]) async throws -> Int64

    /// Replaces a key's value if its mod revision still equals `expectedModRevision`.
    /// Returns the new revision. Throws `.notFound` or `.conflict(current:)`.
    func update(_ key: String, value: [UInt8], expectedModRevision: Int64) async throws -> Int64

    /// Deletes a key, if `expectedModRevision` is given only when it still matches.
    /// Returns the deleted pair and the deletion's revision. Throws `.notFound` or `.conflict`.
    func delete(_ key: String, expectedModRevision: Int64?) async throws -> (deleted: KeyValue, revision: Int64)

    /// Every change to keys under `prefix` after `afterRevision`, in revision order: first the
    /// stored history, then live changes. Throws `.compacted` when `afterRevision` is older
    /// than the compacted revision. The stream ends when the consumer stops iterating, when the
    /// store closes, or with an error if the watcher falls too far behind.
    ///
    /// `afterRevision` is literal: 0 replays all retained history; to follow only new changes
    /// pass the current revision (for example the revision of a list just made). "Too far
    /// behind" means more undelivered events than the backend's watch buffer limit (100,000
    /// by default), replay included; the stream then throws `.io` and the consumer should list
    /// and watch again.
    func watch(prefix: String, afterRevision: Int64) async throws -> AsyncThrowingStream<WatchEvent, Error>

    /// Drops history at and below `revision` (live values are kept): superseded versions and
    /// deletion tombstones go, each key's newest version at or below it stays, and the
    /// revision counter never moves back. A revision at or below the compacted one is a no-op;
    /// one above the current revision throws `.futureRevision`.
    func compact(revision: Int64) async throws

    /// Flushes and closes. Calls after close throw `.closed`.
    func close() async throws
}

public struct KeyValue: Sendable, Hashable {
    public var key: String
    public var value: [UInt8]
    public var createRevision: Int64
    public var modRevision: Int64

    public init(key: String, value: [UInt8], createRevision: Int64, modRevision: Int64) {
        self.key = key
        self.value = value
        self.createRevision = createRevision
        self.modRevision = modRevision
    }
}

public struct ListResult: Sendable {
    public var items: [KeyValue]
    /// The revision the list was read at.
    public var revision: Int64
    /// True when more keys matched than `limit` returned.
    public var more: Bool
    public init(items: [KeyValue], revision: Int64, more: Bool) {
        self.items = items
        self.revision = revision
        self.more = more
    }
}

public struct WatchEvent: Sendable, Hashable {
    public enum Kind: Sendable, Hashable { case put, delete }
    public var kind: Kind
    /// For put: the new pair. For delete: the last value, with `modRevision` set to the
    /// deletion's revision.
    public var kv: KeyValue
    /// The pair before this change, when there was one (always for delete; for an update of an
    /// existing key).
    public var previous: KeyValue?
    /// True when the put created the key.
    public var isCreate: Bool { kind == .put && previous == nil }

    public init(kind: Kind, kv: KeyValue, previous: KeyValue?) {
        self.kind = kind
        self.kv = kv
        self.previous = previous
    }
}

public enum StorageError: Error, Sendable, Equatable {
    case keyExists(String)
    case notFound(String)
    /// The key's mod revision is no longer the expected one.
    case conflict(key: String, currentModRevision: Int64)
    /// The requested revision is older than the compacted revision.
    case compacted(requested: Int64, compacted: Int64)
    /// The requested revision is newer than the store's current revision.
    case futureRevision(requested: Int64, current: Int64)
    case closed
    /// The data dir or database is unusable; the message says why, for the operator.
    case corrupt(String)
    case io(String)
}
