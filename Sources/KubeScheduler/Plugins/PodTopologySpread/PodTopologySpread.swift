import KubeAPI
import KubeMachinery

/// Spreads matching pods evenly across topology domains (`spec.topologySpreadConstraints`):
/// DoNotSchedule constraints filter, ScheduleAnyway constraints score. Pods without constraints
/// get the profile's default constraints, selecting the pods of the same owners (services,
/// replica sets, stateful sets, replication controllers).
public struct PodTopologySpread: PreFilterPlugin, FilterPlugin, PreScorePlugin, ScorePlugin, EnqueueExtensions {
    public static let pluginName = "PodTopologySpread"

    public static let errReasonConstraintsNotMatch = "node(s) didn't match pod topology spread constraints"
    public static let errReasonNodeLabelNotMatch = errReasonConstraintsNotMatch + " (missing required label)"

    static let hostnameLabel = "kubernetes.io/hostname"

    public var name: String { Self.pluginName }
    public let args: PodTopologySpreadArgs
    let handle: any FrameworkHandle
    /// PreScore's per-domain counts remembered from the previous cycle (see `PerNodeMemo`).
    let memo: PerNodeMemo<SpreadShape, [DomainCount], [[String: Int64]]>
    /// PreFilter's per-domain counts remembered from the previous cycle.
    let filterMemo = PerNodeMemo<SpreadShape, [DomainCount], [[String: DomainTally]]>()

    public init(args: PodTopologySpreadArgs = PodTopologySpreadArgs(), handle: any FrameworkHandle) {
        self.init(args: args, handle: handle, memo: PerNodeMemo())
    }

    init(args: PodTopologySpreadArgs = PodTopologySpreadArgs(), handle: any FrameworkHandle,
         memo: PerNodeMemo<SpreadShape, [DomainCount], [[String: Int64]]>) {
        self.args = args
        self.handle = handle
        self.memo = memo
    }

    public static let factory: PluginFactory = { args, handle in
        PodTopologySpread(args: try PodTopologySpreadArgs(json: args), handle: handle)
    }

    /// Pods coming and going change the counts; nodes appearing, relabelled or (un)tainted change
    /// the domains.
    public var eventsToRegister: [ClusterEvent] {
        [ClusterEvent(.pod, [.add, .updatePodLabel, .delete]),
         ClusterEvent(.node, [.add, .delete, .updateNodeLabel, .updateNodeTaint])]
    }

    /// With System defaulting, nodes lacking a zone label still get hostname spreading; with
    /// explicit constraints a node must carry every key to be scored.
    var systemDefaulted: Bool { args.defaultingType == .system }

    /// The pod's constraints with this action, or the default ones with the owners' selector.
    func constraints(for pod: PodInfo, _ action: TopologySpreadConstraint.WhenUnsatisfiable) -> [TopologySpreadConstraint] {
        if !pod.topologySpreadConstraints.isEmpty {
            return pod.topologySpreadConstraints.filter { $0.whenUnsatisfiable == action }
        }
        var defaults = args.effectiveDefaultConstraints.filter { $0.whenUnsatisfiable == action }
        guard !defaults.isEmpty else { return [] }
        // One selector ANDing every owner's: the pods that share all of this pod's owners.
        let requirements = handle.ownerSelectors(for: pod).filter { !$0.matchesNothing }.flatMap(\.requirements)
        guard !requirements.isEmpty else { return [] }
        let selector = LabelSelector(requirements)
        for i in defaults.indices { defaults[i].selector = selector }
        return defaults
    }

    /// Whether the node carries every constraint's topology key.
    static func hasAllKeys(_ labels: [String: String], _ constraints: [TopologySpreadConstraint]) -> Bool {
        constraints.allSatisfy { labels[$0.topologyKey] != nil }
    }

    /// Whether a node counts as a domain member for `c` under its nodeAffinityPolicy and
    /// nodeTaintsPolicy (upstream's node inclusion policies).
    static func includes(_ c: TopologySpreadConstraint, pod: PodInfo, node: NodeInfo) -> Bool {
        if c.nodeAffinityPolicy == .honor && !matchesRequiredNodeAffinity(pod, node) { return false }
        if c.nodeTaintsPolicy == .honor {
            // Only taints that keep pods off the node matter; PreferNoSchedule does not.
            let blocking = node.taints.filter { $0.effect == .noSchedule || $0.effect == .noExecute }
            if blocking.contains(where: { t in !pod.tolerations.contains { $0.tolerates(t) } }) { return false }
        }
        return true
    }

    /// The pod's nodeSelector and required node affinity, as NodeAffinity's filter applies them.
    static func matchesRequiredNodeAffinity(_ pod: PodInfo, _ node: NodeInfo) -> Bool {
        for (k, v) in pod.nodeSelector where node.labels[k] != v { return false }
        if let required = pod.requiredNodeAffinity, !required.matches(labels: node.labels, nodeName: node.name) { return false }
        return true
    }

    /// Pods on the node that count for a constraint: same namespace as the incoming pod, selected,
    /// and not terminating (a terminating pod is about to free its place). An empty selector
    /// counts nothing, as upstream.
    static func countMatching(_ pods: [PodInfo], _ selector: LabelSelector, namespace: String) -> Int {
        if selector.isEverything { return 0 }
        var n = 0
        for p in pods where !p.isTerminating && p.namespace == namespace && selector.matches(p.labels) { n += 1 }
        return n
    }
}

/// What PreScore's per-domain counts depend on besides the nodes (the memo's key): the
/// constraints with their selectors, the namespace counted in, and what decides whether a
/// node counts (its keys, and the pod's node affinity and tolerations for inclusion policies).
struct SpreadShape: Equatable, Sendable {
    var namespace: String
    var constraints: [TopologySpreadConstraint]
    var requireAllTopologies: Bool
    var nodeSelector: [String: String]
    var requiredNodeAffinity: NodeSelector?
    var tolerations: [Toleration]
}

/// Nodes in a domain, and matching pods on them.
struct DomainTally: Sendable {
    var nodes = 0
    var pods = 0
}

/// One node's matching pods for one constraint, in the node's domain.
struct DomainCount: Sendable {
    var constraint: Int
    var domain: String
    var count: Int64
}
