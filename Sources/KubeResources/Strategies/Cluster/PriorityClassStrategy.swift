import KubeMachinery

/// PriorityClasses (scheduling.k8s.io/v1). `value` and `preemptionPolicy` are fixed once created.
public struct PriorityClassStrategy: ResourceStrategy {
    public init() {}

    static let highestUserDefinable: Int64 = 1_000_000_000
    static let systemClasses: [String: Int64] = ["system-node-critical": 2_000_001_000, "system-cluster-critical": 2_000_000_000]

    public func applyDefaults(_ object: inout JSONValue) {
        object.defaultField("preemptionPolicy", to: "PreemptLowerPriority")
    }

    public func validate(_ object: JSONValue) -> [FieldError] {
        var errs: [FieldError] = []
        let name = object[path: ["metadata", "name"]]?.stringValue ?? ""
        guard let value = object["value"]?.intValue else { return [FieldErr.required(FieldPath("value"))] }
        if let systemValue = Self.systemClasses[name] {
            if value != systemValue {
                errs.append(FieldErr.forbidden(FieldPath("metadata.name"), "\(name) is a system priority class and its value must be \(systemValue)"))
            }
        } else if name.hasPrefix("system-") {
            errs.append(FieldErr.forbidden(FieldPath("metadata.name"), "priority class names with 'system-' prefix are reserved"))
        } else if value > Self.highestUserDefinable {
            errs.append(FieldErr.forbidden(FieldPath("value"), "maximum allowed value of a user defined priority is \(Self.highestUserDefinable)"))
        }
        errs += FieldCheck.oneOf(object["preemptionPolicy"], ["Never", "PreemptLowerPriority"], FieldPath("preemptionPolicy"), required: false)
        return errs
    }

    public func validateUpdate(_ object: JSONValue, old: JSONValue) -> [FieldError] {
        var errs: [FieldError] = []
        if object["value"]?.intValue != old["value"]?.intValue {
            errs.append(FieldErr.forbidden(FieldPath("value"), "may not be changed in an update."))
        }
        errs += FieldCheck.immutable(object["preemptionPolicy"], old["preemptionPolicy"], FieldPath("preemptionPolicy"))
        return errs
    }
}

/// Leases (coordination.k8s.io/v1).
public struct LeaseStrategy: ResourceStrategy {
    public init() {}

    public func validate(_ object: JSONValue) -> [FieldError] {
        var errs: [FieldError] = []
        if let d = object[path: ["spec", "leaseDurationSeconds"]]?.intValue, d <= 0 {
            errs.append(FieldErr.invalid(FieldPath("spec.leaseDurationSeconds"), .int(d), "must be greater than 0"))
        }
        if let t = object[path: ["spec", "leaseTransitions"]]?.intValue, t < 0 {
            errs.append(FieldErr.invalid(FieldPath("spec.leaseTransitions"), .int(t), "must be greater than or equal to 0"))
        }
        return errs
    }
}
