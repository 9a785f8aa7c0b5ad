import CSQLite

/// One SQLite connection with a cache of prepared statements.
///
/// Not thread-safe by design: SQLite is opened with `SQLITE_OPEN_NOMUTEX`, and each connection
/// is confined to the one dedicated thread that owns it (the writer or a reader). It is marked
/// `@unchecked Sendable` only so it can be handed to that thread once.
final class SQLiteConnection: @unchecked Sendable {
    let path: String
    private var handle: OpaquePointer?
    private var statements: [String: SQLiteStatement] = [:]

    init(path: String) throws {
        self.path = path
        var db: OpaquePointer?
        let flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX
        let rc = sqlite3_open_v2(path, &db, flags, nil)
        guard rc == SQLITE_OK, let db else {
            let message = db.map { String(cString: sqlite3_errmsg($0)) } ?? "out of memory"
            sqlite3_close_v2(db)
            throw StorageError.io("cannot open SQLite database \(path): \(message)")
        }
        handle = db
        sqlite3_extended_result_codes(db, 1)
    }

    deinit { close() }

    var db: OpaquePointer {
        guard let handle else { preconditionFailure("SQLite connection to \(path) used after close") }
        return handle
    }

    /// Runs SQL that returns no rows (may hold several statements).
    func execute(_ sql: String) throws {
        var errorMessage: UnsafeMutablePointer<CChar>?
        let rc = sqlite3_exec(db, sql, nil, nil, &errorMessage)
        if rc != SQLITE_OK {
            let detail = errorMessage.map { String(cString: $0) } ?? String(cString: sqlite3_errstr(rc))
            sqlite3_free(errorMessage)
            throw error(rc, detail: detail, during: sql)
        }
    }

    /// A prepared statement for `sql`, reset and ready to bind. Statements are prepared once per
    /// connection and reused, which matters on the hot write path.
    func statement(_ sql: String) throws -> SQLiteStatement {
        if let cached = statements[sql] {
            cached.reset()
            return cached
        }
        var pointer: OpaquePointer?
        let rc = sqlite3_prepare_v3(db, sql, -1, UInt32(SQLITE_PREPARE_PERSISTENT), &pointer, nil)
        guard rc == SQLITE_OK, let pointer else {
            throw error(rc, during: sql)
        }
        let statement = SQLiteStatement(pointer, connection: self)
        statements[sql] = statement
        return statement
    }

    /// Runs a query expected to return one integer (a pragma or an aggregate).
    func scalar(_ sql: String) throws -> Int64? {
        let statement = try self.statement(sql)
        defer { statement.reset() }
        guard try statement.step(), !statement.isNull(0) else { return nil }
        return statement.int64(0)
    }

    /// Runs a query expected to return one text value (for pragmas such as `journal_mode`).
    func text(_ sql: String) throws -> String? {
        let statement = try self.statement(sql)
        defer { statement.reset() }
        guard try statement.step(), !statement.isNull(0) else { return nil }
        return statement.text(0)
    }

    /// Maps an SQLite result code to the storage error the operator or caller should see.
    func error(_ rc: Int32, detail: String? = nil, during operation: String) -> StorageError {
        let message = detail ?? handle.map { String(cString: sqlite3_errmsg($0)) } ?? String(cString: sqlite3_errstr(rc))
        switch rc & 0xFF {
        case SQLITE_CORRUPT, SQLITE_NOTADB:
            return .corrupt("\(path) is not a usable SQLite database (\(message)). Bosun will not reset it: restore it from a backup or move it aside to start with an empty store.")
        default:
            return .io("SQLite error \(rc) on \(path) (\(message)) during: \(operation)")
        }
    }

    func close() {
        statements.values.forEach { $0.finalize() }
        statements.removeAll()
        if let handle {
            sqlite3_close_v2(handle)
            self.handle = nil
        }
    }
}
