/// The name and key formats of `k8s.io/apimachinery/pkg/util/validation`, with upstream's messages.
///
/// Kept private to the strategies so they do not wait on the shared validators; each function
/// returns the list of problems (empty when valid), one message per problem, as upstream does.
enum NameFormats {
    static let dns1123LabelMax = 63
    static let dns1123SubdomainMax = 253

    static func maxLen(_ n: Int) -> String { "must be no more than \(n) characters" }

    /// Upstream's `RegexError`: the message, examples, and the expression.
    static func regexError(_ msg: String, _ regex: String, _ examples: [String]) -> String {
        guard !examples.isEmpty else { return msg + " (regex used for validation is '\(regex)')" }
        var s = msg + " (e.g. "
        for (i, e) in examples.enumerated() {
            if i > 0 { s += " or " }
            s += "'\(e)', "
        }
        return s + "regex used for validation is '\(regex)')"
    }

    private static func isLowerAlnum(_ c: UInt8) -> Bool {
        (c >= UInt8(ascii: "a") && c <= UInt8(ascii: "z")) || (c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9"))
    }
    private static func isAlnum(_ c: UInt8) -> Bool {
        isLowerAlnum(c) || (c >= UInt8(ascii: "A") && c <= UInt8(ascii: "Z"))
    }

    private static func matchesLabel(_ s: Substring.UTF8View) -> Bool {
        guard let f = s.first, let l = s.last, isLowerAlnum(f), isLowerAlnum(l) else { return false }
        return s.allSatisfy { isLowerAlnum($0) || $0 == UInt8(ascii: "-") }
    }

    static func dns1123Label(_ s: String) -> [String] {
        var errs: [String] = []
        if s.utf8.count > dns1123LabelMax { errs.append(maxLen(dns1123LabelMax)) }
        if !matchesLabel(s[...].utf8) {
            errs.append(regexError(
                "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character",
                "[a-z0-9]([-a-z0-9]*[a-z0-9])?", ["my-name", "123-abc"]))
        }
        return errs
    }

    static func dns1123Subdomain(_ s: String) -> [String] {
        var errs: [String] = []
        if s.utf8.count > dns1123SubdomainMax { errs.append(maxLen(dns1123SubdomainMax)) }
        let parts = s.split(separator: ".", omittingEmptySubsequences: false)
        if s.isEmpty || !parts.allSatisfy({ matchesLabel($0.utf8) }) {
            errs.append(regexError(
                "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character",
                "[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*", ["example.com"]))
        }
        return errs
    }

    /// IANA service names, as container and service port names must be.
    static func portName(_ s: String) -> [String] {
        var errs: [String] = []
        let u = Array(s.utf8)
        if u.count > 15 { errs.append(maxLen(15)) }
        if u.isEmpty || !u.allSatisfy({ isLowerAlnum($0) || $0 == UInt8(ascii: "-") }) {
            errs.append("must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)")
        }
        if !u.contains(where: { $0 >= UInt8(ascii: "a") && $0 <= UInt8(ascii: "z") }) {
            errs.append("must contain at least one letter (a-z)")
        }
        if s.contains("--") { errs.append("must not contain consecutive hyphens") }
        if let f = u.first, let l = u.last, f == UInt8(ascii: "-") || l == UInt8(ascii: "-") {
            errs.append("must not begin or end with a hyphen")
        }
        return errs
    }

    /// Keys of ConfigMap and Secret data.
    static func configKey(_ s: String) -> [String] {
        var errs: [String] = []
        if s.utf8.count > dns1123SubdomainMax { errs.append(maxLen(dns1123SubdomainMax)) }
        let ok = !s.isEmpty && s.utf8.allSatisfy {
            isAlnum($0) || $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: "_") || $0 == UInt8(ascii: ".")
        }
        if !ok {
            errs.append(regexError("a valid config key must consist of alphanumeric characters, '-', '_' or '.'",
                                   "[-._a-zA-Z0-9]+", ["key.name", "KEY_NAME", "key-name"]))
        }
        if s == "." { errs.append("must not be '.'") }
        else if s == ".." { errs.append("must not be '..'") }
        else if s.hasPrefix("..") { errs.append("must not start with '..'") }
        return errs
    }

    static func inclusiveRange(_ lo: Int64, _ hi: Int64) -> String { "must be between \(lo) and \(hi), inclusive" }

    static let portRangeMessage = inclusiveRange(1, 65535)
    static func isPortNumber(_ v: Int64) -> Bool { v >= 1 && v <= 65535 }
}
