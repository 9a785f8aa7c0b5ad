/// The single writer of a SQLite store, committing in groups.
///
/// One dedicated thread owns the write connection. Callers enqueue operations; the thread
/// takes everything queued (up to `maxBatch`), applies each operation in order inside ONE
/// transaction (each gets its own revision and its own precondition check, which sees the rows
/// written earlier in the batch), commits once, and only then resumes the callers and then
/// publishes the batch's events. Under load one fsync covers many writes; alone, a write commits at once.
///
/// A failed precondition (key exists, conflict, not found) fails only that operation. An
/// SQLite error rolls the whole batch back and fails every operation in it, so a caller is
/// never told a write succeeded unless its commit did.
final class SQLiteWriter: @unchecked Sendable {
    enum Operation: Sendable {
        case create(key: String, value: [UInt8])
        case update(key: String, value: [UInt8], expectedModRevision: Int64)
        case delete(key: String, expectedModRevision: Int64?)
        case compact(revision: Int64)
    }

    enum Outcome: Sendable {
        case revision(Int64)
        case deleted(KeyValue, revision: Int64)
        case compacted
    }

    /// Called on the writer thread after each commit, in commit order.
    typealias CommitHandler = @Sendable (_ revision: Int64, _ compacted: Int64, _ events: [WatchEvent]) -> Void

    private struct Pending {
        var operation: Operation
        var complete: @Sendable (Result<Outcome, Error>) -> Void
    }

    /// Bounds one transaction so a flood of writers still sees steady commit latency.
    static let maxBatch = 1000

    private let queue = JobQueue<Pending>()
    private let connection: SQLiteConnection
    private let onCommit: CommitHandler
    // Owned by the writer thread after `start`.
    private var revision: Int64
    private var compacted: Int64

    init(connection: SQLiteConnection, revision: Int64, compacted: Int64, onCommit: @escaping CommitHandler) {
        self.connection = connection
        self.revision = revision
        self.compacted = compacted
        self.onCommit = onCommit
    }

    func start() {
        queue.startThread(name: "bosun-sqlite-writer") { [self] in
            while true {
                let batch = queue.take(max: Self.maxBatch)
                if batch.isEmpty { break }
                commit(batch)
            }
            connection.close()
        }
    }

    /// Applies `operation` durably; throws the operation's own failure or `.closed`.
    func submit(_ operation: Operation) async throws -> Outcome {
        try await withCheckedThrowingContinuation { continuation in
            let pending = Pending(operation: operation) { continuation.resume(with: $0) }
            if !queue.push(pending) {
                continuation.resume(throwing: StorageError.closed)
            }
        }
    }

    /// Commits what is queued, refuses new work, closes the connection, and waits for it.
    func shutdown() async {
        queue.close()
        await queue.waitForThreads()
    }

    // MARK: - Writer thread

    private func commit(_ batch: [Pending]) {
        let startRevision = revision
        let startCompacted = compacted
        var results: [Result<Outcome, Error>] = []
        var events: [WatchEvent] = []
        results.reserveCapacity(batch.count)
        do {
            try connection.statement("BEGIN IMMEDIATE").run()
            for pending in batch {
                results.append(try apply(pending.operation, events: &events))
            }
            try connection.statement("COMMIT").run()
        } catch {
            // SQLite may already have rolled back; a second rollback failing is harmless.
            try? connection.execute("ROLLBACK")
            revision = startRevision
            compacted = startCompacted
            for pending in batch { pending.complete(.failure(error)) }
            return
        }
        // Callers first: a writer waiting on its acknowledgement is latency on the request path,
        // while watchers (the API server's cache feeder) only need the events in order.
        for (pending, result) in zip(batch, results) { pending.complete(result) }
        onCommit(revision, compacted, events)
    }

    /// Applies one operation inside the open transaction. Precondition failures are returned;
    /// SQLite errors are thrown and abort the batch.
    private func apply(_ operation: Operation, events: inout [WatchEvent]) throws -> Result<Outcome, Error> {
        switch operation {
        case let .create(key, value):
            let newest = try connection.newestRow(key)
            if let newest, !newest.deleted { return .failure(StorageError.keyExists(key)) }
            let row = try insert(key, value: value, created: true, deleted: false,
                                 createRevision: revision + 1, prevRevision: newest?.id ?? 0)
            events.append(row.watchEvent(previousValue: nil))
            return .success(.revision(row.id))

        case let .update(key, value, expected):
            guard let current = try connection.newestRow(key), !current.deleted else {
                return .failure(StorageError.notFound(key))
            }
            guard current.id == expected else {
                return .failure(StorageError.conflict(key: key, currentModRevision: current.id))
            }
            let row = try insert(key, value: value, created: false, deleted: false,
                                 createRevision: current.createRevision, prevRevision: current.id)
            events.append(row.watchEvent(previousValue: current.value))
            return .success(.revision(row.id))

        case let .delete(key, expected):
            guard let current = try connection.newestRow(key), !current.deleted else {
                return .failure(StorageError.notFound(key))
            }
            if let expected, current.id != expected {
                return .failure(StorageError.conflict(key: key, currentModRevision: current.id))
            }
            // The tombstone repeats the last value so a replayed delete event can carry it.
            let row = try insert(key, value: current.value, created: false, deleted: true,
                                 createRevision: current.createRevision, prevRevision: current.id)
            events.append(row.watchEvent(previousValue: current.value))
            return .success(.deleted(current.keyValue, revision: row.id))

        case let .compact(target):
            if target > revision {
                return .failure(StorageError.futureRevision(requested: target, current: revision))
            }
            if target > compacted {
                try compactHistory(through: target)
                compacted = target
            }
            return .success(.compacted)
        }
    }

    private func insert(_ key: String, value: [UInt8], created: Bool, deleted: Bool,
                        createRevision: Int64, prevRevision: Int64) throws -> SQLiteConnection.StoredRow {
        let id = revision + 1
        let statement = try connection.statement("""
            INSERT INTO kv (id, name, created, deleted, create_revision, prev_revision, value)
            VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
            """)
        statement.bind(1, id)
        statement.bind(2, text: key)
        statement.bind(3, created)
        statement.bind(4, deleted)
        statement.bind(5, createRevision)
        statement.bind(6, prevRevision)
        statement.bind(7, blob: value)
        try statement.run()
        revision = id
        return .init(id: id, name: key, created: created, deleted: deleted,
                     createRevision: createRevision, prevRevision: prevRevision, value: value)
    }

    /// Deletes, at or below `target`, every tombstone and every row superseded by a newer row
    /// of the same key that is also at or below `target`. What remains answers any read at
    /// `target` or later exactly as before.
    private func compactHistory(through target: Int64) throws {
        let delete = try connection.statement("""
            DELETE FROM kv WHERE id <= ?1 AND (deleted = 1 OR id < (
                SELECT MAX(n.id) FROM kv AS n WHERE n.name = kv.name AND n.id <= ?1))
            """)
        delete.bind(1, target)
        try delete.run()
        let record = try connection.statement("UPDATE meta SET value = ?1 WHERE key = 'compacted_revision'")
        record.bind(1, target)
        try record.run()
    }
}
