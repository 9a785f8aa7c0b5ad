/// A JSON document as the API server sees it: every object in Bosun's request path is one of these.
///
/// Integers are kept apart from doubles so that `resourceVersion`-like counters, ports and
/// replica counts round-trip exactly. Objects are unordered; the serializer writes keys sorted,
/// which for Kubernetes objects puts `apiVersion`, `kind`, `metadata`, `spec`, `status` in their
/// usual order.
public enum JSONValue: Sendable, Hashable {
    case null
    case bool(Bool)
    case int(Int64)
    case double(Double)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])
}

extension JSONValue {
    public var isNull: Bool { if case .null = self { return true } else { return false } }

    public var stringValue: String? { if case .string(let s) = self { return s } else { return nil } }
    public var boolValue: Bool? { if case .bool(let b) = self { return b } else { return nil } }
    public var arrayValue: [JSONValue]? { if case .array(let a) = self { return a } else { return nil } }
    public var objectValue: [String: JSONValue]? { if case .object(let o) = self { return o } else { return nil } }

    /// The value as an integer, accepting doubles with no fractional part (as JSON numbers are).
    public var intValue: Int64? {
        switch self {
        case .int(let i): return i
        case .double(let d) where d.rounded() == d && abs(d) < 9.0e18: return Int64(d)
        default: return nil
        }
    }

    public var doubleValue: Double? {
        switch self {
        case .int(let i): return Double(i)
        case .double(let d): return d
        default: return nil
        }
    }

    /// Member access on objects; `nil` for anything else or a missing key.
    public subscript(key: String) -> JSONValue? {
        get { objectValue?[key] }
        set {
            guard case .object(var o) = self else { return }
            self = .null  // drop our reference so `o` is uniquely referenced
            o[key] = newValue
            self = .object(o)
        }
    }

    /// Walks a path of object keys; `nil` when any step is missing.
    public subscript(path path: [String]) -> JSONValue? {
        var cur: JSONValue? = self
        for p in path { cur = cur?[p] }
        return cur
    }

    /// Sets a value at a path of object keys, creating intermediate objects.
    public mutating func set(_ path: ArraySlice<String>, to value: JSONValue?) {
        guard let first = path.first else {
            if let value { self = value }
            return
        }
        if path.count == 1 {
            if case .object = self {} else { self = .object([:]) }
            self[first] = value
            return
        }
        if case .object = self {} else { self = .object([:]) }
        var child = self[first] ?? .object([:])
        self[first] = nil
        child.set(path.dropFirst(), to: value)
        self[first] = child
    }

    public mutating func set(_ path: [String], to value: JSONValue?) { set(path[...], to: value) }

    /// A short name for the JSON type, as used in error messages ("string", "object", ...).
    public var typeName: String {
        switch self {
        case .null: return "null"
        case .bool: return "boolean"
        case .int: return "integer"
        case .double: return "number"
        case .string: return "string"
        case .array: return "array"
        case .object: return "object"
        }
    }
}

extension JSONValue: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, ExpressibleByBooleanLiteral,
    ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral, ExpressibleByNilLiteral, ExpressibleByFloatLiteral
{
    public init(stringLiteral value: String) { self = .string(value) }
    public init(integerLiteral value: Int64) { self = .int(value) }
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    public init(floatLiteral value: Double) { self = .double(value) }
    public init(arrayLiteral elements: JSONValue...) { self = .array(elements) }
    public init(dictionaryLiteral elements: (String, JSONValue)...) {
        self = .object(Dictionary(elements, uniquingKeysWith: { _, b in b }))
    }
    public init(nilLiteral: ()) { self = .null }
}
