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
        let anchor = IndexFunctions.selectorAnchorIndex
        factory.informer(Service.self).ensureIndexers([anchor: IndexFunctions.selectorAnchor(["spec", "selector"], mapForm: true)])
        factory.informer(ReplicationController.self).ensureIndexers([anchor: IndexFunctions.selectorAnchor(["spec", "selector"], mapForm: true)])
        factory.informer(ReplicaSet.self).ensureIndexers([anchor: IndexFunctions.selectorAnchor(["spec", "selector"], mapForm: false)])
        factory.informer(StatefulSet.self).ensureIndexers([anchor: IndexFunctions.selectorAnchor(["spec", "selector"], mapForm: false)])
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
    /// labels, and label selectors (ReplicaSets, StatefulSets) that do. Only the owners filed
    /// under one of the pod's label pairs (or with no pair to anchor on) are looked at: the
    /// informers' `selectorAnchor` index, so the cost is the pod's labels, not the namespace's
    /// owners.
    public func ownerSelectors(for pod: PodInfo) -> [LabelSelector] {
        var out: [LabelSelector] = []
        let labels = pod.labels
        let anchors = IndexFunctions.selectorAnchorCandidates(namespace: pod.namespace, labels: labels)
        func candidates<T: KubeObject>(_ lister: Lister<T>) -> [JSONValue] {
            anchors.flatMap { lister.byIndex(IndexFunctions.selectorAnchorIndex, $0).map(\.json) }
        }
        for o in candidates(services) + candidates(controllers) {
            if let sel = Self.mapSelector(o["spec"]?["selector"]), sel.matches(labels) { out.append(sel) }
        }
        for o in candidates(replicaSets) + candidates(statefulSets) {
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
