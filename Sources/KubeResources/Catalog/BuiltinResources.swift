import KubeMachinery

/// Every built-in resource Bosun serves, with upstream's names, scope, discovery verbs,
/// subresources, printers, strategies and schemas.
///
/// Names, short names and categories are what `kubectl` resolves against, so they match
/// upstream exactly (`kubectl get po`, `kubectl get all`). Only `status` and `scale`
/// subresources are listed; the connect-style ones (pods/log, pods/exec, ...) and
/// pods/binding, pods/eviction, namespaces/finalize, serviceaccounts/token are served by
/// dedicated handlers and advertised by them.
public enum BuiltinResources {
    public static let all: [ResourceType] = core + apps + batch + others

    /// Namespaces have no deletecollection upstream: a bulk delete of namespaces is too dangerous.
    static let verbsWithoutDeleteCollection = ["create", "delete", "get", "list", "patch", "update", "watch"]

    static let core: [ResourceType] = [
        make("", "v1", "Namespace", "namespaces", short: ["ns"], namespaced: false, sub: ["status"],
             verbs: verbsWithoutDeleteCollection),
        make("", "v1", "Pod", "pods", short: ["po"], categories: ["all"], sub: ["status"]),
        make("", "v1", "Service", "services", short: ["svc"], categories: ["all"], sub: ["status"]),
        make("", "v1", "Endpoints", "endpoints", short: ["ep"]),
        make("", "v1", "ConfigMap", "configmaps", short: ["cm"]),
        make("", "v1", "Secret", "secrets"),
        make("", "v1", "ServiceAccount", "serviceaccounts", short: ["sa"]),
        make("", "v1", "Node", "nodes", short: ["no"], namespaced: false, sub: ["status"]),
        make("", "v1", "Event", "events", short: ["ev"]),
        make("", "v1", "LimitRange", "limitranges", short: ["limits"]),
        make("", "v1", "ResourceQuota", "resourcequotas", short: ["quota"], sub: ["status"]),
        make("", "v1", "PersistentVolume", "persistentvolumes", short: ["pv"], namespaced: false, sub: ["status"]),
        make("", "v1", "PersistentVolumeClaim", "persistentvolumeclaims", short: ["pvc"], sub: ["status"]),
        make("", "v1", "ReplicationController", "replicationcontrollers", short: ["rc"], categories: ["all"],
             sub: ["status", "scale"]),
        make("", "v1", "PodTemplate", "podtemplates"),
    ]

    static let apps: [ResourceType] = [
        make("apps", "v1", "Deployment", "deployments", short: ["deploy"], categories: ["all"], sub: ["status", "scale"]),
        make("apps", "v1", "ReplicaSet", "replicasets", short: ["rs"], categories: ["all"], sub: ["status", "scale"]),
        make("apps", "v1", "DaemonSet", "daemonsets", short: ["ds"], categories: ["all"], sub: ["status"]),
        make("apps", "v1", "StatefulSet", "statefulsets", short: ["sts"], categories: ["all"], sub: ["status", "scale"]),
        make("apps", "v1", "ControllerRevision", "controllerrevisions"),
    ]

    static let batch: [ResourceType] = [
        make("batch", "v1", "Job", "jobs", categories: ["all"], sub: ["status"]),
        make("batch", "v1", "CronJob", "cronjobs", short: ["cj"], categories: ["all"], sub: ["status"]),
    ]

    static let others: [ResourceType] = [
        make("coordination.k8s.io", "v1", "Lease", "leases"),
        make("discovery.k8s.io", "v1", "EndpointSlice", "endpointslices"),
        make("events.k8s.io", "v1", "Event", "events", short: ["ev"]),
        make("networking.k8s.io", "v1", "Ingress", "ingresses", short: ["ing"], sub: ["status"]),
        make("networking.k8s.io", "v1", "IngressClass", "ingressclasses", namespaced: false),
        make("networking.k8s.io", "v1", "NetworkPolicy", "networkpolicies", short: ["netpol"]),
        make("rbac.authorization.k8s.io", "v1", "Role", "roles"),
        make("rbac.authorization.k8s.io", "v1", "ClusterRole", "clusterroles", namespaced: false),
        make("rbac.authorization.k8s.io", "v1", "RoleBinding", "rolebindings"),
        make("rbac.authorization.k8s.io", "v1", "ClusterRoleBinding", "clusterrolebindings", namespaced: false),
        make("storage.k8s.io", "v1", "StorageClass", "storageclasses", short: ["sc"], namespaced: false),
        make("policy", "v1", "PodDisruptionBudget", "poddisruptionbudgets", short: ["pdb"], sub: ["status"]),
        // v2 first: it is the preferred version of the group.
        make("autoscaling", "v2", "HorizontalPodAutoscaler", "horizontalpodautoscalers", short: ["hpa"],
             categories: ["all"], sub: ["status"]),
        make("autoscaling", "v1", "HorizontalPodAutoscaler", "horizontalpodautoscalers", short: ["hpa"],
             categories: ["all"], sub: ["status"]),
        make("scheduling.k8s.io", "v1", "PriorityClass", "priorityclasses", short: ["pc"], namespaced: false),
    ]

    private static func make(
        _ group: String, _ version: String, _ kind: String, _ plural: String,
        short: [String] = [], categories: [String] = [], namespaced: Bool = true,
        sub: [String] = [], verbs: [String] = ResourceType.standardVerbs
    ) -> ResourceType {
        ResourceType(
            group: group, version: version, kind: kind, plural: plural, singular: kind.lowercased(),
            shortNames: short, categories: categories, namespaced: namespaced,
            subresources: sub, verbs: verbs,
            printer: BuiltinPrinters.printer(group: group, kind: kind),
            strategy: BuiltinStrategies.strategy(group: group, kind: kind),
            schema: BuiltinSchemas.schema(group: group, version: version, kind: kind)
        )
    }
}
