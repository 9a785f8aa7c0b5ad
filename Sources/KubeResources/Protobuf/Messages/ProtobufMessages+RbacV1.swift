/// Message tables for RbacV1. Field numbers, names and types are upstream's `generated.proto`
/// facts as compiled into kubectl 1.33 (read from the descriptors embedded in its binary);
/// the `.omitEmpty`/`.keepEmpty` marks and inlined (`""`) fields follow the Go types. See
/// `ProtobufMessageDescriptor` for the rules.
extension ProtobufMessageDescriptor {
    static let rbacV1: [ProtobufMessageDescriptor] = [
        .init("rbac.v1.Role", [
            .init(1, "metadata", .message("meta.v1.ObjectMeta")),
            .init(2, "rules", .repeated(.message("rbac.v1.PolicyRule"))),
        ]),
        .init("rbac.v1.PolicyRule", [
            .init(1, "verbs", .repeated(.string)),
            .init(2, "apiGroups", .repeated(.string)),
            .init(3, "resources", .repeated(.string)),
            .init(4, "resourceNames", .repeated(.string)),
            .init(5, "nonResourceURLs", .repeated(.string)),
        ]),
        .init("rbac.v1.ClusterRole", [
            .init(1, "metadata", .message("meta.v1.ObjectMeta")),
            .init(2, "rules", .repeated(.message("rbac.v1.PolicyRule"))),
            .init(3, "aggregationRule", .message("rbac.v1.AggregationRule")),
        ]),
        .init("rbac.v1.AggregationRule", [
            .init(1, "clusterRoleSelectors", .repeated(.message("meta.v1.LabelSelector"))),
        ]),
        .init("rbac.v1.RoleBinding", [
            .init(1, "metadata", .message("meta.v1.ObjectMeta")),
            .init(2, "subjects", .repeated(.message("rbac.v1.Subject"))),
            .init(3, "roleRef", .message("rbac.v1.RoleRef")),
        ]),
        .init("rbac.v1.Subject", [
            .init(1, "kind", .string),
            .init(2, "apiGroup", .string),
            .init(3, "name", .string),
            .init(4, "namespace", .string),
        ]),
        .init("rbac.v1.RoleRef", [
            .init(1, "apiGroup", .string),
            .init(2, "kind", .string),
            .init(3, "name", .string),
        ]),
        .init("rbac.v1.ClusterRoleBinding", [
            .init(1, "metadata", .message("meta.v1.ObjectMeta")),
            .init(2, "subjects", .repeated(.message("rbac.v1.Subject"))),
            .init(3, "roleRef", .message("rbac.v1.RoleRef")),
        ]),
    ]
}
