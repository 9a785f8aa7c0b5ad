import KubeMachinery

/// Schemas of the built-in kinds, looked up by group/version/kind.
public enum BuiltinSchemas {
    /// Every built-in top-level kind's schema; each carries its group/version/kind.
    public static let all: [Schema] = [
        PodSchemas.pod, PodSchemas.podTemplate,
        ServiceSchemas.service, ServiceSchemas.endpoints,
        CoreKindSchemas.configMap, CoreKindSchemas.secret, CoreKindSchemas.namespace,
        CoreKindSchemas.serviceAccount, CoreKindSchemas.event, CoreKindSchemas.limitRange,
        CoreKindSchemas.resourceQuota, CoreKindSchemas.replicationController,
        NodeSchemas.node, StorageSchemas.pv, StorageSchemas.pvc,
        AppsSchemas.deployment, AppsSchemas.replicaSet, AppsSchemas.daemonSet,
        AppsSchemas.statefulSet, AppsSchemas.controllerRevision,
        BatchSchemas.job, BatchSchemas.cronJob,
        NetworkingSchemas.ingress, NetworkingSchemas.ingressClass, NetworkingSchemas.networkPolicy,
        NetworkingSchemas.endpointSlice,
        RBACSchemas.role, RBACSchemas.clusterRole, RBACSchemas.roleBinding, RBACSchemas.clusterRoleBinding,
        ClusterKindSchemas.lease, ClusterKindSchemas.eventsEvent, ClusterKindSchemas.storageClass,
        ClusterKindSchemas.podDisruptionBudget, ClusterKindSchemas.hpaV1, ClusterKindSchemas.hpaV2,
        ClusterKindSchemas.priorityClass,
        SubresourceKindSchemas.binding, SubresourceKindSchemas.eviction, SubresourceKindSchemas.scale,
        SubresourceKindSchemas.tokenRequest,
    ]

    private static let byGVK: [String: Schema] = {
        var index: [String: Schema] = [:]
        for schema in all {
            for gvk in schema.groupVersionKinds { index["\(gvk.group)/\(gvk.version)/\(gvk.kind)"] = schema }
        }
        return index
    }()

    public static func schema(group: String, version: String, kind: String) -> Schema? {
        byGVK["\(group)/\(version)/\(kind)"]
    }

    /// The object's own schema, from its `apiVersion` and `kind`.
    public static func schema(for object: JSONValue) -> Schema? {
        guard let apiVersion = object["apiVersion"]?.stringValue, let kind = object["kind"]?.stringValue else { return nil }
        let parts = apiVersion.split(separator: "/", maxSplits: 1).map(String.init)
        return parts.count == 2 ? schema(group: parts[0], version: parts[1], kind: kind)
                                : schema(group: "", version: apiVersion, kind: kind)
    }
}
