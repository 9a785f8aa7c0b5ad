import Foundation
import Testing
@testable import KubeStorage

/// What only a file-backed store can prove: reopening, refusing bad files, the raw baseline.
@Suite("SQLite store file")
struct SQLiteStoreFileTests {
    @Test("reopening keeps keys, history, the compacted revision and the revision counter")
    func reopenKeepsEverything() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.file("state.db")

        let first = try SQLiteBackend(path: path)
        _ = try await first.create("/a", value: "a1".bytes)                       // 1
        _ = try await first.update("/a", value: "a2".bytes, expectedModRevision: 1) // 2
        _ = try await first.create("/b", value: "b1".bytes)                       // 3
        try await first.compact(revision: 2)
        _ = try await first.create("/c", value: "c1".bytes)                       // 4
        _ = try await first.delete("/c", expectedModRevision: 4)                  // 5: a tombstone is newest
        try await first.close()

        let second = try SQLiteBackend(path: path, integrityCheck: .full)
        #expect(try await second.currentRevision() == 5)
        #expect(try await second.compactedRevision() == 2)
        #expect(try await second.get("/a") == KeyValue(key: "/a", value: "a2".bytes, createRevision: 1, modRevision: 2))
        #expect(try await second.list(prefix: "/", startKey: nil, limit: 0, revision: 4).items.map(\.key) == ["/a", "/b", "/c"])
        let replay = try await collect(3, from: try await second.watch(prefix: "/", afterRevision: 2))
        #expect(replay.map(\.kv.modRevision) == [3, 4, 5])
        #expect(try await second.create("/d", value: []) == 6)
        #expect(try await second.checkIntegrity() == "ok")
        try await second.close()

        // Compacting away the newest row must not rewind the counter across a reopen either.
        let third = try SQLiteBackend(path: path)
        _ = try await third.delete("/d", expectedModRevision: 6) // 7
        try await third.compact(revision: 7)
        try await third.close()
        let fourth = try SQLiteBackend(path: path)
        #expect(try await fourth.currentRevision() == 7)
        #expect(try await fourth.create("/e", value: []) == 8)
        try await fourth.close()
    }

    /// A file the store must refuse, and a phrase the operator-facing message must contain.
    struct BadFile: Sendable, CustomTestStringConvertible {
        var name: String
        var phrase: String
        var make: @Sendable (String) throws -> Void
        var testDescription: String { name }
    }

    static let badFiles: [BadFile] = [
        BadFile(name: "garbage bytes", phrase: "not a usable SQLite database") { path in
            let garbage = (0..<8192).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) }
            try Data(garbage).write(to: URL(fileURLWithPath: path))
        },
        BadFile(name: "text file", phrase: "not a usable SQLite database") { path in
            try Data(String(repeating: "apiVersion: v1\nkind: Pod\n", count: 200).utf8).write(to: URL(fileURLWithPath: path))
        },
        BadFile(name: "another application's SQLite database", phrase: "not a Bosun store") { path in
            let connection = try SQLiteConnection(path: path)
            try connection.execute("CREATE TABLE accounts (id INTEGER PRIMARY KEY, owner TEXT)")
            connection.close()
        },
        BadFile(name: "unknown schema version", phrase: "schema version 99") { path in
            let connection = try SQLiteConnection(path: path)
            try SQLiteSchema.prepare(connection, integrityCheck: .quick)
            try connection.execute("UPDATE meta SET value = 99 WHERE key = 'schema_version'")
            connection.close()
        },
        BadFile(name: "Bosun store with its header overwritten", phrase: "not a usable SQLite database") { path in
            let connection = try SQLiteConnection(path: path)
            try SQLiteSchema.prepare(connection, integrityCheck: .quick)
            connection.close()
            let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
            try handle.write(contentsOf: Data(repeating: 0xA5, count: 100))
            try handle.close()
        },
    ]

    @Test("opening a file that is not a healthy Bosun store throws corrupt naming the file and leaves it untouched",
          arguments: badFiles)
    func badFileIsCorrupt(bad: BadFile) async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.file("state.db")
        try bad.make(path)
        let before = try Data(contentsOf: URL(fileURLWithPath: path))
        let error = await storageError { _ = try SQLiteBackend(path: path) }
        guard case let .corrupt(message) = error else {
            Issue.record("expected .corrupt, got \(String(describing: error))")
            return
        }
        #expect(message.contains(path))
        #expect(message.contains(bad.phrase))
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
    }

    @Test("an empty file becomes a new store; a missing directory is an io error")
    func emptyFileAndMissingDirectory() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.file("empty.db")
        _ = FileManager.default.createFile(atPath: path, contents: Data())
        let store = try SQLiteBackend(path: path)
        #expect(try await store.create("/a", value: []) == 1)
        try await store.close()

        let missing = directory.file("no/such/dir/state.db")
        guard case .io = await storageError({ _ = try SQLiteBackend(path: missing) }) else {
            Issue.record("expected .io for a missing directory")
            return
        }
    }

    @Test("the raw baseline writes rows the backend reads back, continuing its revisions")
    func rawBaselineSharesTheSchema() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.file("raw.db")
        let raw = try SQLiteRawBaseline(path: path)
        for i in 1...20 { #expect(try raw.insert(key: "/raw/\(i)", value: [UInt8(i)]) == Int64(i)) }
        raw.close()
        let store = try SQLiteBackend(path: path)
        #expect(try await store.currentRevision() == 20)
        #expect(try await store.count(prefix: "/raw/") == 20)
        #expect(try await store.get("/raw/7")?.value == [7])
        try await store.close()
    }
}
