import KubeAPI
import KubeMachinery
import Logging
import Synchronization

/// Hands out one shared informer per resource, namespace and selector pair, so that every
/// component of a process reads the same caches over the same watches (client-go's
/// `SharedInformerFactory`).
///
/// Typical use: components ask for informers and register handlers, then the owner calls
/// `start()`, awaits `waitForCacheSync()`, and at the end `shutdown()`.
public final class SharedInformerFactory: Sendable {
    struct InformerKey: Hashable {
        var resource: APIResource
        var namespace: String?
        var labelSelector: String?
        var fieldSelector: String?
    }

    private struct State {
        var informers: [InformerKey: SharedInformer] = [:]
        var running: [InformerKey: Task<Void, Never>] = [:]
        var shutDown = false
    }

    public let client: KubeClient
    /// The resync period of every informer this factory creates (nil: no resync).
    public let defaultResync: Duration?
    let watchTimeoutSeconds: ClosedRange<Int>
    let backoff: Backoff
    let logger: Logger
    private let state = Mutex(State())

    public init(client: KubeClient, defaultResync: Duration? = nil, watchTimeoutSeconds: ClosedRange<Int> = 300...600,
                backoff: Backoff = Backoff(),
                logger: Logger = Logger(label: "bosun.informers", factory: { _ in SwiftLogNoOpLogHandler() })) {
        self.client = client
        self.defaultResync = defaultResync
        self.watchTimeoutSeconds = watchTimeoutSeconds
        self.backoff = backoff
        self.logger = logger
    }

    /// The informer for these arguments: the same instance for the same arguments. Empty
    /// selectors count as none; a namespace is ignored for cluster-scoped resources.
    public func informer(for resource: APIResource, namespace: String? = nil, labelSelector: String? = nil,
                         fieldSelector: String? = nil) -> SharedInformer {
        let key = InformerKey(resource: resource, namespace: resource.namespaced ? namespace.flatMap { $0.isEmpty ? nil : $0 } : nil,
                              labelSelector: labelSelector.flatMap { $0.isEmpty ? nil : $0 },
                              fieldSelector: fieldSelector.flatMap { $0.isEmpty ? nil : $0 })
        return state.withLock { s in
            if let existing = s.informers[key] { return existing }
            var log = logger
            log[metadataKey: "resource"] = "\(resource)"
            let informer = SharedInformer(client: client, resource: resource, namespace: key.namespace,
                                          labelSelector: key.labelSelector, fieldSelector: key.fieldSelector,
                                          resyncPeriod: defaultResync, watchTimeoutSeconds: watchTimeoutSeconds,
                                          backoff: backoff, logger: log)
            s.informers[key] = informer
            return informer
        }
    }

    /// The informer for a typed kind.
    public func informer<T: KubeObject>(_ type: T.Type, namespace: String? = nil, labelSelector: String? = nil,
                                        fieldSelector: String? = nil) -> SharedInformer {
        informer(for: T.resource, namespace: namespace, labelSelector: labelSelector, fieldSelector: fieldSelector)
    }

    /// A typed lister over the informer for a kind.
    public func lister<T: KubeObject>(_ type: T.Type, namespace: String? = nil, labelSelector: String? = nil,
                                      fieldSelector: String? = nil) -> Lister<T> {
        informer(T.self, namespace: namespace, labelSelector: labelSelector, fieldSelector: fieldSelector).lister(T.self)
    }

    /// Runs every informer created so far that is not yet running, each in its own task.
    /// Call again after creating more. Does nothing after `shutdown()`.
    public func start() {
        state.withLock { s in
            guard !s.shutDown else { return }
            for (key, informer) in s.informers where s.running[key] == nil {
                s.running[key] = Task { await informer.run() }
            }
        }
    }

    /// Waits until every started informer has synced: true then; false if one stopped first
    /// or the caller was cancelled.
    public func waitForCacheSync() async -> Bool {
        let started: [SharedInformer] = state.withLock { s in s.running.keys.compactMap { s.informers[$0] } }
        var all = true
        for informer in started {
            if await !informer.waitForSync() { all = false }
        }
        return all
    }

    /// Stops every informer (their tasks are cancelled) and refuses to start more.
    /// `waitForShutdown()` waits for them to finish.
    public func shutdown() {
        let tasks: [Task<Void, Never>] = state.withLock { s in
            s.shutDown = true
            return Array(s.running.values)
        }
        for t in tasks { t.cancel() }
    }

    /// Shuts down (if not already) and waits until every informer task has returned.
    public func waitForShutdown() async {
        shutdown()
        let tasks: [Task<Void, Never>] = state.withLock { Array($0.running.values) }
        for t in tasks { await t.value }
    }
}
