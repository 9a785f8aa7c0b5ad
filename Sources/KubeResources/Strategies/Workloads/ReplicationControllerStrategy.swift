import KubeMachinery

/// ReplicationControllers (core/v1). Unlike apps/v1 kinds, the selector is a plain label map,
/// defaulted (with the object's own labels) from the template's labels, and may change.
public struct ReplicationControllerStrategy: ResourceStrategy {
    public init() {}

    public func applyDefaults(_ object: inout JSONValue) {
        if let labels = object[path: ["spec", "template", "metadata", "labels"]], case .object = labels {
            object.editField("spec", create: true) { spec in
                if spec.isUnset("selector") { spec["selector"] = labels }
            }
            if object[path: ["metadata", "labels"]]?.objectValue?.isEmpty ?? true {
                object.editField("metadata", create: true) { $0["labels"] = labels }
            }
        }
        object.editField("spec", create: true) { spec in
            spec.defaultField("replicas", to: 1)
            PodTemplateRules.applyDefaults(&spec)
        }
    }

    public func validate(_ object: JSONValue) -> [FieldError] {
        let spec = object["spec"] ?? .object([:])
        let p = FieldPath("spec")
        var errs = FieldCheck.nonNegative(spec["minReadySeconds"], p.child("minReadySeconds"))
        let selector = FieldCheck.stringMap(spec["selector"])
        if selector.isEmpty { errs.append(FieldErr.required(p.child("selector"))) }
        errs += FieldCheck.nonNegative(spec["replicas"], p.child("replicas"))
        let matcher = LabelSelectorMatcher(.object(["matchLabels": spec["selector"] ?? .object([:])]))
        errs += PodTemplateRules.template(spec["template"], matching: matcher, p.child("template"), kindName: "ReplicationController")
        return errs
    }
}
