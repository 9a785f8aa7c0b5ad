import KubeMachinery

/// Evaluates a `metav1.LabelSelector` (matchLabels plus matchExpressions) against a label set.
///
/// Only what the workload strategies need: whether a selector is empty, and whether it selects the
/// pod template's labels. Operators follow upstream: In, NotIn, Exists, DoesNotExist.
struct LabelSelectorMatcher {
    let matchLabels: [String: String]
    let expressions: [(key: String, op: String, values: [String])]

    init(_ selector: JSONValue?) {
        matchLabels = FieldCheck.stringMap(selector?["matchLabels"])
        expressions = (selector?["matchExpressions"]?.arrayValue ?? []).map { e in
            (e.string("key"), e.string("operator"), e.items("values").compactMap(\.stringValue))
        }
    }

    var isEmpty: Bool { matchLabels.isEmpty && expressions.isEmpty }

    func matches(_ labels: [String: String]) -> Bool {
        for (k, v) in matchLabels where labels[k] != v { return false }
        for e in expressions {
            let value = labels[e.key]
            switch e.op {
            case "In": if value == nil || !e.values.contains(value!) { return false }
            case "NotIn": if let value, e.values.contains(value) { return false }
            case "Exists": if value == nil { return false }
            case "DoesNotExist": if value != nil { return false }
            default: return false
            }
        }
        return true
    }

    /// Validation of the selector's own shape (operators and their value counts).
    static func validate(_ selector: JSONValue?, _ p: FieldPath) -> [FieldError] {
        var errs: [FieldError] = []
        for (i, e) in (selector?["matchExpressions"]?.arrayValue ?? []).enumerated() {
            let ep = p.child("matchExpressions").index(i)
            let op = e.string("operator")
            let values = e.items("values")
            switch op {
            case "In", "NotIn":
                if values.isEmpty {
                    errs.append(FieldErr.required(ep.child("values"), "must be specified when `operator` is 'In' or 'NotIn'"))
                }
            case "Exists", "DoesNotExist":
                if !values.isEmpty {
                    errs.append(FieldErr.forbidden(ep.child("values"), "may not be specified when `operator` is 'Exists' or 'DoesNotExist'"))
                }
            default:
                errs.append(FieldErr.invalid(ep.child("operator"), .string(op), "not a valid selector operator"))
            }
            if e.string("key").isEmpty { errs.append(FieldErr.required(ep.child("key"))) }
        }
        return errs
    }
}
