/// `metav1.LabelSelector`, the JSON object form (`{matchLabels: {...}, matchExpressions: [...]}`)
/// used by workloads, services' pod selection, PodDisruptionBudgets and more.
extension LabelSelector {
    /// The operators `matchExpressions` accept, in upstream's spelling.
    public static let metav1Operators = ["In", "NotIn", "Exists", "DoesNotExist"]

    /// Converts a `metav1.LabelSelector` the way upstream's `LabelSelectorAsSelector` does:
    /// absent or null selects nothing, an empty object selects everything. Throws for an
    /// unknown operator or a requirement upstream would refuse; run `validateMetav1` first to
    /// get the same problems as `FieldError`s with paths.
    public init(metav1 json: JSONValue?) throws(SelectorParseError) {
        guard let json, !json.isNull else {
            self = .nothing
            return
        }
        let matchLabels = json["matchLabels"]?.objectValue ?? [:]
        let expressions = json["matchExpressions"]?.arrayValue ?? []
        var reqs: [LabelSelectorRequirement] = []
        for key in matchLabels.keys.sorted() {
            let value = matchLabels[key]?.stringValue ?? ""
            reqs.append(try LabelSelectorRequirement(key: key, operator: .equals, values: [value]))
        }
        for expr in expressions {
            let opName = expr["operator"]?.stringValue ?? ""
            let op: LabelSelectorRequirement.Operator
            switch opName {
            case "In": op = .in
            case "NotIn": op = .notIn
            case "Exists": op = .exists
            case "DoesNotExist": op = .doesNotExist
            default: throw SelectorParseError("\"\(opName)\" is not a valid label selector operator")
            }
            let values = (expr["values"]?.arrayValue ?? []).compactMap(\.stringValue)
            reqs.append(try LabelSelectorRequirement(key: expr["key"]?.stringValue ?? "", operator: op, values: values))
        }
        self.init(reqs)
    }

    /// Upstream's `ValidateLabelSelector`: problems in a `metav1.LabelSelector` at `path`
    /// (e.g. `spec.selector`). A null or absent selector is not an error here; kinds that
    /// require one say so themselves.
    public static func validateMetav1(_ json: JSONValue?, path: String) -> [FieldError] {
        guard let json, !json.isNull else { return [] }
        var errs = MetadataValidation.validateLabels(MetadataValidation.stringMap(json["matchLabels"]),
                                                     path: path + ".matchLabels")
        for (i, expr) in (json["matchExpressions"]?.arrayValue ?? []).enumerated() {
            errs += validateMetav1Requirement(expr, path: "\(path).matchExpressions[\(i)]")
        }
        return errs
    }

    static func validateMetav1Requirement(_ expr: JSONValue, path: String) -> [FieldError] {
        var errs: [FieldError] = []
        let values = (expr["values"]?.arrayValue ?? []).compactMap(\.stringValue)
        let op = expr["operator"]?.stringValue ?? ""
        switch op {
        case "In", "NotIn":
            if values.isEmpty {
                errs.append(.required(path + ".values", "must be specified when `operator` is 'In' or 'NotIn'"))
            }
        case "Exists", "DoesNotExist":
            if !values.isEmpty {
                errs.append(.forbidden(path + ".values", "may not be specified when `operator` is 'Exists' or 'DoesNotExist'"))
            }
        default:
            errs.append(.invalid(path + ".operator", .string(op), "not a valid selector operator"))
        }
        errs += MetadataValidation.validateLabelName(expr["key"]?.stringValue ?? "", path: path + ".key")
        for (i, v) in values.enumerated() {
            for msg in NameValidation.isValidLabelValue(v) {
                errs.append(.invalid("\(path).values[\(i)]", .string(v), msg))
            }
        }
        return errs
    }

    /// The JSON form of this selector: equalities as `matchLabels`, the rest as
    /// `matchExpressions`. `nothing` has no JSON form and gives `null`.
    public var metav1JSON: JSONValue {
        if matchesNothing { return .null }
        var labels: [String: JSONValue] = [:]
        var expressions: [JSONValue] = []
        for r in requirements {
            switch r.operator {
            case .equals, .doubleEquals:
                labels[r.key] = .string(r.values.first ?? "")
            case .in, .notIn, .exists, .doesNotExist:
                let name = ["in": "In", "notin": "NotIn", "exists": "Exists", "!": "DoesNotExist"][r.operator.rawValue]!
                var e: [String: JSONValue] = ["key": .string(r.key), "operator": .string(name)]
                if !r.values.isEmpty { e["values"] = .array(r.values.map { .string($0) }) }
                expressions.append(.object(e))
            case .notEquals:
                expressions.append(["key": .string(r.key), "operator": "NotIn", "values": .array(r.values.map { .string($0) })])
            case .greaterThan, .lessThan:
                continue  // no metav1 equivalent; such selectors come only from query strings
            }
        }
        var o: [String: JSONValue] = [:]
        if !labels.isEmpty { o["matchLabels"] = .object(labels) }
        if !expressions.isEmpty { o["matchExpressions"] = .array(expressions) }
        return .object(o)
    }
}
