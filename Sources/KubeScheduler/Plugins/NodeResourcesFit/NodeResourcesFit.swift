import KubeMachinery

/// Checks that a node has room for the pod's requests (and a free pod slot), and ranks nodes by
/// how much of them would be allocated (`scoringStrategy`: spread, pack, or a custom curve).
public struct NodeResourcesFit: PreFilterPlugin, FilterPlugin, PreScorePlugin, ScorePlugin, EnqueueExtensions {
    public static let name = "NodeResourcesFit"
    public var name: String { Self.name }

    static let preFilterStateKey = "PreFilter" + name
    static let preScoreStateKey = "PreScore" + name

    struct PreFilterState: Sendable { var podRequest: Resource }
    struct PreScoreState: Sendable { var podRequests: [Int64] }

    public let args: NodeResourcesFitArgs
    let scorer: ResourceAllocationScorer

    public init(args: NodeResourcesFitArgs = NodeResourcesFitArgs()) {
        self.args = args
        scorer = ResourceAllocationScorer(resources: args.scoringStrategy.resources, useRequested: false,
                                          strategy: ScoringStrategies.scorer(for: args.scoringStrategy))
    }

    public init(json: JSONValue?) throws { self.init(args: try NodeResourcesFitArgs(json: json)) }

    // MARK: Filter

    public func preFilter(_ state: CycleState, _ pod: PodInfo, _ nodes: [NodeInfo]) -> (PreFilterResult?, Status) {
        state.write(Self.preFilterStateKey, PreFilterState(podRequest: pod.requests))
        return (nil, .success)
    }

    public func filter(_ state: CycleState, _ pod: PodInfo, _ node: NodeInfo) -> Status {
        // PreFilter stores exactly `pod.requests`; reading it from the pod spares a locked
        // cycle-state read per node.
        let request = pod.requests
        if Self.fitsTrivially(request, node) { return .success }
        let insufficient = Self.insufficientResources(request, node, ignoredResources: args.ignoredResources,
                                                      ignoredResourceGroups: args.ignoredResourceGroups)
        if insufficient.isEmpty { return .success }
        let code: Status.Code = insufficient.contains(where: \.unresolvable) ? .unschedulableAndUnresolvable : .unschedulable
        return Status(code, insufficient.map(\.reason))
    }

    /// The common case decided without building reasons: no extended resources asked for, a
    /// free pod slot, and room for cpu, memory and ephemeral storage. Exactly the conditions
    /// under which `insufficientResources` returns nothing for those resources.
    @inline(__always)
    static func fitsTrivially(_ request: Resource, _ node: NodeInfo) -> Bool {
        guard request.scalar.isEmpty else { return false }
        let allocatable = node.allocatable
        if Int64(node.pods.count) + 1 > allocatable.allowedPodNumber { return false }
        let used = node.requested
        func fits(_ want: Int64, _ have: Int64, _ inUse: Int64) -> Bool { want <= 0 || want <= have - inUse }
        return fits(request.milliCPU, allocatable.milliCPU, used.milliCPU)
            && fits(request.memory, allocatable.memory, used.memory)
            && fits(request.ephemeralStorage, allocatable.ephemeralStorage, used.ephemeralStorage)
    }

    // MARK: Score

    public func preScore(_ state: CycleState, _ pod: PodInfo, _ nodes: [NodeInfo]) -> Status {
        state.write(Self.preScoreStateKey, PreScoreState(podRequests: scorer.podRequests(pod)))
        return .success
    }

    public func score(_ state: CycleState, _ pod: PodInfo, _ node: NodeInfo) -> (Int64, Status) {
        // The requests PreScore stored are the pod's own; reading them from the pod directly
        // spares a locked cycle-state read per node.
        return (scorer.score(node, pod: pod), .success)
    }

    /// Room appears when a pod on a node goes away or shrinks, or a node is added or grows.
    public var eventsToRegister: [ClusterEvent] {
        [ClusterEvent(.pod, [.delete, .updatePodScaleDown]), ClusterEvent(.node, [.add, .updateNodeAllocatable])]
    }
}
