import KubeMachinery

/// `FieldError` constructors taking a `FieldPath`, plus renderings of Go values that upstream
/// prints with `%#v` (maps and slices), which `FieldError`'s own JSON rendering cannot reproduce.
enum FieldErr {
    static func required(_ p: FieldPath, _ detail: String = "") -> FieldError { .required(p.description, detail) }
    static func invalid(_ p: FieldPath, _ value: JSONValue?, _ detail: String) -> FieldError {
        .invalid(p.description, value, detail)
    }
    static func forbidden(_ p: FieldPath, _ detail: String) -> FieldError { .forbidden(p.description, detail) }
    static func duplicate(_ p: FieldPath, _ value: JSONValue?) -> FieldError { .duplicate(p.description, value) }
    static func notSupported(_ p: FieldPath, _ value: JSONValue?, _ supported: [String]) -> FieldError {
        .notSupported(p.description, value, supported: supported)
    }

    /// An Invalid error whose value is shown as already-rendered Go text (e.g. `map[string]string{...}`).
    static func invalid(_ p: FieldPath, rendered: String, _ detail: String) -> FieldError {
        FieldError(.invalid, field: p.description, value: nil, detail: detail.isEmpty ? rendered : rendered + ": " + detail)
    }

    /// Upstream prints the value of a NotFound error (`Not found: "data"`); the shared type omits
    /// it, so the quoted value travels in the detail.
    static func notFound(_ p: FieldPath, _ value: String) -> FieldError {
        FieldError(.notFound, field: p.description, value: nil, detail: "\"\(value)\"")
    }

    /// `field is immutable`, as `ValidateImmutableField` reports it.
    static func immutable(_ p: FieldPath, _ value: JSONValue?) -> FieldError {
        switch value {
        case .object?, .array?: return invalid(p, rendered: GoRender.value(value ?? .null), "field is immutable")
        default: return invalid(p, value, "field is immutable")
        }
    }
}

/// Go `%#v` renderings for the handful of value shapes that appear in upstream messages.
enum GoRender {
    static func quoted(_ s: String) -> String {
        var out = "\""
        for c in s.unicodeScalars {
            switch c {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            default: out.unicodeScalars.append(c)
            }
        }
        return out + "\""
    }

    /// `map[string]string{"a":"b", "c":"d"}` with keys sorted, as Go prints maps.
    static func stringMap(_ m: [String: JSONValue]) -> String {
        let body = m.keys.sorted().map { "\(quoted($0)):\(quoted(m[$0]?.stringValue ?? ""))" }.joined(separator: ", ")
        return "map[string]string{\(body)}"
    }

    /// `[]string{"a", "b"}`; `[]string(nil)` when empty.
    static func stringSlice(_ a: [JSONValue]) -> String {
        if a.isEmpty { return "[]string(nil)" }
        return "[]string{" + a.map { quoted($0.stringValue ?? "") }.joined(separator: ", ") + "}"
    }

    /// A best-effort rendering of any value: string maps and slices exactly, other shapes as JSON.
    static func value(_ v: JSONValue) -> String {
        switch v {
        case .string(let s): return quoted(s)
        case .object(let o) where o.values.allSatisfy({ $0.stringValue != nil }): return stringMap(o)
        case .array(let a) where a.allSatisfy({ $0.stringValue != nil }): return stringSlice(a)
        case .object(let o) where o.keys.allSatisfy({ $0 == "matchLabels" || $0 == "matchExpressions" }):
            let labels = o["matchLabels"]?.objectValue.map(stringMap) ?? "map[string]string(nil)"
            let exprs = (o["matchExpressions"]?.arrayValue ?? []).isEmpty
                ? "[]v1.LabelSelectorRequirement(nil)" : "[]v1.LabelSelectorRequirement{...}"
            return "&v1.LabelSelector{MatchLabels:\(labels), MatchExpressions:\(exprs)}"
        default: return v.serializedString()
        }
    }
}
