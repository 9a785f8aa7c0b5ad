/// Read connections on dedicated threads.
///
/// In WAL mode readers never block the writer nor wait for it: each read transaction sees the
/// database as of its first statement. Every job runs inside one read transaction, so the
/// several statements of a list or a watch replay see one consistent snapshot.
final class SQLiteReaderPool: @unchecked Sendable {
    private typealias Job = @Sendable (SQLiteConnection) -> Void

    private let queue = JobQueue<Job>()

    /// Opens `count` connections to `path` (the schema must already exist) and their threads.
    init(path: String, count: Int) throws {
        var connections: [SQLiteConnection] = []
        do {
            for _ in 0..<max(1, count) {
                let connection = try SQLiteConnection(path: path)
                try SQLiteSchema.configure(connection)
                // A reader must never write, even by mistake.
                try connection.execute("PRAGMA query_only = 1")
                connections.append(connection)
            }
        } catch {
            connections.forEach { $0.close() }
            throw error
        }
        for (index, connection) in connections.enumerated() {
            queue.startThread(name: "bosun-sqlite-reader-\(index)") { [queue] in
                while true {
                    let jobs = queue.take(max: 1)
                    if jobs.isEmpty { break }
                    jobs[0](connection)
                }
                connection.close()
            }
        }
    }

    /// Runs `body` in one read transaction on a reader thread.
    func read<T: Sendable>(_ body: @escaping @Sendable (SQLiteConnection) throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            let job: Job = { connection in
                do {
                    try connection.statement("BEGIN").run()
                    let result = Result { try body(connection) }
                    try? connection.statement("COMMIT").run()
                    continuation.resume(with: result)
                } catch {
                    continuation.resume(throwing: error)
                }
            }
            if !queue.push(job) {
                continuation.resume(throwing: StorageError.closed)
            }
        }
    }

    /// Finishes queued reads, closes the connections, and waits for the threads.
    func shutdown() async {
        queue.close()
        await queue.waitForThreads()
    }
}
