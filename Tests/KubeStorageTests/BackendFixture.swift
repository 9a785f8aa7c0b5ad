import Foundation
import Testing
@testable import KubeStorage

/// The backends the conformance suite runs every case against.
enum BackendKind: String, CaseIterable, Sendable, CustomTestStringConvertible {
    case memory
    case sqlite

    var testDescription: String { rawValue }
}

/// A fresh directory removed when the test is done.
struct TemporaryDirectory: Sendable {
    let path: String

    init() throws {
        path = FileManager.default.temporaryDirectory
            .appendingPathComponent("bosun-storage-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    func file(_ name: String) -> String { path + "/" + name }

    func remove() { try? FileManager.default.removeItem(atPath: path) }
}

/// Runs `body` against a fresh backend of `kind` (a new temp file for SQLite), then closes it.
func withBackend(_ kind: BackendKind, watchBufferLimit: Int = 100_000,
                 _ body: (any StorageBackend) async throws -> Void) async throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    let backend: any StorageBackend = switch kind {
    case .memory: MemoryBackend(watchBufferLimit: watchBufferLimit)
    case .sqlite: try SQLiteBackend(path: directory.file("state.db"), watchBufferLimit: watchBufferLimit)
    }
    do {
        try await body(backend)
    } catch {
        try? await backend.close()
        throw error
    }
    try await backend.close()
}

struct TimedOut: Error {}

/// Reads `count` events from `stream`, failing instead of hanging if they do not arrive.
func collect(_ count: Int, from stream: AsyncThrowingStream<WatchEvent, Error>,
             within seconds: Double = 20) async throws -> [WatchEvent] {
    try await withThrowingTaskGroup(of: [WatchEvent].self) { group in
        group.addTask {
            var events: [WatchEvent] = []
            for try await event in stream {
                events.append(event)
                if events.count == count { break }
            }
            return events
        }
        group.addTask {
            try await Task.sleep(for: .seconds(seconds))
            throw TimedOut()
        }
        defer { group.cancelAll() }
        return try await group.next()!
    }
}

/// Runs `body` and returns the `StorageError` it threw, or nil when it did not throw one.
func storageError(_ body: () async throws -> Void) async -> StorageError? {
    do {
        try await body()
        return nil
    } catch let error as StorageError {
        return error
    } catch {
        return nil
    }
}

extension String {
    var bytes: [UInt8] { Array(utf8) }
}
