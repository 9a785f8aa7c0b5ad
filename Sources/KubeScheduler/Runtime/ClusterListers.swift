import KubeAPI
import KubeMachinery

/// The cluster state besides nodes and pods that plugins read through the framework handle.
/// The scheduler backs it with informers; tests pass fixed values.
public protocol ClusterListers: Sendable {
    func namespaceLabels(_ namespace: String) -> [String: String]?
    func podDisruptionBudgets(namespace: String) -> [PodDisruptionBudget]
    func ownerSelectors(for pod: PodInfo) -> [LabelSelector]
}

/// No namespaces, budgets or owners: what a framework sees without informers.
public struct EmptyClusterListers: ClusterListers {
    public init() {}
    public func namespaceLabels(_ namespace: String) -> [String: String]? { nil }
    public func podDisruptionBudgets(namespace: String) -> [PodDisruptionBudget] { [] }
    public func ownerSelectors(for pod: PodInfo) -> [LabelSelector] { [] }
}
