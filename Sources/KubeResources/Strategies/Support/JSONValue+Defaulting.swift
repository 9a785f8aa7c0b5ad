import KubeMachinery

/// Small editing helpers for defaulting objects in place.
///
/// Go's zero values shape upstream's defaulting: a string field that is "" counts as unset, while a
/// pointer field (most integers and booleans) is unset only when absent. `defaultField` follows that.
extension JSONValue {
    /// Sets `key` when it is absent, null, or an empty string.
    mutating func defaultField(_ key: String, to value: JSONValue) {
        guard case .object = self else { return }
        switch self[key] {
        case nil, .null?: self[key] = value
        case .string("")?: if value.stringValue != nil { self[key] = value }
        default: break
        }
    }

    /// Mutates the object at `key`; creates it first when `create` is set, otherwise does nothing if absent.
    mutating func editField(_ key: String, create: Bool = false, _ body: (inout JSONValue) -> Void) {
        guard case .object = self else { return }
        var child: JSONValue
        if let existing = self[key], case .object = existing {
            child = existing
        } else if create, self[key] == nil || self[key] == .null {
            child = .object([:])
        } else {
            return
        }
        self[key] = nil
        body(&child)
        self[key] = child
    }

    /// Mutates each element of the array at `key`, when there is one.
    mutating func editEach(_ key: String, _ body: (inout JSONValue) -> Void) {
        guard var items = self[key]?.arrayValue else { return }
        self[key] = nil
        for i in items.indices { body(&items[i]) }
        self[key] = .array(items)
    }

    /// True when the key is absent, null, or an empty string, array or object (Go's "unset").
    func isUnset(_ key: String) -> Bool {
        switch self[key] {
        case nil, .null?: return true
        case .string(let s)?: return s.isEmpty
        case .array(let a)?: return a.isEmpty
        case .object(let o)?: return o.isEmpty
        default: return false
        }
    }

    /// A string member, treating a missing value as "".
    func string(_ key: String) -> String { self[key]?.stringValue ?? "" }

    /// The members of an object-valued field, empty when absent.
    func members(_ key: String) -> [String: JSONValue] { self[key]?.objectValue ?? [:] }

    /// The elements of an array-valued field, empty when absent.
    func items(_ key: String) -> [JSONValue] { self[key]?.arrayValue ?? [] }
}
