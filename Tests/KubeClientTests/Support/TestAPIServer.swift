import BosunServer
import Foundation
import KubeAPI
import KubeAPIServer
import KubeClient
import KubeMachinery
import KubeResources
import KubeStorage
import Logging

/// A fresh in-process API server over a memory store, with a client that reaches it without
/// sockets or TLS. Each test gets its own; nothing is shared between tests.
struct TestAPIServer: Sendable {
    let server: APIServer
    let store: MemoryBackend
    /// The raw in-process transport, for tests that wrap it (e.g. in `ControllableTransport`).
    let transport: InProcessTransport
    /// A cluster-admin client over `transport`.
    let client: KubeClient

    static let admin = UserInfo(name: "test-admin", groups: ["system:masters", "system:authenticated"])

    /// Creates a namespace (the API refuses objects in namespaces that do not exist).
    func createNamespace(_ name: String) async throws {
        _ = try await client.create(Namespace(name: name))
    }

    /// Creates a ConfigMap: the smallest namespaced kind with free-form content.
    @discardableResult
    func createConfigMap(_ namespace: String, _ name: String, labels: [String: String] = [:],
                         data: [String: String] = [:]) async throws -> ConfigMap {
        var cm = ConfigMap(namespace: namespace, name: name)
        cm.labels = labels
        if !data.isEmpty { cm.json["data"] = .stringMap(data) }
        return try await client.create(cm)
    }

    /// Creates a pod with one container, optionally already bound to a node.
    @discardableResult
    func createPod(_ namespace: String, _ name: String, nodeName: String? = nil, labels: [String: String] = [:]) async throws -> Pod {
        var pod = Pod(namespace: namespace, name: name)
        pod.labels = labels
        var spec: JSONValue = ["containers": [["name": "main", "image": "busybox"]]]
        if let nodeName { spec["nodeName"] = .string(nodeName) }
        pod.spec = spec
        return try await client.create(pod)
    }
}

/// Runs `body` against a new API server, then stops it.
func withTestAPIServer<T: Sendable>(config: APIServer.Config = APIServer.Config(),
                                    _ body: (TestAPIServer) async throws -> T) async throws -> T {
    var logger = Logger(label: "bosun.clienttests")
    logger.logLevel = .critical
    let store = MemoryBackend()
    let server = APIServer(store: store, resources: BuiltinResources.all, config: config, logger: logger)
    let running = Task { await server.run() }
    defer { running.cancel() }
    await server.waitUntilReady()
    let transport = InProcessTransport(server: server, user: TestAPIServer.admin)
    return try await body(TestAPIServer(server: server, store: store, transport: transport, client: KubeClient(transport: transport)))
}
