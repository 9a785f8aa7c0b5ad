import BosunServer
import HollowNodes
import KubeAPI
import KubeAPIServer
import KubeClient
import KubeMachinery
import KubeResources
import KubeStorage
import Logging
import Testing

/// An in-process API server over a memory store, a client for it, and hollow nodes that are
/// started and running; torn down when the body returns.
struct HollowNodeFixture: Sendable {
    let client: KubeClient
    let nodes: HollowNodeCluster

    static func with<T: Sendable>(_ options: HollowNodeOptions, _ body: (HollowNodeFixture) async throws -> T) async throws -> T {
        var logger = Logger(label: "bosun.hollow-tests")
        logger.logLevel = .critical
        let server = APIServer(store: MemoryBackend(), resources: BuiltinResources.all, logger: logger)
        let serving = Task { await server.run() }
        defer { serving.cancel() }
        await server.waitUntilReady()
        let client = KubeClient(transport: InProcessTransport(server: server, user: UserInfo(name: "test-admin", groups: ["system:masters", "system:authenticated"])))
        // The in-process server starts empty; a real cluster bootstraps `default` itself.
        _ = try await client.create(Namespace.resource, namespace: nil, ["apiVersion": "v1", "kind": "Namespace", "metadata": ["name": "default"]])
        let nodes = HollowNodeCluster(client: client, options: options, logger: logger)
        try await nodes.start()
        let running = Task { await nodes.run() }
        defer {
            nodes.shutdown()
            running.cancel()
        }
        return try await body(HollowNodeFixture(client: client, nodes: nodes))
    }
}

/// Polls `condition` until it holds or `timeout` passes; returns whether it held.
func eventually(timeout: Duration = .seconds(10), _ condition: () async throws -> Bool) async -> Bool {
    let deadline = ContinuousClock.now + timeout
    while ContinuousClock.now < deadline {
        if (try? await condition()) == true { return true }
        try? await Task.sleep(for: .milliseconds(20))
    }
    return (try? await condition()) == true
}

extension JSONValue {
    /// The condition of this type in `status.conditions`.
    func condition(_ type: String) -> JSONValue? {
        self[path: ["status", "conditions"]]?.arrayValue?.first { $0["type"]?.stringValue == type }
    }
}

func podObject(_ name: String, namespace: String = "default", restartPolicy: String? = nil, annotations: [String: String] = [:]) -> JSONValue {
    var meta: JSONValue = ["name": .string(name), "namespace": .string(namespace)]
    if !annotations.isEmpty { meta["annotations"] = .stringMap(annotations) }
    var spec: JSONValue = ["containers": [["name": "main", "image": "nginx:1.25"]]]
    if let restartPolicy { spec["restartPolicy"] = .string(restartPolicy) }
    return ["apiVersion": "v1", "kind": "Pod", "metadata": meta, "spec": spec]
}

func bind(_ client: KubeClient, pod: String, namespace: String = "default", to node: String) async throws {
    let binding: JSONValue = ["apiVersion": "v1", "kind": "Binding", "metadata": ["name": .string(pod), "namespace": .string(namespace)],
                              "target": ["apiVersion": "v1", "kind": "Node", "name": .string(node)]]
    _ = try await client.createSubresource(Pod.resource, namespace: namespace, name: pod, subresource: "binding", binding)
}
