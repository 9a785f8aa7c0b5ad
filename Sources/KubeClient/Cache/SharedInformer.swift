import KubeAPI
import KubeMachinery
import Logging
import Synchronization

/// A cache of one resource (optionally one namespace and selectors) that many components
/// share (client-go's `SharedIndexInformer`): one list+watch feeds one Indexer, and every
/// registered handler hears about each change.
///
/// An informer runs once: `run()` until its task is cancelled, after which handlers stop
/// hearing and a new informer is needed.
public final class SharedInformer: Sendable {
    public let resource: APIResource
    public let namespace: String?
    public let labelSelector: String?
    public let fieldSelector: String?
    /// How often every handler gets `onUpdate(o, o)` for every object; nil for never.
    public let resyncPeriod: Duration?
    /// The local cache. Read it freely; only the informer writes it.
    public let indexer: Indexer
    public let reflector: Reflector
    let processor: SharedProcessor

    private enum RunState { case idle, running, stopped }
    private let runState = Mutex(RunState.idle)

    public init(client: KubeClient, resource: APIResource, namespace: String? = nil, labelSelector: String? = nil,
                fieldSelector: String? = nil, resyncPeriod: Duration? = nil, indexers: [String: IndexFunc] = [:],
                watchTimeoutSeconds: ClosedRange<Int> = 300...600, backoff: Backoff = Backoff(),
                logger: Logger = Logger(label: "bosun.informer", factory: { _ in SwiftLogNoOpLogHandler() })) {
        self.resource = resource
        self.namespace = resource.namespaced ? namespace : nil
        self.labelSelector = labelSelector
        self.fieldSelector = fieldSelector
        self.resyncPeriod = resyncPeriod
        let indexer = Indexer(indexers: indexers)
        let processor = SharedProcessor(indexer: indexer)
        self.indexer = indexer
        self.processor = processor
        let options = Reflector.Options(namespace: self.namespace, labelSelector: labelSelector, fieldSelector: fieldSelector,
                                        watchTimeoutSeconds: watchTimeoutSeconds, backoff: backoff)
        self.reflector = Reflector(client: client, resource: resource, options: options, store: processor, logger: logger)
    }

    /// True once the first list is in the cache.
    public var hasSynced: Bool { reflector.hasSynced }

    public var lastSyncResourceVersion: String { reflector.lastSyncResourceVersion }

    /// Waits until the first list is in the cache: true then; false if the calling task is
    /// cancelled or the informer stops first.
    public func waitForSync() async -> Bool { await reflector.waitForSync() }

    /// Registers a handler. If the informer has synced, the handler first gets an add (with
    /// `isInInitialList: true`) for every cached object, then every later change.
    @discardableResult
    public func addEventHandler(_ handler: ResourceEventHandler) -> ResourceEventHandlerRegistration {
        ResourceEventHandlerRegistration(listener: processor.addListener(handler))
    }

    public func removeEventHandler(_ registration: ResourceEventHandlerRegistration) {
        processor.removeListener(id: registration.listener.id)
    }

    /// Adds indices to the cache (see `Indexer.addIndexers`).
    public func addIndexers(_ indexers: [String: IndexFunc]) { indexer.addIndexers(indexers) }

    /// Adds the indices not already present (see `Indexer.ensureIndexers`).
    public func ensureIndexers(_ indexers: [String: IndexFunc]) { indexer.ensureIndexers(indexers) }

    /// Lists, watches and delivers notifications until the calling task is cancelled.
    /// Calling it again, concurrently or after it ended, returns at once.
    public func run() async {
        let start = runState.withLock { s in
            guard s == .idle else { return false }
            s = .running
            return true
        }
        guard start else { return }
        await withTaskGroup(of: Void.self) { group in
            group.addTask { await self.reflector.run() }
            if let period = resyncPeriod {
                group.addTask {
                    while !Task.isCancelled {
                        do { try await Task.sleep(for: period) } catch { return }
                        self.processor.resync()
                    }
                }
            }
            await group.waitForAll()
        }
        processor.stop()
        runState.withLock { $0 = .stopped }
    }
}

/// A handle on one registered handler: to remove it, or to know when it has been handed the
/// whole initial list (client-go's `ResourceEventHandlerRegistration.HasSynced`), which is
/// what a controller should wait for before trusting its own derived state.
public struct ResourceEventHandlerRegistration: Sendable {
    let listener: ProcessorListener

    /// The handler has been called for every object of the initial list.
    public var hasSynced: Bool { listener.synced.outcome == true }

    /// Waits until `hasSynced`; false if the informer stops or the caller is cancelled first.
    public func waitForSync() async -> Bool { await listener.synced.wait() }
}

extension SharedInformer {
    /// A typed lister over this informer's cache.
    public func lister<T: KubeObject>(_ type: T.Type) -> Lister<T> { Lister(indexer: indexer) }
}
