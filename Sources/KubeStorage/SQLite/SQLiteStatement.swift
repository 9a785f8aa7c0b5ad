import CSQLite

/// A prepared statement owned by one `SQLiteConnection`; binds parameters and reads columns.
///
/// Parameter and column indexes follow SQLite: parameters from 1, columns from 0.
final class SQLiteStatement {
    private var pointer: OpaquePointer?
    private unowned let connection: SQLiteConnection

    /// Tells SQLite to copy bound bytes before the bind call returns.
    private static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

    init(_ pointer: OpaquePointer, connection: SQLiteConnection) {
        self.pointer = pointer
        self.connection = connection
    }

    private var statement: OpaquePointer {
        guard let pointer else { preconditionFailure("statement used after finalize") }
        return pointer
    }

    func reset() {
        sqlite3_reset(statement)
        sqlite3_clear_bindings(statement)
    }

    func finalize() {
        sqlite3_finalize(pointer)
        pointer = nil
    }

    func bind(_ index: Int32, _ value: Int64) {
        sqlite3_bind_int64(statement, index, value)
    }

    func bind(_ index: Int32, _ value: Bool) {
        sqlite3_bind_int64(statement, index, value ? 1 : 0)
    }

    func bind(_ index: Int32, text: String) {
        bind(index, textBytes: Array(text.utf8))
    }

    /// Binds raw bytes as TEXT. Range bounds such as a prefix end may not be valid UTF-8, which
    /// SQLite accepts and compares bytewise under the BINARY collation.
    func bind(_ index: Int32, textBytes bytes: [UInt8]) {
        if bytes.isEmpty {
            // A nil pointer would bind NULL; the empty key must stay an empty string.
            _ = sqlite3_bind_text(statement, index, "", 0, Self.transient)
            return
        }
        bytes.withUnsafeBytes { buffer in
            let base = buffer.baseAddress!.assumingMemoryBound(to: CChar.self)
            _ = sqlite3_bind_text(statement, index, base, Int32(buffer.count), Self.transient)
        }
    }

    /// Binds bytes as a BLOB; an empty value binds a zero-length blob, never NULL.
    func bind(_ index: Int32, blob bytes: [UInt8]) {
        if bytes.isEmpty {
            sqlite3_bind_zeroblob(statement, index, 0)
            return
        }
        bytes.withUnsafeBytes { buffer in
            _ = sqlite3_bind_blob(statement, index, buffer.baseAddress, Int32(buffer.count), Self.transient)
        }
    }

    /// Advances to the next row: true when a row is ready, false when the statement is done.
    func step() throws -> Bool {
        let rc = sqlite3_step(statement)
        switch rc {
        case SQLITE_ROW: return true
        case SQLITE_DONE: return false
        default:
            let sql = sqlite3_sql(statement).map { String(cString: $0) } ?? "statement"
            throw connection.error(rc, during: sql)
        }
    }

    /// Steps a statement that returns no rows (INSERT, UPDATE, DELETE).
    func run() throws {
        defer { sqlite3_reset(statement) }
        while try step() {}
    }

    func isNull(_ column: Int32) -> Bool {
        sqlite3_column_type(statement, column) == SQLITE_NULL
    }

    func int64(_ column: Int32) -> Int64 {
        sqlite3_column_int64(statement, column)
    }

    func bool(_ column: Int32) -> Bool {
        sqlite3_column_int64(statement, column) != 0
    }

    func text(_ column: Int32) -> String {
        guard let bytes = sqlite3_column_text(statement, column) else { return "" }
        let count = Int(sqlite3_column_bytes(statement, column))
        return String(decoding: UnsafeBufferPointer(start: bytes, count: count), as: UTF8.self)
    }

    func blob(_ column: Int32) -> [UInt8] {
        let count = Int(sqlite3_column_bytes(statement, column))
        guard count > 0, let bytes = sqlite3_column_blob(statement, column) else { return [] }
        return Array(UnsafeRawBufferPointer(start: bytes, count: count))
    }
}
