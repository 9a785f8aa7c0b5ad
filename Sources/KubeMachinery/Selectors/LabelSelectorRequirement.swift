/// One condition of a label selector: a key, an operator and the values it compares against.
public struct LabelSelectorRequirement: Sendable, Hashable, CustomStringConvertible {
    /// Upstream's `selection.Operator`; raw values are upstream's spellings.
    public enum Operator: String, Sendable, Hashable, CaseIterable {
        case equals = "="
        case doubleEquals = "=="
        case notEquals = "!="
        case `in` = "in"
        case notIn = "notin"
        case exists = "exists"
        case doesNotExist = "!"
        case greaterThan = "gt"
        case lessThan = "lt"
    }

    public let key: String
    public let `operator`: Operator
    /// Sorted and free of duplicates, as upstream keeps them.
    public let values: [String]

    /// Builds a requirement, checking it as upstream's `NewRequirement` does. `path` prefixes the
    /// field names in messages (`key`, `values[0][app]`); the string parser passes none.
    public init(key: String, operator op: Operator, values: [String], path: String = "") throws(SelectorParseError) {
        func at(_ child: String) -> String { path.isEmpty ? child : path + "." + child }
        var problems: [String] = []
        let keyErrors = NameValidation.isQualifiedName(key)
        if !keyErrors.isEmpty {
            problems.append("\(at("key")): Invalid value: \"\(key)\": " + keyErrors.joined(separator: "; "))
        }
        let valuesPath = at("values")
        let shown = LabelSelectorRequirement.goStringSlice(values)
        switch op {
        case .in, .notIn:
            if values.isEmpty {
                problems.append("\(valuesPath): Invalid value: \(shown): for 'in', 'notin' operators, values set can't be empty")
            }
        case .equals, .doubleEquals, .notEquals:
            if values.count != 1 {
                problems.append("\(valuesPath): Invalid value: \(shown): exact-match compatibility requires one single value")
            }
        case .exists, .doesNotExist:
            if !values.isEmpty {
                problems.append("\(valuesPath): Invalid value: \(shown): values set must be empty for exists and does not exist")
            }
        case .greaterThan, .lessThan:
            if values.count != 1 {
                problems.append("\(valuesPath): Invalid value: \(shown): for 'Gt', 'Lt' operators, exactly one value is required")
            }
            for (i, v) in values.enumerated() where Int64(v) == nil {
                problems.append("\(valuesPath)[\(i)]: Invalid value: \"\(v)\": for 'Gt', 'Lt' operators, the value must be an integer")
            }
        }
        for (i, v) in values.enumerated() {
            let errs = NameValidation.isValidLabelValue(v)
            if !errs.isEmpty {
                problems.append("\(valuesPath)[\(i)][\(key)]: Invalid value: \"\(v)\": " + errs.joined(separator: "; "))
            }
        }
        if let error = SelectorParseError.aggregate(problems) { throw error }
        self.key = key
        self.operator = op
        self.values = Array(Set(values)).sorted()
    }

    /// Whether a set of labels satisfies this requirement. A missing key satisfies only the
    /// negative operators (`!=`, `notin`, `!`).
    public func matches(_ labels: [String: String]) -> Bool {
        let value = labels[key]
        switch self.operator {
        case .equals, .doubleEquals, .in:
            guard let value else { return false }
            return values.contains(value)
        case .notEquals, .notIn:
            guard let value else { return true }
            return !values.contains(value)
        case .exists:
            return value != nil
        case .doesNotExist:
            return value == nil
        case .greaterThan, .lessThan:
            guard let value, let have = Int64(value), values.count == 1, let bound = Int64(values[0]) else { return false }
            return self.operator == .greaterThan ? have > bound : have < bound
        }
    }

    /// The requirement in selector syntax, as upstream prints it.
    public var description: String {
        var s = self.operator == .doesNotExist ? "!" + key : key
        switch self.operator {
        case .exists, .doesNotExist: return s
        case .equals, .doubleEquals, .notEquals: s += self.operator.rawValue
        case .greaterThan: s += ">"
        case .lessThan: s += "<"
        case .in: s += " in "
        case .notIn: s += " notin "
        }
        if self.operator == .in || self.operator == .notIn {
            return s + "(" + values.joined(separator: ",") + ")"
        }
        return s + values.joined(separator: ",")
    }

    /// A string list in Go's `%#v` form, which upstream's messages show for a bad values list.
    static func goStringSlice(_ values: [String]) -> String {
        "[]string{" + values.map { "\"\($0)\"" }.joined(separator: ", ") + "}"
    }
}
