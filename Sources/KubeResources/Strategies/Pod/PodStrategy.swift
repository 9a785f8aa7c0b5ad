import KubeMachinery

/// Pods (core/v1): upstream's defaults, creation status, validation and update rules.
public struct PodStrategy: ResourceStrategy {
    public init() {}

    /// A new pod starts Pending, with the QoS class its (defaulted) resources give it.
    public func prepareForCreate(_ object: inout JSONValue) {
        var spec = object["spec"] ?? .object([:])
        PodSpecDefaults.apply(&spec)
        PodSpecDefaults.applyPodOnly(&spec)
        object["status"] = ["phase": "Pending", "qosClass": .string(PodQOS.qosClass(of: spec))]
    }

    public func applyDefaults(_ object: inout JSONValue) {
        object.editField("spec", create: true) { spec in
            PodSpecDefaults.apply(&spec)
            PodSpecDefaults.applyPodOnly(&spec)
        }
    }

    public func validate(_ object: JSONValue) -> [FieldError] {
        PodSpecValidation.validate(object["spec"], FieldPath("spec"))
    }

    public func validateUpdate(_ object: JSONValue, old: JSONValue) -> [FieldError] {
        PodUpdateRules.validate(new: object, old: old)
    }
}
