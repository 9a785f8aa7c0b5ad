/// A query over an object's selectable fields (`?fieldSelector=metadata.name=x,status.phase!=Running`).
///
/// Only equality and inequality exist, joined by commas (AND). In values, `\`, `,` and `=` must
/// be escaped with a backslash, as upstream's `EscapeValue` does. Which field names are allowed
/// depends on the resource; the API server checks `fieldNames` against its per-resource set with
/// `checkSupported`.
public struct FieldSelector: Sendable, Hashable, CustomStringConvertible {
    public struct Requirement: Sendable, Hashable, CustomStringConvertible {
        public enum Operator: String, Sendable, Hashable {
            case equals = "="
            case notEquals = "!="
        }
        public let field: String
        public let `operator`: Operator
        /// The unescaped value.
        public let value: String

        public init(field: String, operator op: Operator, value: String) {
            self.field = field
            self.operator = op
            self.value = value
        }

        /// A field the object lacks compares as the empty string, as upstream's `Fields.Get`.
        public func matches(_ fields: [String: String]) -> Bool {
            let have = fields[field] ?? ""
            return self.operator == .equals ? have == value : have != value
        }

        public var description: String { field + self.operator.rawValue + FieldSelector.escapeValue(value) }
    }

    /// In the order upstream keeps them: terms sorted by their text.
    public let requirements: [Requirement]

    public init(_ requirements: [Requirement]) { self.requirements = requirements }

    public static let everything = FieldSelector([])

    /// Parses the query-string form; an empty string selects everything.
    public init(parsing text: String) throws(SelectorParseError) {
        var reqs: [Requirement] = []
        for term in FieldSelector.splitTerms(text).sorted() where !term.isEmpty {
            guard let (lhs, op, rhs) = FieldSelector.splitTerm(term) else {
                throw SelectorParseError("invalid selector: '\(text)'; can't understand '\(term)'")
            }
            reqs.append(Requirement(field: lhs, operator: op, value: try FieldSelector.unescapeValue(rhs)))
        }
        self.init(reqs)
    }

    public var isEverything: Bool { requirements.isEmpty }

    public func matches(_ fields: [String: String]) -> Bool {
        requirements.allSatisfy { $0.matches(fields) }
    }

    /// The distinct field names the selector uses, sorted.
    public var fieldNames: [String] { Array(Set(requirements.map(\.field))).sorted() }

    /// Throws upstream's 400 message for the first field not in `supported`
    /// (`field label not supported: spec.foo`), in the order the selector lists them.
    public func checkSupported(_ supported: Set<String>) throws(SelectorParseError) {
        if let bad = requirements.first(where: { !supported.contains($0.field) }) {
            throw SelectorParseError("field label not supported: \(bad.field)")
        }
    }

    /// The value a field must equal, when the selector pins it (`metadata.name=x`); lets the
    /// server turn a list into a get, or filter namespaces, before matching anything.
    public func requiredValue(for field: String) -> String? {
        requirements.first { $0.field == field && $0.operator == .equals }?.value
    }

    public var description: String { requirements.map(\.description).joined(separator: ",") }

    // MARK: Escaping

    /// Escapes a value for use in a field selector.
    public static func escapeValue(_ value: String) -> String {
        var out = ""
        for c in value {
            if c == "\\" || c == "," || c == "=" { out.append("\\") }
            out.append(c)
        }
        return out
    }

    /// Undoes `escapeValue`, rejecting unknown escapes and bare `,` or `=` with upstream's
    /// messages (the bare character is shown by its code point, as upstream prints it).
    public static func unescapeValue(_ value: String) throws(SelectorParseError) -> String {
        var out = ""
        var escaped = false
        for c in value.unicodeScalars {
            if escaped {
                guard c == "\\" || c == "," || c == "=" else {
                    throw SelectorParseError("invalid field selector: invalid escape sequence: \\\(c)")
                }
                out.unicodeScalars.append(c)
                escaped = false
                continue
            }
            switch c {
            case "\\": escaped = true
            case ",", "=": throw SelectorParseError("invalid field selector: unescaped character in value: \(c.value)")
            default: out.unicodeScalars.append(c)
            }
        }
        if escaped { throw SelectorParseError("invalid field selector: invalid escape sequence: \\") }
        return out
    }

    /// Splits on commas that are not escaped; the terms keep their backslashes.
    static func splitTerms(_ text: String) -> [String] {
        if text.isEmpty { return [] }
        var terms: [String] = []
        var current = ""
        var escaped = false
        for c in text.unicodeScalars {
            if escaped {
                escaped = false
            } else if c == "\\" {
                escaped = true
            } else if c == "," {
                terms.append(current)
                current = ""
                continue
            }
            current.unicodeScalars.append(c)
        }
        terms.append(current)
        return terms
    }

    /// Splits a term at the first operator, trying `!=` then `==` then `=` at each position.
    static func splitTerm(_ term: String) -> (String, Requirement.Operator, String)? {
        let scalars = Array(term.unicodeScalars)
        func text(_ r: Range<Int>) -> String {
            var s = ""
            s.unicodeScalars.append(contentsOf: scalars[r])
            return s
        }
        for i in scalars.indices {
            let next = i + 1 < scalars.count ? scalars[i + 1] : nil
            if scalars[i] == "!" && next == "=" { return (text(0..<i), .notEquals, text((i + 2)..<scalars.count)) }
            if scalars[i] == "=" && next == "=" { return (text(0..<i), .equals, text((i + 2)..<scalars.count)) }
            if scalars[i] == "=" { return (text(0..<i), .equals, text((i + 1)..<scalars.count)) }
        }
        return nil
    }
}
