import KubeMachinery

/// The YAML text that gnostic keeps in `Any.yaml` for values it has no message for: vendor
/// extensions, `enum` entries, `default` and `example`.
///
/// Clients read it back with go-yaml (v2 in kube-openapi and cli-runtime), so the contract is
/// only that go-yaml yields the same structure as the JSON value: strings stay strings (`"true"`,
/// `""` and `"1.0"` are quoted), maps keep their keys, lists their order. Output is block style,
/// like gnostic's own, with keys sorted:
///
///     - group: apps
///       kind: Deployment
///       version: v1
enum OpenAPIV2ProtobufYAML {
    static func text(_ value: JSONValue) -> String {
        var out = ""
        write(value, indent: 0, continuingLine: false, into: &out)
        return out
    }

    /// Writes `value` as a block node whose entries start at column `indent`. When
    /// `continuingLine` is set the first entry goes on the current line (after a `- `).
    private static func write(_ value: JSONValue, indent: Int, continuingLine: Bool, into out: inout String) {
        switch value {
        case .object(let o) where !o.isEmpty:
            var first = true
            for (key, child) in sortedMembers(o) {
                if !(first && continuingLine) { out += String(repeating: " ", count: indent) }
                first = false
                out += scalar(.string(key)) + ":"
                if isNonEmptyCollection(child) {
                    out += "\n"
                    write(child, indent: indent + 2, continuingLine: false, into: &out)
                } else {
                    out += " " + scalar(child) + "\n"
                }
            }
        case .array(let a) where !a.isEmpty:
            var first = true
            for element in a {
                if !(first && continuingLine) { out += String(repeating: " ", count: indent) }
                first = false
                switch element {
                case .object(let o) where !o.isEmpty:
                    out += "- "
                    write(element, indent: indent + 2, continuingLine: true, into: &out)
                case .array(let inner) where !inner.isEmpty:
                    out += "-\n"
                    write(element, indent: indent + 2, continuingLine: false, into: &out)
                default:
                    out += "- " + scalar(element) + "\n"
                }
            }
        default:
            if continuingLine == false { out += String(repeating: " ", count: indent) }
            out += scalar(value) + "\n"
        }
    }

    private static func isNonEmptyCollection(_ v: JSONValue) -> Bool {
        switch v {
        case .object(let o): return !o.isEmpty
        case .array(let a): return !a.isEmpty
        default: return false
        }
    }

    /// Keys in byte order, as Go sorts map keys, so the text is stable between runs.
    static func sortedMembers(_ o: [String: JSONValue]) -> [(key: String, value: JSONValue)] {
        o.sorted { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }
    }

    /// One value on one line: scalars, and the flow forms of empty collections.
    private static func scalar(_ v: JSONValue) -> String {
        switch v {
        case .null: return "null"
        case .bool(let b): return b ? "true" : "false"
        case .int(let i): return String(i)
        case .double(let d):
            if d.isNaN { return ".nan" }
            if d.isInfinite { return d < 0 ? "-.inf" : ".inf" }
            return "\(d)"
        case .string(let s): return canBePlain(s) ? s : doubleQuoted(s)
        case .array: return "[]"
        case .object: return "{}"
        }
    }

    /// Words YAML 1.1 (go-yaml v2) resolves to booleans or null when unquoted.
    private static let reservedWords: Set<String> = [
        "true", "false", "yes", "no", "on", "off", "y", "n", "null", "~",
    ]

    /// Whether a string can be written unquoted and still read back as the same string.
    ///
    /// Deliberately narrow: letters, digits, space, `.`, `_`, `/`, `-`, starting with a letter
    /// or `_` and not ending in a space; never a reserved word. Anything else is quoted, which
    /// is always correct, just less pretty.
    private static func canBePlain(_ s: String) -> Bool {
        guard let first = s.unicodeScalars.first, let last = s.unicodeScalars.last else { return false }
        guard isASCIILetter(first) || first == "_", last != " " else { return false }
        if reservedWords.contains(s.lowercased()) { return false }
        return s.unicodeScalars.allSatisfy { c in
            isASCIILetter(c) || ("0"..."9").contains(c) || c == " " || c == "." || c == "_" || c == "/" || c == "-"
        } && !s.contains("  ")
    }

    private static func isASCIILetter(_ c: Unicode.Scalar) -> Bool {
        ("a"..."z").contains(c) || ("A"..."Z").contains(c)
    }

    /// A double-quoted scalar: only `"`, `\` and characters YAML treats as breaks or controls
    /// need escaping; other Unicode is written as is (the text is UTF-8).
    private static func doubleQuoted(_ s: String) -> String {
        var out = "\""
        for c in s.unicodeScalars {
            switch c {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case "\r": out += "\\r"
            case _ where c.value < 0x20 || c.value == 0x7F || c.value == 0x85 || c.value == 0x2028 || c.value == 0x2029
                || c.value == 0xFEFF:
                out += "\\u" + hex4(c.value)
            default: out.unicodeScalars.append(c)
            }
        }
        return out + "\""
    }

    private static func hex4(_ v: UInt32) -> String {
        let digits = String(v, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }
}
