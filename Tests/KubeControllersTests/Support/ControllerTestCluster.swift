import HollowNodes
import KubeAPI
import KubeAPIServer
import KubeClient
import KubeControllers
import KubeMachinery
import KubeResources
import KubeStorage
import Logging

/// A fresh in-process API server over a memory store, a client into it, a shared informer
/// factory and controller context, and optionally hollow nodes (with a tiny binder standing in
/// for the scheduler, so pods that controllers create get Running and Ready). Each test gets
/// its own; `with` tears everything down when the body returns.
///
/// ```swift
/// try await ControllerTestCluster.with(nodes: 2) { cluster in
///     try await cluster.run(ReplicaSetController.self)
///     ...
/// }
/// ```
final class ControllerTestCluster: Sendable {
    let server: APIServer
    let transport: TestInProcessTransport
    let client: KubeClient
    let informers: SharedInformerFactory
    let context: ControllerContext
    let nodes: HollowNodeCluster?
    private let tasks = TaskBag()

    static let controllerManagerUser = UserInfo(name: "system:kube-controller-manager",
                                                groups: ["system:masters", "system:authenticated"])

    private init(server: APIServer, options: ControllerOptions, nodeCount: Int, logger: Logger) {
        self.server = server
        transport = TestInProcessTransport(server: server, user: Self.controllerManagerUser)
        let client = KubeClient(transport: transport)
        self.client = client
        informers = SharedInformerFactory(client: client)
        context = ControllerContext(client: client, informers: informers, options: options, logger: logger,
                                    makeRecorder: { EventRecorder(client: client, component: $0, logger: logger) })
        nodes = nodeCount > 0 ? HollowNodeCluster(client: client, options: HollowNodeOptions(count: nodeCount), logger: logger) : nil
    }

    /// Runs `body` against a new cluster with the `default` namespace, `nodes` hollow nodes
    /// (0: none, and no binder) and `options` for the controllers.
    static func with<T: Sendable>(nodes nodeCount: Int = 0, options: ControllerOptions = .forTests,
                                  _ body: (ControllerTestCluster) async throws -> T) async throws -> T {
        var logger = Logger(label: "bosun.controller-tests")
        logger.logLevel = .critical
        let server = APIServer(store: MemoryBackend(), resources: BuiltinResources.all, logger: logger)
        let serving = Task { await server.run() }
        await server.waitUntilReady()
        let cluster = ControllerTestCluster(server: server, options: options, nodeCount: nodeCount, logger: logger)
        defer {
            cluster.tasks.cancelAll()
            cluster.nodes?.shutdown()
            cluster.informers.shutdown()
            serving.cancel()
        }
        do { try await cluster.createNamespace("default") } catch let e as APIError where e.isAlreadyExists {}
        if let nodes = cluster.nodes {
            try await nodes.start()
            cluster.tasks.add(Task { await nodes.run() })
            cluster.tasks.add(Task { await TestBinder(client: cluster.client, nodes: nodes.nodeNames).run() })
        }
        return try await body(cluster)
    }

    /// Builds controllers of these types, starts the informers they asked for, waits for their
    /// caches, then runs the controllers until the test ends.
    func run(_ types: any Controller.Type..., workers: Int = 2) async throws {
        try await start(types.map { try $0.init(context: context) }, workers: workers)
    }

    /// Runs controllers built by the test (e.g. with test-only init parameters) the same way.
    func start(_ controllers: [any Controller], workers: Int = 2) async throws {
        informers.start()
        _ = await informers.waitForCacheSync()
        for c in controllers { tasks.add(Task { await c.run(workers: workers) }) }
    }

    /// Keeps a task alive until the test ends (then cancels it).
    func keep(_ task: Task<Void, Never>) { tasks.add(task) }

    @discardableResult
    func createNamespace(_ name: String) async throws -> Namespace {
        try await client.create(Namespace(name: name))
    }

    /// Pods in `namespace`, read from the API (not a cache).
    func pods(_ namespace: String = "default", selector: String? = nil) async throws -> [Pod] {
        try await client.list(Pod.self, namespace: namespace, options: ListOptions(labelSelector: selector)).items
    }

    /// Events in `namespace` with this reason.
    func events(_ namespace: String = "default", reason: String) async throws -> [CoreEvent] {
        try await client.list(CoreEvent.self, namespace: namespace).items.filter { $0.json["reason"]?.stringValue == reason }
    }

    /// How many pods were POSTed in `namespace` so far.
    func podCreates(_ namespace: String = "default") -> Int {
        transport.count("POST") { $0 == "/api/v1/namespaces/\(namespace)/pods" }
    }
}

extension ControllerOptions {
    /// Upstream defaults, with the periodic loops short enough for tests.
    static var forTests: ControllerOptions {
        var o = ControllerOptions()
        o.podGCPeriod = .milliseconds(200)
        o.workers = 2
        return o
    }
}

/// Tasks a fixture owns and cancels at teardown.
final class TaskBag: Sendable {
    private let tasks = Mutex<[Task<Void, Never>]>([])
    func add(_ t: Task<Void, Never>) { tasks.withLock { $0.append(t) } }
    func cancelAll() { for t in tasks.withLock({ $0 }) { t.cancel() } }
}

import Synchronization
