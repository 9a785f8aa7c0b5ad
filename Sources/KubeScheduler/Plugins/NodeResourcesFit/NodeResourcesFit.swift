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
        let request = state.read(Self.preFilterStateKey, as: PreFilterState.self)?.podRequest ?? pod.requests
        let insufficient = Self.insufficientResources(request, node, ignoredResources: args.ignoredResources,
                                                      ignoredResourceGroups: args.ignoredResourceGroups)
        if insufficient.isEmpty { return .success }
        let code: Status.Code = insufficient.contains(where: \.unresolvable) ? .unschedulableAndUnresolvable : .unschedulable
        return Status(code, insufficient.map(\.reason))
    }

    // MARK: Score

    public func preScore(_ state: CycleState, _ pod: PodInfo, _ nodes: [NodeInfo]) -> Status {
        state.write(Self.preScoreStateKey, PreScoreState(podRequests: scorer.podRequests(pod)))
        return .success
    }

    public func score(_ state: CycleState, _ pod: PodInfo, _ node: NodeInfo) -> (Int64, Status) {
        let requests = state.read(Self.preScoreStateKey, as: PreScoreState.self)?.podRequests ?? scorer.podRequests(pod)
        return (scorer.score(node, podRequests: requests), .success)
    }

    /// Room appears when a pod on a node goes away or shrinks, or a node is added or grows.
    public var eventsToRegister: [ClusterEvent] {
        [ClusterEvent(.pod, [.delete, .updatePodScaleDown]), ClusterEvent(.node, [.add, .updateNodeAllocatable])]
    }
}
