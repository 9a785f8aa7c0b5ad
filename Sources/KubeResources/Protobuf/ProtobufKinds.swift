/// Which message table decodes the object an envelope names by `apiVersion` and `kind`.
enum ProtobufKinds {
    /// `DeleteOptions` is registered in every group version, so clients send it with whatever
    /// group version the request is for; it is matched by kind alone.
    static let anyVersionKinds: [String: String] = [
        "DeleteOptions": "meta.v1.DeleteOptions",
    ]

    static let messageNames: [String: [String: String]] = [
        "v1": [
            "Namespace": "core.v1.Namespace", "ConfigMap": "core.v1.ConfigMap", "Secret": "core.v1.Secret",
            "ServiceAccount": "core.v1.ServiceAccount", "Service": "core.v1.Service",
            "Endpoints": "core.v1.Endpoints", "Pod": "core.v1.Pod", "PodTemplate": "core.v1.PodTemplate",
            "ReplicationController": "core.v1.ReplicationController", "ResourceQuota": "core.v1.ResourceQuota",
            "LimitRange": "core.v1.LimitRange", "Event": "core.v1.Event",
            "PersistentVolumeClaim": "core.v1.PersistentVolumeClaim", "PersistentVolume": "core.v1.PersistentVolume",
            "Node": "core.v1.Node", "Binding": "core.v1.Binding",
        ],
        "apps/v1": [
            "Deployment": "apps.v1.Deployment", "ReplicaSet": "apps.v1.ReplicaSet",
            "StatefulSet": "apps.v1.StatefulSet", "DaemonSet": "apps.v1.DaemonSet",
            "ControllerRevision": "apps.v1.ControllerRevision",
        ],
        "batch/v1": ["Job": "batch.v1.Job", "CronJob": "batch.v1.CronJob"],
        "rbac.authorization.k8s.io/v1": [
            "Role": "rbac.v1.Role", "ClusterRole": "rbac.v1.ClusterRole",
            "RoleBinding": "rbac.v1.RoleBinding", "ClusterRoleBinding": "rbac.v1.ClusterRoleBinding",
        ],
        "scheduling.k8s.io/v1": ["PriorityClass": "scheduling.v1.PriorityClass"],
        "policy/v1": ["PodDisruptionBudget": "policy.v1.PodDisruptionBudget", "Eviction": "policy.v1.Eviction"],
        "networking.k8s.io/v1": [
            "Ingress": "networking.v1.Ingress", "IngressClass": "networking.v1.IngressClass",
            "NetworkPolicy": "networking.v1.NetworkPolicy",
        ],
        "coordination.k8s.io/v1": ["Lease": "coordination.v1.Lease"],
        "events.k8s.io/v1": ["Event": "events.v1.Event"],
        "discovery.k8s.io/v1": ["EndpointSlice": "discovery.v1.EndpointSlice"],
        "storage.k8s.io/v1": [
            "StorageClass": "storage.v1.StorageClass", "CSIDriver": "storage.v1.CSIDriver",
            "CSINode": "storage.v1.CSINode", "VolumeAttachment": "storage.v1.VolumeAttachment",
        ],
        "autoscaling/v1": [
            "Scale": "autoscaling.v1.Scale", "HorizontalPodAutoscaler": "autoscaling.v1.HorizontalPodAutoscaler",
        ],
        "autoscaling/v2": ["HorizontalPodAutoscaler": "autoscaling.v2.HorizontalPodAutoscaler"],
        "authentication.k8s.io/v1": [
            "TokenRequest": "authentication.v1.TokenRequest", "TokenReview": "authentication.v1.TokenReview",
        ],
        "authorization.k8s.io/v1": [
            "SubjectAccessReview": "authorization.v1.SubjectAccessReview",
            "SelfSubjectAccessReview": "authorization.v1.SelfSubjectAccessReview",
            "LocalSubjectAccessReview": "authorization.v1.LocalSubjectAccessReview",
            "SelfSubjectRulesReview": "authorization.v1.SelfSubjectRulesReview",
        ],
    ]

    static func messageName(apiVersion: String, kind: String) -> String? {
        if let name = anyVersionKinds[kind] { return name }
        return messageNames[apiVersion]?[kind]
    }
}
