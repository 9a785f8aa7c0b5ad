/// Comparisons and renderings the patch engines share.
extension JSONValue {
    /// JSON equality as RFC 6902 `test` defines it: numbers compare by value (`1` equals `1.0`),
    /// objects ignore key order, arrays compare element by element.
    func isSemanticallyEqual(to other: JSONValue) -> Bool {
        switch (self, other) {
        case (.int(let a), .int(let b)): return a == b
        case (.int, .double), (.double, .int), (.double, .double):
            return doubleValue == other.doubleValue
        case (.array(let a), .array(let b)):
            guard a.count == b.count else { return false }
            return zip(a, b).allSatisfy { $0.isSemanticallyEqual(to: $1) }
        case (.object(let a), .object(let b)):
            guard a.count == b.count else { return false }
            for (k, v) in a {
                guard let w = b[k], v.isSemanticallyEqual(to: w) else { return false }
            }
            return true
        default:
            return self == other
        }
    }

    var isObject: Bool { if case .object = self { return true } else { return false } }
    var isArray: Bool { if case .array = self { return true } else { return false } }

    /// The value as Go's `%v` prints a decoded `interface{}`: `map[image:nginx name:web]`,
    /// `[a b]`, `<nil>`. Upstream's strategic-merge error messages embed values this way.
    var goDescription: String {
        switch self {
        case .null: return "<nil>"
        case .bool(let b): return String(b)
        case .int(let i): return String(i)
        case .double(let d):
            if d.rounded() == d, abs(d) < 1e15 { return String(Int64(d)) }
            return String(d)
        case .string(let s): return s
        case .array(let a): return "[" + a.map(\.goDescription).joined(separator: " ") + "]"
        case .object(let o):
            return "map[" + o.keys.sorted().map { "\($0):\(o[$0]!.goDescription)" }.joined(separator: " ") + "]"
        }
    }
}
