import Foundation
import KubeAPIServer
import KubeResources
import KubeStorage
import Logging
import NIOHTTP1

/// An APIServer over a fresh SQLiteBackend with every built-in resource, called in-process
/// through `respond(to:)`: the request path without HTTP, TLS or sockets.
final class APIHarness: Sendable {
    let store: any StorageBackend
    let server: APIServer
    private let runTask: Task<Void, Never>
    static let admin = UserInfo(name: "bench-admin", groups: ["system:masters", "system:authenticated"])

    /// Starts the server and waits until its caches are loaded; `readyAfter` is how long that
    /// took from opening the store.
    init(path: String) async throws {
        let started = ContinuousClock.now
        // BOSUN_BENCH_MEMORY_STORE=1: the in-memory store, to see the API path's own cost
        // without fsync or the writer thread (a diagnostic, not a reported figure).
        if ProcessInfo.processInfo.environment["BOSUN_BENCH_MEMORY_STORE"] == "1" {
            store = MemoryBackend()
        } else {
            store = try SQLiteBackend(path: path)
        }
        var logger = Logger(label: "bosun-bench.api")
        logger.logLevel = .warning
        server = APIServer(store: store, resources: BuiltinResources.all, logger: logger)
        let server = self.server
        runTask = Task { await server.run() }
        await server.waitUntilReady()
        readyAfter = ContinuousClock.now - started
    }

    let readyAfter: Duration

    func send(_ method: HTTPMethod, _ uri: String, body: [UInt8] = []) async -> APIResponse {
        var headers = HTTPHeaders()
        if !body.isEmpty { headers.add(name: "Content-Type", value: "application/json") }
        headers.add(name: "Accept", value: "application/json")
        return await server.respond(to: APIRequest(method: method, uri: uri, headers: headers, body: body, user: Self.admin))
    }

    /// Sends a request whose answer must be a whole body with the expected status.
    @discardableResult
    func expect(_ status: HTTPResponseStatus, _ method: HTTPMethod, _ uri: String, body: [UInt8] = []) async throws -> [UInt8] {
        let response = await send(method, uri, body: body)
        guard case .bytes(let bytes) = response.body else { throw BenchError("\(method) \(uri): streamed body") }
        guard response.status == status else {
            throw BenchError("\(method) \(uri): \(response.status.code) \(String(decoding: bytes.prefix(300), as: UTF8.self))")
        }
        return bytes
    }

    func createNamespace(_ name: String) async throws {
        try await expect(.created, .POST, "/api/v1/namespaces",
                         body: Array(#"{"apiVersion":"v1","kind":"Namespace","metadata":{"name":"\#(name)"}}"#.utf8))
    }

    func stop() async {
        runTask.cancel()
        try? await store.close()
        _ = await runTask.value
    }
}
