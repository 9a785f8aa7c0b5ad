import KubeMachinery

/// PersistentVolumeClaims (core/v1); the claim defaults are shared with StatefulSet
/// `volumeClaimTemplates`.
public struct PersistentVolumeClaimStrategy: ResourceStrategy {
    public init() {}

    static let accessModes = ["ReadOnlyMany", "ReadWriteMany", "ReadWriteOnce", "ReadWriteOncePod"]
    static let volumeModes = ["Block", "Filesystem"]

    /// `SetDefaults_PersistentVolumeClaim` with its spec: Filesystem mode, Pending phase.
    static func defaultClaim(_ claim: inout JSONValue) {
        claim.editField("spec", create: true) { $0.defaultField("volumeMode", to: "Filesystem") }
        claim.editField("status", create: true) { $0.defaultField("phase", to: "Pending") }
    }

    public func applyDefaults(_ object: inout JSONValue) { Self.defaultClaim(&object) }

    public func validate(_ object: JSONValue) -> [FieldError] {
        Self.validateSpec(object["spec"] ?? .object([:]), FieldPath("spec"))
    }

    static func validateSpec(_ spec: JSONValue, _ p: FieldPath) -> [FieldError] {
        var errs: [FieldError] = []
        let modes = spec.items("accessModes")
        if modes.isEmpty { errs.append(FieldErr.required(p.child("accessModes"), "at least 1 access mode is required")) }
        for m in modes {
            errs += FieldCheck.oneOf(m, accessModes, p.child("accessModes"))
        }
        if modes.contains("ReadWriteOncePod") && modes.count > 1 {
            errs.append(FieldErr.forbidden(p.child("accessModes"), "may not use ReadWriteOncePod with other access modes"))
        }
        let storagePath = p.child("resources").key("storage")
        if let storage = spec[path: ["resources", "requests", "storage"]] {
            if let q = ResourceQuantity(storage) {
                if q <= .zero {
                    errs.append(FieldErr.invalid(storagePath, .string(storage.stringValue ?? storage.serializedString()), "must be greater than zero"))
                }
            } else {
                errs.append(FieldErr.invalid(storagePath, storage, "must be a valid quantity"))
            }
        } else {
            errs.append(FieldErr.required(storagePath))
        }
        errs += FieldCheck.oneOf(spec["volumeMode"], volumeModes, p.child("volumeMode"), required: false)
        return errs
    }

    /// A bound claim's spec is fixed except its storage request (which may only grow) and
    /// `volumeAttributesClassName`; an unbound claim may also gain a `volumeName`.
    public func validateUpdate(_ object: JSONValue, old: JSONValue) -> [FieldError] {
        var newSpec = object["spec"] ?? .object([:])
        let oldSpec = old["spec"] ?? .object([:])
        var errs: [FieldError] = []
        if oldSpec.string("volumeName").isEmpty { newSpec["volumeName"] = oldSpec["volumeName"] }
        newSpec["volumeAttributesClassName"] = oldSpec["volumeAttributesClassName"]
        newSpec.editField("resources") { r in
            r.editField("requests") { $0["storage"] = oldSpec[path: ["resources", "requests", "storage"]] }
        }
        if !newSpec.semanticallyEqual(oldSpec) {
            errs.append(FieldErr.forbidden(FieldPath("spec"),
                "spec is immutable after creation except resources.requests and volumeAttributesClassName for bound claims"))
        }
        if let n = object[path: ["spec", "resources", "requests", "storage"]].flatMap(ResourceQuantity.init),
           let o = old[path: ["spec", "resources", "requests", "storage"]].flatMap(ResourceQuantity.init), n < o {
            errs.append(FieldErr.forbidden(FieldPath("spec.resources.requests.storage"), "field can not be less than previous value"))
        }
        return errs
    }
}
