import Foundation
import KubeMachinery
import KubeResources
import KubeStorage
import Logging
import NIOHTTP1
import Synchronization

/// The Kubernetes API: routes requests to discovery, health, OpenAPI and the generic resource
/// handlers, over one store with one watch cache per resource.
public final class APIServer: APIResponder {
    public struct Config: Sendable {
        /// Service ClusterIPs come from here (k3s' default range).
        public var serviceCIDR: String = "10.43.0.0/16"
        public var nodePortRange: ClosedRange<Int> = 30000...32767
        /// Whether requests with no authenticated user are refused (401).
        public var requireAuthentication = true
        /// How often idle watches get a BOOKMARK when they asked for them.
        public var bookmarkInterval: Duration = .seconds(60)
        /// Events each resource's watch cache keeps for resuming watches (upstream's
        /// --default-watch-cache-size); older resourceVersions get 410 Gone.
        public var watchCacheSize: Int = 10_000
        public var version = VersionInfo()
        /// DefaultTolerationSeconds admission: how long pods tolerate a not-ready / unreachable
        /// node before eviction (upstream's --default-*-toleration-seconds, 300).
        public var defaultNotReadyTolerationSeconds: Int64 = 300
        public var defaultUnreachableTolerationSeconds: Int64 = 300
        public init() {}
    }

    public let store: any StorageBackend
    public let registry: ResourceRegistry
    public let config: Config
    public let logger: Logger
    public let metrics = APIMetrics()
    /// The store for the request path: same operations, latency recorded.
    let timedStore: TimedStore
    let caches: [String: WatchCache]
    let clock = RevisionClock()
    let allocator: ServiceAllocator
    /// The newest revision this server has written: reads wait for their cache to reach it.
    private let lastWritten = Atomic<Int64>(0)
    private let readyState = Mutex<Bool>(false)
    let discovery: DiscoveryDocuments
    let openAPI: OpenAPIService

    public init(store: any StorageBackend, resources: [ResourceType], config: Config = Config(), logger: Logger) {
        self.store = store
        self.timedStore = TimedStore(store: store, metrics: metrics)
        self.registry = ResourceRegistry(resources)
        self.config = config
        self.logger = logger
        var caches: [String: WatchCache] = [:]
        // Versions served through another version's storage (events.k8s.io Events, autoscaling/v1
        // HPAs) have no cache of their own: their objects live under the storage version's prefix.
        for t in resources where StorageConversion.forType(t, registry: self.registry) == nil {
            let p = ResourceRegistry.storagePrefix(t)
            if caches[p] == nil { caches[p] = WatchCache(prefix: p, clock: clock, historyCapacity: max(config.watchCacheSize, 1), logger: logger) }
        }
        self.caches = caches
        self.allocator = ServiceAllocator(serviceCIDR: config.serviceCIDR, nodePorts: config.nodePortRange)
        self.discovery = DiscoveryDocuments(registry: registry)
        self.openAPI = OpenAPIService(registry: registry)
        let cachesForGauge = caches
        metrics.setWatcherGauge {
            cachesForGauge.map { (k, c) in (k, c.watcherCount) }.sorted { $0.0 < $1.0 }
        }
    }

    /// Runs the watch caches until cancelled. Call `waitUntilReady()` to know when they are loaded.
    public func run() async {
        let feeder = CacheFeeder(store: store, caches: caches, clock: clock, logger: logger)
        await withTaskGroup(of: Void.self) { group in
            group.addTask { await feeder.run() }
            group.addTask {
                await self.clock.waitFor(0)
                self.readyState.withLock { $0 = true }
            }
            group.addTask {
                // Idle watches that asked for bookmarks get one per interval.
                while !Task.isCancelled {
                    try? await Task.sleep(for: self.config.bookmarkInterval)
                    for c in self.caches.values { c.broadcastBookmarks() }
                }
            }
            await group.waitForAll()
        }
    }

    /// The `kubernetes` Service's ClusterIP: the first address of the service range.
    public var kubernetesServiceIP: String { allocator.firstIP }

    public static func firstServiceIP(cidr: String) -> String {
        ServiceAllocator(serviceCIDR: cidr, nodePorts: 30000...32767).firstIP
    }

    public var isReady: Bool { readyState.withLock { $0 } }

    public func waitUntilReady() async {
        while !isReady { try? await Task.sleep(for: .milliseconds(5)) }
    }

    func cache(for t: ResourceType) -> WatchCache { caches[ResourceRegistry.storagePrefix(t)]! }

    /// Records a write so that later reads of any resource wait for the caches to reach it.
    func noteWrite(_ revision: Int64, key: String) {
        lastWritten.max(revision, ordering: .relaxed)
        if let p = CacheFeeder.prefix(of: key), let c = caches[p] { c.noteWrite(revision) }
    }

    /// The revision a consistent read must observe.
    var consistentReadRevision: Int64 { lastWritten.load(ordering: .relaxed) }

    // MARK: - Routing

    public func respond(to request: APIRequest) async -> APIResponse {
        let start = ContinuousClock.now
        var verb = request.method.rawValue.lowercased()
        var resource = ""
        let response: APIResponse
        do {
            if let public_ = try await respondPublic(request) {
                response = public_
            } else {
                if config.requireAuthentication && request.user == nil {
                    throw APIError.unauthorized()
                }
                if let info = RequestInfo.parse(path: request.path, method: request.method, watchParam: request.query.bool("watch")) {
                    verb = info.verb.rawValue
                    resource = info.subresource.map { "\(info.resource)/\($0)" } ?? info.resource
                    response = try await handleResource(info, request)
                } else {
                    response = try await respondNonResource(request)
                }
            }
        } catch let e as APIError {
            response = .error(e)
        } catch {
            logger.error("unexpected error", metadata: ["path": "\(request.path)", "error": "\(error)"])
            response = .error(.internalError(String(describing: error)))
        }
        let elapsed = ContinuousClock.now - start
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        if case .bytes = response.body {
            metrics.observeRequest(verb: verb, resource: resource, code: Int(response.status.code), seconds: seconds)
        } else {
            metrics.watchStarted(resource: resource)
        }
        return response
    }

    /// Paths served without authentication: health checks.
    func respondPublic(_ r: APIRequest) async throws -> APIResponse? {
        switch r.path {
        case "/healthz", "/livez", "/readyz":
            return healthResponse(r)
        default:
            if r.path.hasPrefix("/livez/") || r.path.hasPrefix("/readyz/") || r.path.hasPrefix("/healthz/") {
                return healthResponse(r)
            }
            return nil
        }
    }

    func respondNonResource(_ r: APIRequest) async throws -> APIResponse {
        guard r.method == .GET || r.method == .HEAD else {
            if r.path == "/api" || r.path == "/apis" || r.path.hasPrefix("/api/") || r.path.hasPrefix("/apis/") {
                throw APIError.methodNotAllowed()
            }
            throw APIError.notFoundPath()
        }
        switch r.path {
        case "/version", "/version/":
            return .json(config.version.json, headers: noCache)
        case "/metrics":
            return APIResponse(headers: ["Content-Type": "text/plain; version=0.0.4"], body: .bytes(Array(metrics.render().utf8)))
        case "/openapi/v2":
            return openAPI.v2Response(r)
        case "/openapi/v3":
            return openAPI.v3IndexResponse(r)
        case "/":
            return .json(.object(["paths": .array(rootPaths().map { .string($0) })]))
        default:
            break
        }
        if r.path.hasPrefix("/openapi/v3/") {
            return try openAPI.v3Response(r, groupVersionPath: String(r.path.dropFirst("/openapi/v3/".count)))
        }
        if let d = try discovery.respond(r) { return d }
        throw APIError.notFoundPath()
    }

    let noCache: HTTPHeaders = ["Cache-Control": "no-cache, private"]

    func rootPaths() -> [String] {
        var paths = ["/api", "/api/v1", "/apis", "/healthz", "/livez", "/readyz", "/metrics", "/openapi/v2", "/openapi/v3", "/version"]
        for (g, vs) in registry.groups where !g.isEmpty {
            paths.append("/apis/\(g)")
            for v in vs { paths.append("/apis/\(g)/\(v)") }
        }
        return paths.sorted()
    }

    func healthResponse(_ r: APIRequest) -> APIResponse {
        let ready = isReady
        let checks: [(String, Bool)] = [("ping", true), ("log", true), ("etcd", true), ("informer-sync", ready), ("poststarthook/start-apiserver", ready)]
        let isReadyz = r.path.hasPrefix("/readyz")
        let relevant = isReadyz ? checks : Array(checks.prefix(3))
        if let sub = r.path.split(separator: "/").dropFirst().first.map(String.init) {
            // /livez/ping etc: one check.
            if let c = relevant.first(where: { $0.0 == sub || $0.0.hasSuffix(sub) }) {
                return .text(c.1 ? "ok" : "internal server error: \(sub) failed", status: c.1 ? .ok : .internalServerError)
            }
            return .text("404 page not found", status: .notFound)
        }
        let allOK = relevant.allSatisfy(\.1)
        if r.query.has("verbose") || !allOK {
            var s = ""
            for (n, ok) in relevant { s += ok ? "[+]\(n) ok\n" : "[-]\(n) failed: reason withheld\n" }
            let name = String(r.path.dropFirst())
            s += allOK ? "\(name) check passed\n" : "\(name) check failed\n"
            return .text(s, status: allOK ? .ok : .internalServerError)
        }
        return .text("ok")
    }
}

/// What `/version` reports.
public struct VersionInfo: Sendable {
    public var major = "1"
    public var minor = "33"
    public var gitVersion = "v1.33.0+bosun"
    public init() {}
    var json: JSONValue {
        [
            "major": .string(major), "minor": .string(minor), "gitVersion": .string(gitVersion),
            "gitCommit": "bosun", "gitTreeState": "clean", "buildDate": "2026-01-01T00:00:00Z",
            "goVersion": "swift6", "compiler": "swiftc", "platform": "linux/amd64",
        ]
    }
}
