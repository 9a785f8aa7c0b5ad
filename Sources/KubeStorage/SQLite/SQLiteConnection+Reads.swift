/// The queries that read the `kv` table. Used by reader connections and, inside a write
/// transaction, by the writer to check preconditions against its own uncommitted rows.
extension SQLiteConnection {
    /// One row of `kv`: a put or a tombstone at revision `id`.
    struct StoredRow {
        var id: Int64
        var name: String
        var created: Bool
        var deleted: Bool
        var createRevision: Int64
        var prevRevision: Int64
        var value: [UInt8]

        var keyValue: KeyValue {
            KeyValue(key: name, value: value, createRevision: createRevision, modRevision: id)
        }
    }

    /// The newest revision and the compacted revision as of this connection's snapshot.
    ///
    /// A compaction may delete the newest row (a tombstone at or below the compacted revision),
    /// but the compacted revision is never above the newest revision, so the maximum of the two
    /// is the revision counter.
    func revisions() throws -> (current: Int64, compacted: Int64) {
        let newest = try scalar("SELECT MAX(id) FROM kv") ?? 0
        let compacted = try scalar("SELECT value FROM meta WHERE key = 'compacted_revision'") ?? 0
        return (max(newest, compacted), compacted)
    }

    /// The newest row for `name` (live or tombstone), or nil when the key never existed or was
    /// compacted away.
    func newestRow(_ name: String) throws -> StoredRow? {
        let statement = try self.statement("""
            SELECT id, created, deleted, create_revision, prev_revision, value
            FROM kv WHERE name = ?1 ORDER BY id DESC LIMIT 1
            """)
        defer { statement.reset() }
        statement.bind(1, text: name)
        guard try statement.step() else { return nil }
        return StoredRow(
            id: statement.int64(0), name: name, created: statement.bool(1), deleted: statement.bool(2),
            createRevision: statement.int64(3), prevRevision: statement.int64(4), value: statement.blob(5))
    }

    /// The live keys in `range` as of `revision`, in key order, at most `limit` (0 = all), and
    /// whether more matched.
    ///
    /// Walks the `(name, id)` index in key order and keeps a row only when it is its key's
    /// newest at or below `revision`, so a page stops after `limit` hits instead of grouping
    /// the whole range first.
    func liveKeys(in range: KeyRange, atRevision revision: Int64, limit: Int) throws -> (items: [KeyValue], more: Bool) {
        if range.isEmpty { return ([], false) }
        let upperClause = range.upper == nil ? "" : "AND k.name < ?3"
        let statement = try self.statement("""
            SELECT k.id, k.name, k.create_revision, k.value FROM kv AS k
            WHERE k.name >= ?1 \(upperClause) AND k.id <= ?2 AND k.deleted = 0
              AND k.id = (SELECT MAX(n.id) FROM kv AS n WHERE n.name = k.name AND n.id <= ?2)
            ORDER BY k.name LIMIT ?4
            """)
        defer { statement.reset() }
        statement.bind(1, textBytes: range.lower)
        statement.bind(2, revision)
        if let upper = range.upper { statement.bind(3, textBytes: upper) }
        statement.bind(4, limit > 0 ? Int64(limit) + 1 : -1)
        var items: [KeyValue] = []
        while try statement.step() {
            if limit > 0 && items.count == limit { return (items, true) }
            items.append(KeyValue(key: statement.text(1), value: statement.blob(3),
                                  createRevision: statement.int64(2), modRevision: statement.int64(0)))
        }
        return (items, false)
    }

    /// The number of live keys in `range` now.
    func countLiveKeys(in range: KeyRange) throws -> Int {
        if range.isEmpty { return 0 }
        let upperClause = range.upper == nil ? "" : "AND k.name < ?2"
        let statement = try self.statement("""
            SELECT COUNT(*) FROM kv AS k
            WHERE k.name >= ?1 \(upperClause) AND k.deleted = 0
              AND k.id = (SELECT MAX(n.id) FROM kv AS n WHERE n.name = k.name)
            """)
        defer { statement.reset() }
        statement.bind(1, textBytes: range.lower)
        if let upper = range.upper { statement.bind(2, textBytes: upper) }
        guard try statement.step() else { return 0 }
        return Int(statement.int64(0))
    }

    /// Every change in `range` after `revision`, in revision order, as watch events.
    func changes(in range: KeyRange, after revision: Int64) throws -> [WatchEvent] {
        let upperClause = range.upper == nil ? "" : "AND k.name < ?3"
        let statement = try self.statement("""
            SELECT k.id, k.name, k.created, k.deleted, k.create_revision, k.prev_revision, k.value, p.value
            FROM kv AS k LEFT JOIN kv AS p ON p.id = k.prev_revision
            WHERE k.id > ?1 AND k.name >= ?2 \(upperClause)
            ORDER BY k.id
            """)
        defer { statement.reset() }
        statement.bind(1, revision)
        statement.bind(2, textBytes: range.lower)
        if let upper = range.upper { statement.bind(3, textBytes: upper) }
        var events: [WatchEvent] = []
        while try statement.step() {
            let row = StoredRow(
                id: statement.int64(0), name: statement.text(1), created: statement.bool(2),
                deleted: statement.bool(3), createRevision: statement.int64(4),
                prevRevision: statement.int64(5), value: statement.blob(6))
            // The replaced row's value; compaction keeps it, as it is the newest at or below
            // any compacted revision this row is above.
            let previousValue = statement.isNull(7) ? nil : statement.blob(7)
            events.append(row.watchEvent(previousValue: previousValue))
        }
        return events
    }
}

extension SQLiteConnection.StoredRow {
    /// The watch event this row records. A tombstone repeats the deleted value, so only an
    /// update needs the replaced row's value.
    func watchEvent(previousValue: [UInt8]?) -> WatchEvent {
        if deleted {
            let previous = KeyValue(key: name, value: value, createRevision: createRevision, modRevision: prevRevision)
            return WatchEvent(kind: .delete, kv: keyValue, previous: previous)
        }
        if created {
            return WatchEvent(kind: .put, kv: keyValue, previous: nil)
        }
        let previous = KeyValue(key: name, value: previousValue ?? [], createRevision: createRevision, modRevision: prevRevision)
        return WatchEvent(kind: .put, kv: keyValue, previous: previous)
    }
}
