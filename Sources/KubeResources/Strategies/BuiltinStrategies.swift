import KubeMachinery

/// Defaulting and validation of the built-in kinds, looked up by group and kind.
/// Kinds without rules of their own (ServiceAccount, Event, ...) get `DefaultStrategy`.
public enum BuiltinStrategies {
    public static func strategy(group: String, kind: String) -> any ResourceStrategy {
        switch (group, kind) {
        case ("", "Pod"): return PodStrategy()
        case ("", "Service"): return ServiceStrategy()
        case ("", "ReplicationController"): return ReplicationControllerStrategy()
        case ("", "Namespace"): return NamespaceStrategy()
        case ("", "Secret"): return SecretStrategy()
        case ("", "ConfigMap"): return ConfigMapStrategy()
        case ("", "Node"): return NodeStrategy()
        case ("", "Endpoints"): return EndpointsStrategy()
        case ("", "PersistentVolumeClaim"): return PersistentVolumeClaimStrategy()
        case ("", "PersistentVolume"): return PersistentVolumeStrategy()
        case ("", "LimitRange"): return LimitRangeStrategy()
        case ("", "ResourceQuota"): return ResourceQuotaStrategy()
        case ("apps", "Deployment"): return DeploymentStrategy()
        case ("apps", "ReplicaSet"): return ReplicaSetStrategy()
        case ("apps", "StatefulSet"): return StatefulSetStrategy()
        case ("apps", "DaemonSet"): return DaemonSetStrategy()
        case ("batch", "Job"): return JobStrategy()
        case ("batch", "CronJob"): return CronJobStrategy()
        case ("scheduling.k8s.io", "PriorityClass"): return PriorityClassStrategy()
        case ("coordination.k8s.io", "Lease"): return LeaseStrategy()
        case ("storage.k8s.io", "StorageClass"): return StorageClassStrategy()
        case ("networking.k8s.io", "Ingress"): return IngressStrategy()
        case ("networking.k8s.io", "IngressClass"): return IngressClassStrategy()
        case ("networking.k8s.io", "NetworkPolicy"): return NetworkPolicyStrategy()
        case ("discovery.k8s.io", "EndpointSlice"): return EndpointSliceStrategy()
        case ("autoscaling", "HorizontalPodAutoscaler"): return HorizontalPodAutoscalerStrategy()
        case ("policy", "PodDisruptionBudget"): return PodDisruptionBudgetStrategy()
        case ("rbac.authorization.k8s.io", "Role"): return RoleStrategy(namespaced: true)
        case ("rbac.authorization.k8s.io", "ClusterRole"): return RoleStrategy(namespaced: false)
        case ("rbac.authorization.k8s.io", "RoleBinding"): return RoleBindingStrategy(namespaced: true)
        case ("rbac.authorization.k8s.io", "ClusterRoleBinding"): return RoleBindingStrategy(namespaced: false)
        default: return DefaultStrategy()
        }
    }
}
