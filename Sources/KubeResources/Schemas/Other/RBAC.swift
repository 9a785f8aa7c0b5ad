import KubeMachinery

/// rbac.authorization.k8s.io/v1 kinds.
enum RBACSchemas {
    static let rbac = "io.k8s.api.rbac.v1."
    static let group = "rbac.authorization.k8s.io"

    static let policyRule = Schema.named(rbac + "PolicyRule", "Actions allowed on some resources.", required: ["verbs"], [
        "apiGroups": .stringList("API groups of the resources."),
        "nonResourceURLs": .stringList("Non-resource URL paths."),
        "resourceNames": .stringList("Names of allowed objects."),
        "resources": .stringList("Resources the rule applies to."),
        "verbs": .stringList("Allowed verbs."),
    ])
    static let subject = Schema.named(rbac + "Subject", "A user, group or service account.", required: ["kind", "name"], [
        "apiGroup": .string("Group of the subject kind."),
        "kind": .string("User, Group or ServiceAccount."),
        "name": .string("Name of the subject."),
        "namespace": .string("Namespace of a service account."),
    ])
    static let roleRef = Schema.named(rbac + "RoleRef", "The role a binding grants.", required: ["apiGroup", "kind", "name"], [
        "apiGroup": .string("Group of the role."),
        "kind": .string("Role or ClusterRole."),
        "name": .string("Name of the role."),
    ])
    static let role = Schema.kind(rbac + "Role", group: group, version: "v1", kind: "Role",
                                  "Namespaced permissions.", [
        "rules": .list(of: policyRule, "The permissions."),
    ])
    static let clusterRole = Schema.kind(rbac + "ClusterRole", group: group, version: "v1", kind: "ClusterRole",
                                         "Cluster-wide permissions.", [
        "aggregationRule": .named(rbac + "AggregationRule", "Roles whose rules are aggregated into this one.", [
            "clusterRoleSelectors": .list(of: Meta.labelSelector, "Selectors of the roles."),
        ]),
        "rules": .list(of: policyRule, "The permissions."),
    ])
    static let roleBinding = Schema.kind(rbac + "RoleBinding", group: group, version: "v1", kind: "RoleBinding",
                                         "Grants a role within a namespace.", required: ["roleRef"], [
        "roleRef": roleRef,
        "subjects": .list(of: subject, "Who the role is granted to."),
    ])
    static let clusterRoleBinding = Schema.kind(rbac + "ClusterRoleBinding", group: group, version: "v1",
                                                kind: "ClusterRoleBinding", "Grants a cluster role cluster-wide.",
                                                required: ["roleRef"], [
        "roleRef": roleRef,
        "subjects": .list(of: subject, "Who the role is granted to."),
    ])
}
