import KubeAPI
import KubeClient
import KubeMachinery
import Logging
import Synchronization

/// The scheduling loop: pops a pod, finds it a node with its profile's framework, assumes it
/// there in the cache and binds it in the background, so the next cycle starts at once.
///
/// Pipeline of one cycle (upstream's scheduleOne):
/// ```
/// pop ─► snapshot ─► PreFilter ─► Filter (parallel, stop at enough) ─┬─► PreScore ─► Score ─► select
///                                                                  └─(none fit)─► PostFilter (preemption)
/// select ─► assume ─► Reserve ─► Permit ─► [task] WaitOnPermit ─► PreBind ─► Bind ─► PostBind
/// ```
public final class Scheduler: Sendable {
    public let client: KubeClient
    public let config: KubeSchedulerConfiguration
    public let cache: SchedulerCache
    public let queue: SchedulingQueue
    public let snapshot: Snapshot
    /// One framework per profile, by schedulerName.
    public let frameworks: [String: Framework]
    public let metrics = SchedulerMetrics()
    let informers: SharedInformerFactory?
    let recorder: (any SchedulerEventRecorder)?
    let logger: Logger
    /// Where the next cycle's Filter starts, so that successive pods spread over the nodes.
    let nextStartNodeIndex = Atomic<Int>(0)
    let bindingTasks = Mutex<[String: Task<Void, Never>]>([:])
    let started = Atomic<Bool>(false)
    /// Seeds each cycle's tie-breaking generator.
    let tieBreakSeed = Atomic<UInt64>(UInt64.random(in: 0...UInt64.max))

    /// - Parameters:
    ///   - informerFactory: the informers to watch pods, nodes and the rest with; nil for a
    ///     scheduler fed by hand (tests drive `cache` and `queue` directly).
    ///   - registry: plugin factories by name (the in-tree plugins by default).
    public init(client: KubeClient, informerFactory: SharedInformerFactory?, config: KubeSchedulerConfiguration = .default,
                recorder: (any SchedulerEventRecorder)? = nil,
                makeRecorder: (@Sendable (_ schedulerName: String) -> any SchedulerEventRecorder)? = nil,
                registry: [String: PluginFactory] = InTreeRegistry.all,
                listers: (any ClusterListers)? = nil,
                logger: Logger = Logger(label: "bosun.scheduler")) throws {
        try config.validate()
        self.client = client
        self.config = config
        self.informers = informerFactory
        self.recorder = recorder
        self.logger = logger
        cache = SchedulerCache()
        snapshot = Snapshot()
        let nominator = PodNominator()
        let clusterListers: any ClusterListers = listers ?? informerFactory.map { InformerClusterListers(factory: $0) } ?? EmptyClusterListers()
        var frameworks: [String: Framework] = [:]
        for profile in config.profiles {
            frameworks[profile.schedulerName] = try Framework(profile: profile, registry: registry, client: client, snapshot: snapshot,
                                                              listers: clusterListers, nominator: nominator, parallelism: config.parallelism,
                                                              recorder: makeRecorder?(profile.schedulerName) ?? recorder)
        }
        self.frameworks = frameworks
        guard let first = config.profiles.first.flatMap({ frameworks[$0.schedulerName] }) else {
            throw SchedulerConfigError("profiles: Required value")
        }
        var events: [String: [ClusterEvent]] = [:]
        for f in frameworks.values {
            for (plugin, e) in f.eventsToRegister { events[plugin, default: []].append(contentsOf: e) }
        }
        let fws = frameworks
        queue = SchedulingQueue(less: { first.queueSortLess($0, $1) },
                                preEnqueue: { pod in fws[pod.schedulerName]?.runPreEnqueuePlugins(pod) ?? .success },
                                eventsToRegister: events, nominator: nominator,
                                initialBackoff: .seconds(config.podInitialBackoffSeconds),
                                maxBackoff: .seconds(config.podMaxBackoffSeconds))
    }

    /// The recorder of the pod's profile: events name the profile as their source.
    func recorder(for pod: PodInfo) -> (any SchedulerEventRecorder)? { frameworks[pod.schedulerName]?.recorder ?? recorder }

    /// Whether a profile schedules this pod (pods naming another scheduler are left alone).
    public func isResponsible(for pod: PodInfo) -> Bool { frameworks[pod.schedulerName] != nil }

    /// Watches the cluster, waits for the caches, then schedules until cancelled.
    public func run() async throws {
        guard !started.exchange(true, ordering: .relaxed) else { throw SchedulerConfigError("scheduler is already running") }
        if let informers {
            registerEventHandlers(informers)
            informers.start()
            guard await informers.waitForCacheSync() else {
                if Task.isCancelled { return }
                throw SchedulerConfigError("informer caches did not sync")
            }
        }
        logger.info("scheduler started", metadata: ["profiles": "\(config.profiles.map(\.schedulerName))"])
        await withTaskGroup(of: Void.self) { group in
            group.addTask { await self.queue.runFlushLoops() }
            group.addTask {
                while !Task.isCancelled {
                    guard await self.scheduleOne() else { return }
                }
            }
            await group.next()
            group.cancelAll()
        }
        queue.close()
        await waitForBindings()
    }

    /// Waits until every binding started so far has finished (tests, shutdown).
    public func waitForBindings() async {
        while true {
            let tasks = bindingTasks.withLock { Array($0.values) }
            if tasks.isEmpty { return }
            for t in tasks { await t.value }
        }
    }
}
