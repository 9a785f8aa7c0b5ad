/// Plain SQLite with the backend's durability, for benchmarks to measure the backend against.
///
/// Opens (or creates) a store file with the same schema and pragmas as `SQLiteBackend` (WAL,
/// `synchronous=FULL`) and writes each row in its own transaction: no group commit, no
/// precondition read, no watch fan-out. The gap between this and `SQLiteBackend.create` under
/// one writer is the backend's overhead; under many writers, group commit should beat it.
///
/// Blocking and single-threaded: call it from one thread (or one task) at a time, not from
/// code that shares the cooperative pool with latency-sensitive work.
public final class SQLiteRawBaseline: @unchecked Sendable {
    private let connection: SQLiteConnection
    private var revision: Int64

    public init(path: String) throws {
        connection = try SQLiteConnection(path: path)
        do {
            try SQLiteSchema.prepare(connection, integrityCheck: .quick)
            // Only after the file proved to be ours: switching to WAL rewrites its header.
            try SQLiteSchema.configure(connection)
            revision = try connection.revisions().current
        } catch {
            connection.close()
            throw error
        }
    }

    /// Inserts one row in its own committed (fsynced) transaction; returns its revision.
    @discardableResult
    public func insert(key: String, value: [UInt8]) throws -> Int64 {
        let statement = try connection.statement("""
            INSERT INTO kv (id, name, created, deleted, create_revision, prev_revision, value)
            VALUES (?1, ?2, 1, 0, ?1, 0, ?3)
            """)
        statement.bind(1, revision + 1)
        statement.bind(2, text: key)
        statement.bind(3, blob: value)
        // Autocommit: the INSERT is its own transaction, committed before `run` returns.
        try statement.run()
        revision += 1
        return revision
    }

    public func close() {
        connection.close()
    }
}
