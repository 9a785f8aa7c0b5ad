/// Rejects nodes where a host port the pod asks for (`containers[].ports[].hostPort`) is
/// already taken by a pod there. Two claims conflict on the same protocol and port when their
/// host IPs are equal or either is the wildcard 0.0.0.0 (see `HostPortInfo.conflicts`).
public struct NodePorts: PreFilterPlugin, FilterPlugin, EnqueueExtensions {
    public static let name = "NodePorts"
    public var name: String { Self.name }

    public static let errReason = "node(s) didn't have free ports for the requested pod ports"
    static let stateKey = "PreFilter" + name

    /// The host ports the pod wants, computed once per cycle.
    struct PreFilterState: Sendable {
        var wanted: [HostPortInfo]
    }

    public init() {}

    public func preFilter(_ state: CycleState, _ pod: PodInfo, _ nodes: [NodeInfo]) -> (PreFilterResult?, Status) {
        // Most pods use no host ports: skipping saves a Filter call per node.
        if pod.hostPorts.isEmpty { return (nil, .skip) }
        state.write(Self.stateKey, PreFilterState(wanted: pod.hostPorts))
        return (nil, .success)
    }

    public func filter(_ state: CycleState, _ pod: PodInfo, _ node: NodeInfo) -> Status {
        // Without PreFilter (a profile that disables it) the pod's own ports are the answer.
        let wanted = state.read(Self.stateKey, as: PreFilterState.self)?.wanted ?? pod.hostPorts
        return Self.fits(wanted, node) ? .success : .unschedulable(Self.errReason)
    }

    static func fits(_ wanted: [HostPortInfo], _ node: NodeInfo) -> Bool {
        for w in wanted where node.usedPorts.contains(where: { $0.conflicts(with: w) }) { return false }
        return true
    }

    /// Ports free up when a pod on the node goes away; a new node has all ports free.
    public var eventsToRegister: [ClusterEvent] {
        [ClusterEvent(.pod, .delete), ClusterEvent(.node, .add)]
    }
}
