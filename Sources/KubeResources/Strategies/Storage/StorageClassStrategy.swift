import KubeMachinery

/// StorageClasses (storage.k8s.io/v1): fields are top-level, and all but a few are fixed.
public struct StorageClassStrategy: ResourceStrategy {
    public init() {}

    public func applyDefaults(_ object: inout JSONValue) {
        object.defaultField("reclaimPolicy", to: "Delete")
        object.defaultField("volumeBindingMode", to: "Immediate")
    }

    public func validate(_ object: JSONValue) -> [FieldError] {
        var errs: [FieldError] = []
        let provisioner = object.string("provisioner")
        if provisioner.isEmpty {
            errs.append(FieldErr.required(FieldPath("provisioner")))
        } else {
            errs += NameFormats.dns1123Subdomain(provisioner.lowercased()).isEmpty ? [] :
                [FieldErr.invalid(FieldPath("provisioner"), .string(provisioner), "must be a qualified name")]
        }
        errs += FieldCheck.oneOf(object["reclaimPolicy"], ["Delete", "Retain"], FieldPath("reclaimPolicy"), required: false)
        errs += FieldCheck.oneOf(object["volumeBindingMode"], ["Immediate", "WaitForFirstConsumer"], FieldPath("volumeBindingMode"))
        return errs
    }

    public func validateUpdate(_ object: JSONValue, old: JSONValue) -> [FieldError] {
        var errs: [FieldError] = []
        for f in ["parameters", "provisioner", "reclaimPolicy"] where !(object[f] ?? .null).semanticallyEqual(old[f]) {
            errs.append(FieldErr.forbidden(FieldPath(f), "updates to \(f) are forbidden."))
        }
        errs += FieldCheck.immutable(object["volumeBindingMode"], old["volumeBindingMode"], FieldPath("volumeBindingMode"))
        return errs
    }
}
