import KubeMachinery

/// LimitRanges (core/v1): container limits default from `max`, requests from the default limits.
public struct LimitRangeStrategy: ResourceStrategy {
    public init() {}

    static let types = ["Container", "PersistentVolumeClaim", "Pod"]

    public func applyDefaults(_ object: inout JSONValue) {
        object.editField("spec") { spec in
            spec.editEach("limits") { item in
                guard item.string("type") == "Container" else { return }
                var defaults = item.members("default")
                for (k, v) in item.members("max") where defaults[k] == nil { defaults[k] = v }
                var requests = item.members("defaultRequest")
                for (k, v) in defaults where requests[k] == nil { requests[k] = v }
                if !defaults.isEmpty { item["default"] = .object(defaults) }
                if !requests.isEmpty { item["defaultRequest"] = .object(requests) }
            }
        }
    }

    public func validate(_ object: JSONValue) -> [FieldError] {
        var errs: [FieldError] = []
        for (i, item) in (object[path: ["spec", "limits"]]?.arrayValue ?? []).enumerated() {
            let p = FieldPath("spec.limits").index(i)
            errs += FieldCheck.oneOf(item["type"], Self.types, p.child("type"))
            let min = item.members("min"), max = item.members("max")
            for (k, lo) in min {
                if let hi = max[k], let a = ResourceQuantity(lo), let b = ResourceQuantity(hi), a > b {
                    errs.append(FieldErr.invalid(p.child("min").key(k), .string(lo.stringValue ?? ""), "min value \(lo.stringValue ?? "") is greater than max value \(hi.stringValue ?? "")"))
                }
            }
        }
        return errs
    }
}

/// ResourceQuotas (core/v1): hard limits are non-negative quantities.
public struct ResourceQuotaStrategy: ResourceStrategy {
    public init() {}

    public func validate(_ object: JSONValue) -> [FieldError] {
        var errs: [FieldError] = []
        let hard = object[path: ["spec", "hard"]]?.objectValue ?? [:]
        for k in hard.keys.sorted() {
            let v = hard[k]!
            let text = v.stringValue ?? v.serializedString()
            guard let q = ResourceQuantity(v) else {
                errs.append(FieldErr.invalid(FieldPath("spec.hard").key(k), .string(text), "must be a valid quantity"))
                continue
            }
            if q < .zero { errs.append(FieldErr.invalid(FieldPath("spec.hard").key(k), .string(text), "must be greater than or equal to 0")) }
        }
        return errs
    }
}
