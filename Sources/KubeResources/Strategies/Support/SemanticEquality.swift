import KubeMachinery

/// Upstream compares API objects with `Semantic.DeepEqual`, under which a nil and an empty
/// slice or map are equal and a missing string equals "". In JSON those are absent keys,
/// nulls, "", [] and {}; `semanticallyNormalized` drops them all so that plain equality agrees.
extension JSONValue {
    var semanticallyNormalized: JSONValue {
        switch self {
        case .object(let o):
            var out: [String: JSONValue] = [:]
            for (k, v) in o {
                let n = v.semanticallyNormalized
                if !n.isSemanticallyEmpty { out[k] = n }
            }
            return .object(out)
        case .array(let a): return .array(a.map(\.semanticallyNormalized))
        case .double(let d) where d.rounded() == d && abs(d) < 9.0e18: return .int(Int64(d))
        default: return self
        }
    }

    var isSemanticallyEmpty: Bool {
        switch self {
        case .null: return true
        case .string(let s): return s.isEmpty
        case .array(let a): return a.isEmpty
        case .object(let o): return o.isEmpty
        default: return false
        }
    }

    func semanticallyEqual(_ other: JSONValue?) -> Bool {
        semanticallyNormalized == (other ?? .null).semanticallyNormalized
    }
}
