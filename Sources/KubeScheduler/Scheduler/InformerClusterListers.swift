import KubeAPI
import KubeClient
import KubeMachinery

/// `ClusterListers` over shared informers: namespaces, PodDisruptionBudgets, and the owners
/// (Services, ReplicationControllers, ReplicaSets, StatefulSets) whose selectors pick a pod.
public struct InformerClusterListers: ClusterListers {
    let namespaces: Lister<Namespace>
    let budgets: Lister<PodDisruptionBudget>
    let services: Lister<Service>
    let controllers: Lister<ReplicationController>
    let replicaSets: Lister<ReplicaSet>
    let statefulSets: Lister<StatefulSet>

    public init(factory: SharedInformerFactory) {
        namespaces = factory.lister(Namespace.self)
        budgets = factory.lister(PodDisruptionBudget.self)
        services = factory.lister(Service.self)
        controllers = factory.lister(ReplicationController.self)
        replicaSets = factory.lister(ReplicaSet.self)
        statefulSets = factory.lister(StatefulSet.self)
    }

    public func namespaceLabels(_ namespace: String) -> [String: String]? {
        namespaces.get(name: namespace)?.labels
    }

    public func podDisruptionBudgets(namespace: String) -> [PodDisruptionBudget] {
        budgets.list(namespace: namespace)
    }

    /// Upstream's DefaultSelector inputs: map selectors (Services, RCs) that match the pod's
    /// labels, and label selectors (ReplicaSets, StatefulSets) that do.
    public func ownerSelectors(for pod: PodInfo) -> [LabelSelector] {
        var out: [LabelSelector] = []
        let labels = pod.labels
        for s in services.list(namespace: pod.namespace) {
            if let sel = Self.mapSelector(s.json["spec"]?["selector"]), sel.matches(labels) { out.append(sel) }
        }
        for rc in controllers.list(namespace: pod.namespace) {
            if let sel = Self.mapSelector(rc.json["spec"]?["selector"]), sel.matches(labels) { out.append(sel) }
        }
        for o in replicaSets.list(namespace: pod.namespace).map(\.json) + statefulSets.list(namespace: pod.namespace).map(\.json) {
            guard let j = o["spec"]?["selector"], let sel = try? LabelSelector(metav1: j), !sel.isEverything, !sel.matchesNothing else { continue }
            if sel.matches(labels) { out.append(sel) }
        }
        return out
    }

    /// A `{key: value}` selector; nil when empty (an empty map selects nothing here).
    static func mapSelector(_ j: JSONValue?) -> LabelSelector? {
        guard let m = j?.stringMap, !m.isEmpty else { return nil }
        return try? LabelSelector(matchLabels: m)
    }
}
