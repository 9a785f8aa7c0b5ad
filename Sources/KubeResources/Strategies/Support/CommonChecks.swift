import KubeMachinery

/// Field checks shared by many kinds, each producing upstream's errors at the given path.
enum FieldCheck {
    /// A name that must be a DNS-1123 label: Required when empty, one Invalid per problem otherwise.
    static func dnsLabel(_ value: String, _ p: FieldPath) -> [FieldError] {
        if value.isEmpty { return [FieldErr.required(p)] }
        return NameFormats.dns1123Label(value).map { FieldErr.invalid(p, .string(value), $0) }
    }

    static func dnsSubdomain(_ value: String, _ p: FieldPath) -> [FieldError] {
        if value.isEmpty { return [FieldErr.required(p)] }
        return NameFormats.dns1123Subdomain(value).map { FieldErr.invalid(p, .string(value), $0) }
    }

    /// `ValidateNonnegativeField`: absent values pass.
    static func nonNegative(_ value: JSONValue?, _ p: FieldPath) -> [FieldError] {
        guard let v = value?.intValue, v < 0 else { return [] }
        return [FieldErr.invalid(p, .int(v), "must be greater than or equal to 0")]
    }

    /// `ValidatePositiveField`-like check used where upstream requires at least 1.
    static func positive(_ value: JSONValue?, _ p: FieldPath) -> [FieldError] {
        guard let v = value?.intValue, v <= 0 else { return [] }
        return [FieldErr.invalid(p, .int(v), "must be greater than zero")]
    }

    /// A string enum; empty counts as missing when `required`.
    static func oneOf(_ value: JSONValue?, _ allowed: [String], _ p: FieldPath, required: Bool = true) -> [FieldError] {
        let s = value?.stringValue ?? ""
        if s.isEmpty { return required ? [FieldErr.required(p)] : [] }
        return allowed.contains(s) ? [] : [FieldErr.notSupported(p, .string(s), allowed)]
    }

    /// `ValidateImmutableField` for one field between new and old.
    static func immutable(_ new: JSONValue?, _ old: JSONValue?, _ p: FieldPath) -> [FieldError] {
        normalize(new) == normalize(old) ? [] : [FieldErr.immutable(p, new ?? .null)]
    }

    /// Treats null, "" and empty collections as one "unset" value, as Go's zero values compare.
    static func normalize(_ v: JSONValue?) -> JSONValue? {
        switch v {
        case nil, .null?: return nil
        case .string("")?: return nil
        case .array(let a)? where a.isEmpty: return nil
        case .object(let o)? where o.isEmpty: return nil
        default: return v
        }
    }

    /// Label-style maps (`matchLabels`, template labels): keys and values must be strings.
    static func stringMap(_ v: JSONValue?) -> [String: String] {
        var out: [String: String] = [:]
        for (k, val) in v?.objectValue ?? [:] { out[k] = val.stringValue ?? "" }
        return out
    }
}
