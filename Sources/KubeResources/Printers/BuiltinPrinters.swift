import KubeMachinery

/// Server-side printing (`Accept: application/json;as=Table;g=meta.k8s.io;v=v1`) for the
/// built-in kinds, with upstream's column names, types and priorities and cells computed the
/// way upstream's printers compute them.
///
/// Cells are always computed for every column, wide ones included: the API server returns
/// them all and kubectl hides priority-1 columns unless asked for `-o wide`.
public enum BuiltinPrinters {
    /// The printer of a built-in kind, or upstream's default (NAME, CREATED AT) for kinds
    /// upstream does not print specially (Role, ClusterRole, LimitRange, ...).
    public static func printer(group: String, kind: String) -> TablePrinter {
        switch (group, kind) {
        case ("", "Pod"): return pod
        case ("", "PodTemplate"): return podTemplate
        case ("", "Namespace"): return namespace
        case ("", "Node"): return node
        case ("", "Service"): return service
        case ("", "Endpoints"): return endpoints
        case ("", "ConfigMap"): return configMap
        case ("", "Secret"): return secret
        case ("", "ServiceAccount"): return serviceAccount
        case ("", "Event"), ("events.k8s.io", "Event"): return event
        case ("", "ResourceQuota"): return resourceQuota
        case ("", "PersistentVolume"): return persistentVolume
        case ("", "PersistentVolumeClaim"): return persistentVolumeClaim
        case ("", "ReplicationController"): return replicationController
        case ("apps", "Deployment"): return deployment
        case ("apps", "ReplicaSet"): return replicaSet
        case ("apps", "DaemonSet"): return daemonSet
        case ("apps", "StatefulSet"): return statefulSet
        case ("apps", "ControllerRevision"): return controllerRevision
        case ("batch", "Job"): return job
        case ("batch", "CronJob"): return cronJob
        case ("coordination.k8s.io", "Lease"): return lease
        case ("discovery.k8s.io", "EndpointSlice"): return endpointSlice
        case ("networking.k8s.io", "Ingress"): return ingress
        case ("networking.k8s.io", "IngressClass"): return ingressClass
        case ("networking.k8s.io", "NetworkPolicy"): return networkPolicy
        case ("rbac.authorization.k8s.io", "RoleBinding"): return roleBinding
        case ("rbac.authorization.k8s.io", "ClusterRoleBinding"): return clusterRoleBinding
        case ("storage.k8s.io", "StorageClass"): return storageClass
        case ("policy", "PodDisruptionBudget"): return podDisruptionBudget
        case ("autoscaling", "HorizontalPodAutoscaler"): return horizontalPodAutoscaler
        case ("scheduling.k8s.io", "PriorityClass"): return priorityClass
        default: return .default
        }
    }
}
