/// Honours `spec.nodeName` set by the user before scheduling: only that node may be chosen.
/// PreFilter narrows the cycle to the one node, so the other nodes are not even evaluated.
public struct NodeName: PreFilterPlugin, FilterPlugin, EnqueueExtensions {
    public static let name = "NodeName"
    public var name: String { Self.name }

    /// Upstream's ErrReason.
    public static let errReason = "node(s) didn't match the requested node name"

    public init() {}

    public func preFilter(_ state: CycleState, _ pod: PodInfo, _ nodes: [NodeInfo]) -> (PreFilterResult?, Status) {
        if pod.nodeName.isEmpty { return (nil, .skip) }
        return (PreFilterResult(nodeNames: [pod.nodeName]), .success)
    }

    public func filter(_ state: CycleState, _ pod: PodInfo, _ node: NodeInfo) -> Status {
        if pod.nodeName.isEmpty || pod.nodeName == node.name { return .success }
        return .unresolvable(Self.errReason)
    }

    /// The named node may not exist yet.
    public var eventsToRegister: [ClusterEvent] {
        [ClusterEvent(.node, .add)]
    }
}
