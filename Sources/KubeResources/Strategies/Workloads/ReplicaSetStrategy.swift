import KubeMachinery

/// ReplicaSets (apps/v1).
public struct ReplicaSetStrategy: ResourceStrategy {
    public init() {}

    public func applyDefaults(_ object: inout JSONValue) {
        object.editField("spec", create: true) { spec in
            spec.defaultField("replicas", to: 1)
            PodTemplateRules.applyDefaults(&spec)
        }
    }

    public func validate(_ object: JSONValue) -> [FieldError] {
        let spec = object["spec"] ?? .object([:])
        let p = FieldPath("spec")
        var errs = FieldCheck.nonNegative(spec["replicas"], p.child("replicas"))
        errs += FieldCheck.nonNegative(spec["minReadySeconds"], p.child("minReadySeconds"))
        // Upstream's ReplicaSet message says "deployment" too.
        errs += PodTemplateRules.selector(spec, p, kindForMessages: "deployment")
        errs += PodTemplateRules.template(spec["template"], matching: LabelSelectorMatcher(spec["selector"]),
                                          p.child("template"), kindName: "ReplicaSet")
        return errs
    }

    public func validateUpdate(_ object: JSONValue, old: JSONValue) -> [FieldError] {
        FieldCheck.immutable(object[path: ["spec", "selector"]], old[path: ["spec", "selector"]], FieldPath("spec.selector"))
    }
}
