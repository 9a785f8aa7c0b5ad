import Synchronization

/// What a controller is waiting to see in its informer after its own writes (upstream's
/// `ControllerExpectations` with `UIDTrackingControllerExpectations` folded in).
///
/// A controller that has just created N pods must not sync again from a cache that does not
/// show them yet, or it would create them twice. Before writing it records what it expects;
/// informer handlers record what they observe; a sync runs only once its key is satisfied:
/// every expected add and delete was seen, or the record is older than `ttl` (5 minutes
/// upstream, in case a watch event was lost), or there is no record at all.
///
/// Deletions are tracked by the deleted object's key, so that seeing a pod first as
/// terminating (an update) and then as gone (a delete) lowers the count once.
public final class ControllerExpectations: Sendable {
    struct Record {
        var adds: Int
        var deletes: Int
        var pendingDeletes: Set<String>
        var timestamp: ContinuousClock.Instant
        var fulfilled: Bool { adds <= 0 && deletes <= 0 }
    }

    /// How long a record may wait before the controller syncs regardless.
    public let ttl: Duration
    private let now: @Sendable () -> ContinuousClock.Instant
    private let records = Mutex<[String: Record]>([:])

    public init(ttl: Duration = .seconds(300), now: @escaping @Sendable () -> ContinuousClock.Instant = { .now }) {
        self.ttl = ttl
        self.now = now
    }

    /// True when the controller for `key` may sync: no record, every expectation observed,
    /// or the record expired.
    public func satisfied(_ key: String) -> Bool {
        let now = now()
        return records.withLock { r in
            guard let rec = r[key] else { return true }
            return rec.fulfilled || now - rec.timestamp > ttl
        }
    }

    /// Replaces the record for `key`: `count` creations are expected.
    public func expectCreations(_ key: String, _ count: Int) {
        set(key, Record(adds: count, deletes: 0, pendingDeletes: [], timestamp: now()))
    }

    /// Replaces the record for `key`: the objects with these keys are expected to go away.
    public func expectDeletions(_ key: String, objectKeys: [String]) {
        let pending = Set(objectKeys)
        set(key, Record(adds: 0, deletes: pending.count, pendingDeletes: pending, timestamp: now()))
    }

    /// Replaces the record for `key` with plain counts (for controllers that do not track
    /// which objects they delete).
    public func setExpectations(_ key: String, adds: Int, deletes: Int) {
        set(key, Record(adds: adds, deletes: deletes, pendingDeletes: [], timestamp: now()))
    }

    /// Adds to an existing record (or starts one).
    public func raise(_ key: String, adds: Int = 0, deletes: Int = 0) {
        let now = now()
        records.withLock { r in
            var rec = r[key] ?? Record(adds: 0, deletes: 0, pendingDeletes: [], timestamp: now)
            rec.adds += adds
            rec.deletes += deletes
            r[key] = rec
        }
    }

    /// One expected creation was seen (or will never be: a create failed).
    public func creationObserved(_ key: String) {
        records.withLock { r in r[key]?.adds -= 1 }
    }

    /// The object `objectKey` was seen going away (or its delete failed). Only the first
    /// observation of a tracked object counts; an untracked key lowers a plain count.
    public func deletionObserved(_ key: String, objectKey: String? = nil) {
        records.withLock { r in
            guard var rec = r[key] else { return }
            if let objectKey, !rec.pendingDeletes.isEmpty {
                guard rec.pendingDeletes.remove(objectKey) != nil else { return }
            }
            rec.deletes -= 1
            r[key] = rec
        }
    }

    /// Forgets `key` (its owner was deleted).
    public func delete(_ key: String) {
        _ = records.withLock { $0.removeValue(forKey: key) }
    }

    /// Outstanding (adds, deletes) for `key`, if a record exists: for tests and logs.
    public func pending(_ key: String) -> (adds: Int, deletes: Int)? {
        records.withLock { r in r[key].map { ($0.adds, $0.deletes) } }
    }

    private func set(_ key: String, _ record: Record) {
        records.withLock { $0[key] = record }
    }
}
