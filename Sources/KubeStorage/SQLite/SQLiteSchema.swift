/// The on-disk layout of a Bosun SQLite store and the checks made when one is opened.
///
/// Following kine, the etcd model lives in one table with one row per revision:
///
///     kv(id = revision, name, created, deleted, create_revision, prev_revision, value)
///
/// A put appends a row; a delete appends a tombstone row that repeats the last value (so that
/// a replayed delete event can carry it); `prev_revision` links each row to the one it
/// replaced. A key's state at revision R is its newest row with `id <= R`. The index on
/// `(name, id, deleted)` serves both point lookups (newest row of one name) and prefix range
/// scans in key order; carrying `deleted` lets counts run from the index alone (2x faster on
/// 400k rows of 1 KB). Watch replay scans by `id`, the rowid. The `meta` table records the schema version and the compacted revision.
enum SQLiteSchema {
    /// The layout this build reads and writes. An unknown version is refused, never migrated
    /// or reset silently.
    static let version: Int64 = 1

    /// Connection settings shared by the backend's connections and `SQLiteRawBaseline`.
    ///
    /// `synchronous=FULL`: in WAL mode every commit fsyncs the WAL, so an acknowledged write
    /// survives power loss and kernel crashes as well as `kill -9`. NORMAL would survive a
    /// process crash too (the WAL write has reached the OS) but could lose the newest commits
    /// on power loss, and a control plane that acknowledged a write must not forget it. Group
    /// commit amortises the fsync over every write in a batch, which keeps FULL affordable;
    /// see `SQLiteBackend` for the measurement.
    static let connectionPragmas = """
        PRAGMA synchronous = FULL;
        PRAGMA busy_timeout = 10000;
        PRAGMA cache_size = -16000;
        PRAGMA temp_store = MEMORY;
        """

    static let createStatements = """
        CREATE TABLE kv (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL,
            created INTEGER NOT NULL,
            deleted INTEGER NOT NULL,
            create_revision INTEGER NOT NULL,
            prev_revision INTEGER NOT NULL,
            value BLOB NOT NULL
        );
        CREATE INDEX kv_name_id ON kv (name, id, deleted);
        CREATE TABLE meta (key TEXT PRIMARY KEY, value INTEGER NOT NULL) WITHOUT ROWID;
        INSERT INTO meta (key, value) VALUES ('schema_version', \(version)), ('compacted_revision', 0);
        """

    /// Puts a connection in WAL mode with the shared pragmas. WAL lets readers run beside the
    /// single writer and makes each commit one sequential append.
    static func configure(_ connection: SQLiteConnection) throws {
        let mode = try connection.text("PRAGMA journal_mode = WAL")
        guard mode?.lowercased() == "wal" else {
            throw StorageError.io("\(connection.path): SQLite refused WAL journal mode (got \(mode ?? "nothing")); the data dir must be on a local filesystem that supports shared memory")
        }
        try connection.execute(connectionPragmas)
    }

    /// Creates the schema in an empty database, or verifies an existing one. Throws `.corrupt`
    /// with an operator-facing message for anything Bosun did not write. Runs before
    /// `configure`, so a refused file is left byte-for-byte as it was.
    static func prepare(_ connection: SQLiteConnection, integrityCheck: SQLiteBackend.IntegrityCheck) throws {
        let path = connection.path
        let statement = try connection.statement("SELECT name FROM sqlite_master WHERE type = 'table'")
        var tables: Set<String> = []
        while try statement.step() { tables.insert(statement.text(0)) }
        statement.reset()

        if tables.isEmpty {
            try connection.execute("BEGIN IMMEDIATE; \(createStatements) COMMIT;")
            return
        }
        guard tables.contains("meta"), tables.contains("kv") else {
            throw StorageError.corrupt("\(path) is an SQLite database but not a Bosun store (tables: \(tables.sorted().joined(separator: ", "))). Bosun will not modify it: point the data dir elsewhere or move the file aside.")
        }
        guard let found = try connection.scalar("SELECT value FROM meta WHERE key = 'schema_version'") else {
            throw StorageError.corrupt("\(path) has no schema version in its meta table; it was not written by Bosun or is damaged. Restore it from a backup or move it aside.")
        }
        guard found == version else {
            throw StorageError.corrupt("\(path) has store schema version \(found), but this Bosun understands only version \(version). Run the Bosun release that wrote it, or restore a backup.")
        }
        guard try connection.scalar("SELECT value FROM meta WHERE key = 'compacted_revision'") != nil else {
            throw StorageError.corrupt("\(path) has no compacted revision in its meta table; the store is damaged. Restore it from a backup or move it aside.")
        }
        // Touch the newest row and the name index's edge pages: cheap, and catches truncation.
        _ = try connection.scalar("SELECT MAX(id) FROM kv")
        _ = try connection.scalar("SELECT id FROM kv ORDER BY id DESC LIMIT 1")
        _ = try connection.text("SELECT name FROM kv INDEXED BY kv_name_id ORDER BY name DESC LIMIT 1")

        if integrityCheck == .full {
            let result = try connection.text("PRAGMA quick_check") ?? "no result"
            guard result == "ok" else {
                throw StorageError.corrupt("\(path) failed SQLite's integrity check (\(result)). Restore it from a backup or move it aside.")
            }
        }
    }
}
