import KubeMachinery

/// Nodes (core/v1, cluster-scoped).
public struct NodeStrategy: ResourceStrategy {
    public init() {}

    static let taintEffects = ["NoExecute", "NoSchedule", "PreferNoSchedule"]

    /// A node that reports capacity but not allocatable can allocate all of it.
    public func applyDefaults(_ object: inout JSONValue) {
        guard let capacity = object[path: ["status", "capacity"]], case .object = capacity else { return }
        object.editField("status") { $0.defaultField("allocatable", to: capacity) }
    }

    public func validate(_ object: JSONValue) -> [FieldError] {
        var errs: [FieldError] = []
        for (i, t) in (object[path: ["spec", "taints"]]?.arrayValue ?? []).enumerated() {
            let p = FieldPath("spec.taints").index(i)
            if t.string("key").isEmpty { errs.append(FieldErr.required(p.child("key"))) }
            errs += FieldCheck.oneOf(t["effect"], Self.taintEffects, p.child("effect"))
        }
        return errs
    }

    /// `podCIDR(s)` and `providerID` may be set once, from empty.
    public func validateUpdate(_ object: JSONValue, old: JSONValue) -> [FieldError] {
        var errs: [FieldError] = []
        let oldCIDRs = old[path: ["spec", "podCIDRs"]]?.arrayValue ?? []
        if !oldCIDRs.isEmpty, (object[path: ["spec", "podCIDRs"]]?.arrayValue ?? []) != oldCIDRs {
            errs.append(FieldErr.forbidden(FieldPath("spec.podCIDRs"), "node updates may not change podCIDR except from \"\" to valid"))
        }
        let oldProvider = old[path: ["spec", "providerID"]]?.stringValue ?? ""
        if !oldProvider.isEmpty, object[path: ["spec", "providerID"]]?.stringValue != oldProvider {
            errs.append(FieldErr.forbidden(FieldPath("spec.providerID"), "node updates may not change providerID except from \"\" to valid"))
        }
        return errs
    }
}
