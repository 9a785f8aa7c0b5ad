import KubeMachinery

/// Kinds sent to subresources rather than stored: pods/binding, pods/eviction, */scale,
/// serviceaccounts/token. Their bodies are validated against these, not the parent's schema.
enum SubresourceKindSchemas {
    static let deleteOptions = Schema.named(Def.meta + "DeleteOptions", "Options for a delete.", [
        "apiVersion": .string("Versioned schema of this object."),
        "dryRun": .stringList("All to validate without persisting."),
        "gracePeriodSeconds": .int64("Seconds before the object is deleted."),
        "ignoreStoreReadErrorWithClusterBreakingPotential": .boolean("Delete even if the stored object cannot be read."),
        "kind": .string("DeleteOptions."),
        "orphanDependents": .boolean("Deprecated; use propagationPolicy."),
        "preconditions": .named(Def.meta + "Preconditions", "Must hold for the delete to proceed.", [
            "resourceVersion": .string("Expected resourceVersion."),
            "uid": .string("Expected UID."),
        ]),
        "propagationPolicy": .string("Orphan, Background or Foreground."),
    ])

    static let binding = Schema.kind(Def.core + "Binding", group: "", version: "v1", kind: "Binding",
                                     "Binds a pod to a node.", required: ["target"], [
        "target": ServiceSchemas.objectReference,
    ])

    static let eviction = Schema.kind("io.k8s.api.policy.v1.Eviction", group: "policy", version: "v1", kind: "Eviction",
                                      "A request to evict a pod, subject to disruption budgets.", [
        "deleteOptions": deleteOptions,
    ])

    static let scale = Schema.kind("io.k8s.api.autoscaling.v1.Scale", group: "autoscaling", version: "v1", kind: "Scale",
                                   "The scale of a scalable resource.", [
        "spec": .named("io.k8s.api.autoscaling.v1.ScaleSpec", "Desired scale.", [
            "replicas": .int32("Desired replicas."),
        ]),
        "status": .named("io.k8s.api.autoscaling.v1.ScaleStatus", "Observed scale.", required: ["replicas"], [
            "replicas": .int32("Observed replicas."),
            "selector": .string("Label selector of the pods, in string form."),
        ]),
    ])

    static let tokenRequest = Schema.kind("io.k8s.api.authentication.v1.TokenRequest", group: "authentication.k8s.io",
                                          version: "v1", kind: "TokenRequest", "Requests a token for a service account.",
                                          required: ["spec"], [
        "spec": .named("io.k8s.api.authentication.v1.TokenRequestSpec", "What the token is for.", required: ["audiences"], [
            "audiences": .stringList("Intended audiences."),
            "boundObjectRef": .named("io.k8s.api.authentication.v1.BoundObjectReference", "Object the token is bound to.", [
                "apiVersion": .string("API version of the referent."),
                "kind": .string("Pod, Secret or Node."),
                "name": .string("Name of the referent."),
                "uid": .string("UID of the referent."),
            ]),
            "expirationSeconds": .int64("Requested validity."),
        ]),
        "status": .named("io.k8s.api.authentication.v1.TokenRequestStatus", "The issued token.",
                         required: ["token", "expirationTimestamp"], [
            "expirationTimestamp": Meta.time,
            "token": .string("The opaque bearer token."),
        ]),
    ])
}
