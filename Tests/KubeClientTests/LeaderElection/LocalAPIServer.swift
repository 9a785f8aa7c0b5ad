import BosunServer
import KubeAPI
import KubeAPIServer
import KubeClient
import KubeMachinery
import KubeResources
import KubeStorage
import Logging

/// A fresh in-process API server over a memory store, with clients that reach it through
/// `InProcessTransport` (the path `bosun server`'s own components take). Used by the leader
/// election and event recorder tests.
struct LocalAPIServer: Sendable {
    let server: APIServer
    static let admin = UserInfo(name: "test-admin", groups: ["system:masters", "system:authenticated"])

    /// A new client (each elector gets its own, as separate processes would).
    func client() -> KubeClient {
        KubeClient(transport: InProcessTransport(server: server, user: Self.admin))
    }

    /// Creates a namespace; an existing one is fine.
    func ensureNamespace(_ name: String) async throws {
        do {
            _ = try await client().create(Namespace.resource, namespace: nil, ["apiVersion": "v1", "kind": "Namespace", "metadata": ["name": .string(name)]])
        } catch let e as APIError where e.isAlreadyExists {}
    }
}

/// Runs `body` against a server that is stopped afterwards; the `default` namespace exists.
func withLocalAPIServer<T: Sendable>(_ body: (LocalAPIServer) async throws -> T) async throws -> T {
    var logger = Logger(label: "bosun.clienttests")
    logger.logLevel = .critical
    let server = APIServer(store: MemoryBackend(), resources: BuiltinResources.all, logger: logger)
    let running = Task { await server.run() }
    defer { running.cancel() }
    await server.waitUntilReady()
    let local = LocalAPIServer(server: server)
    try await local.ensureNamespace("default")
    return try await body(local)
}

/// Polls `condition` every few milliseconds until it holds or `timeout` passes; returns
/// whether it held. Tests use it instead of fixed sleeps.
func awaitCondition(timeout: Duration = .seconds(10), _ condition: @Sendable () async throws -> Bool) async rethrows -> Bool {
    let deadline = ContinuousClock.now + timeout
    while ContinuousClock.now < deadline {
        if try await condition() { return true }
        try? await Task.sleep(for: .milliseconds(10))
    }
    return try await condition()
}
