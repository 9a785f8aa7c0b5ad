/// Rejects cordoned nodes (`spec.unschedulable: true`) unless the pod tolerates the taint the
/// node lifecycle controller pairs with cordoning, `node.kubernetes.io/unschedulable:NoSchedule`
/// (DaemonSet pods carry that toleration so they still land on cordoned nodes).
public struct NodeUnschedulable: FilterPlugin, EnqueueExtensions {
    public static let name = "NodeUnschedulable"
    public var name: String { Self.name }

    public static let errReasonUnschedulable = "node(s) were unschedulable"
    public static let errReasonUnknownCondition = "node(s) had unknown conditions"
    static let unschedulableTaint = Taint(key: "node.kubernetes.io/unschedulable", effect: .noSchedule)

    public init() {}

    public func filter(_ state: CycleState, _ pod: PodInfo, _ node: NodeInfo) -> Status {
        // A NodeInfo without its Node object (pods bound before the node arrived) says nothing
        // about the node's state, so it cannot be trusted to be schedulable.
        guard node.node != nil else { return .unresolvable(Self.errReasonUnknownCondition) }
        guard node.unschedulable else { return .success }
        if pod.tolerations.contains(where: { $0.tolerates(Self.unschedulableTaint) }) { return .success }
        return .unresolvable(Self.errReasonUnschedulable)
    }

    /// Uncordoning is a node update that flips `spec.unschedulable` (counted with taint changes,
    /// as upstream does); adding a toleration is a pod update.
    public var eventsToRegister: [ClusterEvent] {
        [ClusterEvent(.node, [.add, .updateNodeTaint]), ClusterEvent(.pod, .updatePodTolerations)]
    }
}
