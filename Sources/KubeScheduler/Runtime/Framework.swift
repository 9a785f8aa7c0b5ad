import KubeAPI
import KubeClient
import KubeMachinery

/// One profile's plugins, instantiated and sorted into extension points, and the runner of each
/// point with upstream's semantics. It is also the `FrameworkHandle` its plugins were built with.
///
/// The plugin lists are written once, while `init` builds the plugins (factories need the
/// handle, i.e. `self`), and only read afterwards.
public final class Framework: FrameworkHandle, @unchecked Sendable {
    public let profileName: String
    public let client: KubeClient
    /// The snapshot of the cycle in progress; the scheduling loop refreshes it between cycles.
    public let snapshot: Snapshot
    public let listers: any ClusterListers
    public let nominator: PodNominator
    public let parallelizer: Parallelizer
    /// The profile's own percentageOfNodesToScore, if it set one.
    public let percentageOfNodesToScore: Int32?
    public let waitingPods = WaitingPods()
    /// Events about this profile's pods are reported as the profile (upstream: one recorder per profile).
    public let recorder: (any SchedulerEventRecorder)?

    public private(set) var pluginsByName: [String: any Plugin] = [:]
    public private(set) var queueSortPlugins: [any QueueSortPlugin] = []
    public private(set) var preEnqueuePlugins: [any PreEnqueuePlugin] = []
    public private(set) var preFilterPlugins: [any PreFilterPlugin] = []
    public private(set) var filterPlugins: [any FilterPlugin] = []
    public private(set) var postFilterPlugins: [any PostFilterPlugin] = []
    public private(set) var preScorePlugins: [any PreScorePlugin] = []
    public private(set) var scorePlugins: [any ScorePlugin] = []
    public private(set) var reservePlugins: [any ReservePlugin] = []
    public private(set) var permitPlugins: [any PermitPlugin] = []
    public private(set) var preBindPlugins: [any PreBindPlugin] = []
    public private(set) var bindPlugins: [any BindPlugin] = []
    public private(set) var postBindPlugins: [any PostBindPlugin] = []
    /// Score weights by plugin name (never 0).
    public private(set) var scoreWeights: [String: Int64] = [:]

    public init(profile: KubeSchedulerProfile, registry: [String: PluginFactory] = InTreeRegistry.all,
                client: KubeClient, snapshot: Snapshot = Snapshot(), listers: any ClusterListers = EmptyClusterListers(),
                nominator: PodNominator = PodNominator(), parallelism: Int = 16,
                recorder: (any SchedulerEventRecorder)? = nil) throws {
        self.recorder = recorder
        profileName = profile.schedulerName
        self.client = client
        self.snapshot = snapshot
        self.listers = listers
        self.nominator = nominator
        parallelizer = Parallelizer(parallelism: parallelism)
        percentageOfNodesToScore = profile.percentageOfNodesToScore
        try build(profile, registry)
    }

    public func recordEvent(regarding object: JSONValue, type: String, reason: String, message: String) {
        recorder?.event(regarding: object, type: EventType(rawValue: type), reason: reason, message: message)
    }

    public func rejectWaitingPod(uid: String) -> Bool {
        guard let waiting = waitingPods.all.first(where: { $0.pod.uid == uid }) else { return false }
        waiting.reject(plugin: "DefaultPreemption", message: "preempted")
        return true
    }

    private func build(_ profile: KubeSchedulerProfile, _ registry: [String: PluginFactory]) throws {
        let name = profile.schedulerName
        var needed: [String] = []
        for point in ExtensionPoint.allCases {
            for ref in profile.plugins[point].enabled where !needed.contains(ref.name) { needed.append(ref.name) }
        }
        for plugin in needed {
            guard let factory = registry[plugin] else {
                throw SchedulerConfigError("profile \"\(name)\": plugin \"\(plugin)\" does not exist")
            }
            do {
                pluginsByName[plugin] = try factory(profile.args(for: plugin), self)
            } catch {
                throw SchedulerConfigError("profile \"\(name)\": initializing plugin \"\(plugin)\": \(error)")
            }
        }
        queueSortPlugins = try resolve(.queueSort, profile)
        preEnqueuePlugins = try resolve(.preEnqueue, profile)
        preFilterPlugins = try resolve(.preFilter, profile)
        filterPlugins = try resolve(.filter, profile)
        postFilterPlugins = try resolve(.postFilter, profile)
        preScorePlugins = try resolve(.preScore, profile)
        scorePlugins = try resolve(.score, profile)
        reservePlugins = try resolve(.reserve, profile)
        permitPlugins = try resolve(.permit, profile)
        preBindPlugins = try resolve(.preBind, profile)
        bindPlugins = try resolve(.bind, profile)
        postBindPlugins = try resolve(.postBind, profile)

        for set in [profile.plugins[.score], profile.plugins[.multiPoint]] {
            for ref in set.enabled where scoreWeights[ref.name] == nil && pluginsByName[ref.name] is any ScorePlugin {
                scoreWeights[ref.name] = ref.weight == 0 ? 1 : Int64(ref.weight)
            }
        }
        if queueSortPlugins.count != 1 {
            throw SchedulerConfigError("profile \"\(name)\": exactly one queue sort plugin is required, found \(queueSortPlugins.count)")
        }
        if bindPlugins.isEmpty {
            throw SchedulerConfigError("profile \"\(name)\": at least one bind plugin is needed")
        }
    }

    /// The plugins of one extension point, as upstream's expandMultiPointPlugins orders them:
    /// explicitly configured plugins that also appear in MultiPoint (overrides) first, then the
    /// MultiPoint plugins implementing this point, then the remaining explicit ones.
    private func resolve<P>(_ point: ExtensionPoint, _ profile: KubeSchedulerProfile) throws -> [P] {
        let explicit = profile.plugins[point]
        var explicitNames: [String] = []
        for ref in explicit.enabled {
            if explicitNames.contains(ref.name) {
                throw SchedulerConfigError("profile \"\(profile.schedulerName)\": plugin \"\(ref.name)\" already registered as \"\(point.rawValue)\"")
            }
            guard pluginsByName[ref.name] is P else {
                throw SchedulerConfigError("profile \"\(profile.schedulerName)\": plugin \"\(ref.name)\" does not extend \(point.rawValue) plugin")
            }
            explicitNames.append(ref.name)
        }
        var names = explicitNames
        if !explicit.disablesAll {
            let disabled = Set(explicit.disabled)
            var overrides: [String] = []
            var fromMultiPoint: [String] = []
            for ref in profile.plugins[.multiPoint].enabled {
                guard pluginsByName[ref.name] is P, !disabled.contains(ref.name) else { continue }
                if explicitNames.contains(ref.name) {
                    overrides.append(ref.name)
                    continue
                }
                if fromMultiPoint.contains(ref.name) {
                    throw SchedulerConfigError("profile \"\(profile.schedulerName)\": plugin \"\(ref.name)\" already registered as \"\(point.rawValue)\"")
                }
                fromMultiPoint.append(ref.name)
            }
            let first = explicitNames.filter(overrides.contains)
            names = first + fromMultiPoint + explicitNames.filter { !overrides.contains($0) }
        }
        return names.compactMap { pluginsByName[$0] as? P }
    }

    // MARK: Queue-facing

    /// Upstream's Less of the profile's QueueSort plugin.
    public func queueSortLess(_ a: QueuedPodInfo, _ b: QueuedPodInfo) -> Bool {
        queueSortPlugins[0].less(a, b)
    }

    /// Runs PreEnqueue plugins; the first refusal (with its plugin set) keeps the pod gated.
    public func runPreEnqueuePlugins(_ pod: PodInfo) -> Status {
        for p in preEnqueuePlugins {
            let s = p.preEnqueue(pod)
            if !s.isSuccess { return s.with(plugin: p.name) }
        }
        return .success
    }

    /// The events after which pods each plugin rejected may fit. Plugins that do not say get
    /// every event, as upstream treats plugins without EnqueueExtensions.
    public var eventsToRegister: [String: [ClusterEvent]] {
        var out: [String: [ClusterEvent]] = [:]
        for (name, plugin) in pluginsByName {
            out[name] = (plugin as? any EnqueueExtensions)?.eventsToRegister ?? [ClusterEvent(.wildcard, .all)]
        }
        return out
    }

    // MARK: FrameworkHandle

    public func snapshotNodeInfos() -> [NodeInfo] { snapshot.nodeInfos }
    public func snapshotNodeInfo(named name: String) -> NodeInfo? { snapshot.nodeInfo(named: name) }
    public func namespaceLabels(_ namespace: String) -> [String: String]? { listers.namespaceLabels(namespace) }
    public func podDisruptionBudgets(namespace: String) -> [PodDisruptionBudget] { listers.podDisruptionBudgets(namespace: namespace) }
    public func ownerSelectors(for pod: PodInfo) -> [LabelSelector] { listers.ownerSelectors(for: pod) }
    public func nominatedPods(forNode name: String) -> [PodInfo] { nominator.nominatedPods(forNode: name) }
}
