import KubeStorage

/// The store as the request path uses it, with each operation's latency recorded in metrics.
struct TimedStore: Sendable {
    let store: any StorageBackend
    let metrics: APIMetrics

    private func timed<T>(_ op: String, _ body: () async throws -> T) async throws -> T {
        let start = ContinuousClock.now
        defer {
            let d = ContinuousClock.now - start
            metrics.observeStore(operation: op, seconds: Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18)
        }
        return try await body()
    }

    func create(_ key: String, value: [UInt8]) async throws -> Int64 {
        try await timed("create") { try await store.create(key, value: value) }
    }
    func update(_ key: String, value: [UInt8], expectedModRevision: Int64) async throws -> Int64 {
        try await timed("update") { try await store.update(key, value: value, expectedModRevision: expectedModRevision) }
    }
    func delete(_ key: String, expectedModRevision: Int64?) async throws -> (deleted: KeyValue, revision: Int64) {
        try await timed("delete") { try await store.delete(key, expectedModRevision: expectedModRevision) }
    }
    func list(prefix: String, startKey: String?, limit: Int, revision: Int64) async throws -> ListResult {
        try await timed("list") { try await store.list(prefix: prefix, startKey: startKey, limit: limit, revision: revision) }
    }
}
