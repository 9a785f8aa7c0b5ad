/// Upstream's name and label checks (`k8s.io/apimachinery/pkg/util/validation`): each returns the
/// list of problems as message strings, empty when the value is valid, so callers can wrap them in
/// `FieldError`s at whatever path they validate.
///
/// The checks are written as character scans rather than regular expressions: they are simpler to
/// read than the patterns, and much faster on the hot create/update path. The patterns still
/// appear in the messages because clients and users expect upstream's exact wording.
public enum NameValidation {
    public static let dns1123LabelMaxLength = 63
    public static let dns1123SubdomainMaxLength = 253
    public static let dns1035LabelMaxLength = 63
    public static let qualifiedNameMaxLength = 63
    public static let labelValueMaxLength = 63

    static let dns1123LabelFormat = "[a-z0-9]([-a-z0-9]*[a-z0-9])?"
    static let dns1123LabelMessage = "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character"
    static let dns1123SubdomainFormat = dns1123LabelFormat + "(\\." + dns1123LabelFormat + ")*"
    static let dns1123SubdomainMessage = "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character"
    static let dns1035LabelFormat = "[a-z]([-a-z0-9]*[a-z0-9])?"
    static let dns1035LabelMessage = "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character"
    static let qualifiedNameFormat = "([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]"
    static let qualifiedNameMessage = "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character"
    static let labelValueFormat = "(" + qualifiedNameFormat + ")?"
    static let labelValueMessage = "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character"
    static let percentFormat = "[0-9]+%"
    static let percentMessage = "a valid percent string must be a numeric string followed by an ending '%'"

    /// A DNS-1123 label, e.g. a namespace name: at most 63 characters.
    public static func isDNS1123Label(_ value: String) -> [String] {
        var errs: [String] = []
        if value.utf8.count > dns1123LabelMaxLength { errs.append(maxLengthError(dns1123LabelMaxLength)) }
        if !matchesDNS1123Label(value.utf8[...]) {
            // A valid subdomain that is not a valid label can only be so because of its dots
            // (length was reported above), and upstream says exactly that.
            if matchesDNS1123Subdomain(value) {
                errs.append("must not contain dots")
            } else {
                errs.append(regexError(dns1123LabelMessage, dns1123LabelFormat, examples: ["my-name", "123-abc"]))
            }
        }
        return errs
    }

    /// A DNS-1123 subdomain, the rule for most object names: at most 253 characters.
    public static func isDNS1123Subdomain(_ value: String) -> [String] {
        var errs: [String] = []
        if value.utf8.count > dns1123SubdomainMaxLength { errs.append(maxLengthError(dns1123SubdomainMaxLength)) }
        if !matchesDNS1123Subdomain(value) {
            errs.append(regexError(dns1123SubdomainMessage, dns1123SubdomainFormat, examples: ["example.com"]))
        }
        return errs
    }

    /// A DNS-1035 label (must start with a letter), the rule for service names.
    public static func isDNS1035Label(_ value: String) -> [String] {
        var errs: [String] = []
        if value.utf8.count > dns1035LabelMaxLength { errs.append(maxLengthError(dns1035LabelMaxLength)) }
        if !matchesDNS1035Label(value) {
            errs.append(regexError(dns1035LabelMessage, dns1035LabelFormat, examples: ["my-name", "abc-123"]))
        }
        return errs
    }

    /// A label or annotation key: `name` or `prefix/name`, the prefix a DNS-1123 subdomain.
    public static func isQualifiedName(_ value: String) -> [String] {
        var errs: [String] = []
        let parts = value.split(separator: "/", omittingEmptySubsequences: false)
        let name: Substring
        switch parts.count {
        case 1:
            name = parts[0]
        case 2:
            let prefix = parts[0]
            name = parts[1]
            if prefix.isEmpty {
                errs.append("prefix part " + emptyError)
            } else {
                errs += isDNS1123Subdomain(String(prefix)).map { "prefix part " + $0 }
            }
        default:
            return ["a qualified name "
                + regexError(qualifiedNameMessage, qualifiedNameFormat, examples: ["MyName", "my.name", "123-abc"])
                + " with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')"]
        }
        if name.isEmpty {
            errs.append("name part " + emptyError)
        } else if name.utf8.count > qualifiedNameMaxLength {
            errs.append("name part " + maxLengthError(qualifiedNameMaxLength))
        }
        if !matchesQualifiedNamePart(name.utf8) {
            errs.append("name part " + regexError(qualifiedNameMessage, qualifiedNameFormat, examples: ["MyName", "my.name", "123-abc"]))
        }
        return errs
    }

    /// A label value: empty, or up to 63 characters shaped like a qualified name's name part.
    public static func isValidLabelValue(_ value: String) -> [String] {
        var errs: [String] = []
        if value.utf8.count > labelValueMaxLength { errs.append(maxLengthError(labelValueMaxLength)) }
        if !value.isEmpty && !matchesQualifiedNamePart(value.utf8[...]) {
            errs.append(regexError(labelValueMessage, labelValueFormat, examples: ["MyValue", "my_value", "12345"]))
        }
        return errs
    }

    /// A percentage string such as `25%` (the string form of maxSurge/maxUnavailable).
    public static func isValidPercent(_ value: String) -> [String] {
        let bytes = Array(value.utf8)
        let ok = bytes.count >= 2 && bytes.last == UInt8(ascii: "%") && bytes.dropLast().allSatisfy(isDigit)
        return ok ? [] : [regexError(percentMessage, percentFormat, examples: ["1%", "93%"])]
    }

    // MARK: - Message helpers shared with the other validators

    public static let emptyError = "must be non-empty"

    public static func maxLengthError(_ length: Int) -> String { "must be no more than \(length) characters" }

    /// Upstream's phrasing of a failed pattern. The doubled space after each example's comma is
    /// upstream's own (it joins `'x', ` with ` or `), kept so messages compare equal.
    public static func regexError(_ message: String, _ format: String, examples: [String] = []) -> String {
        if examples.isEmpty { return message + " (regex used for validation is '" + format + "')" }
        var s = message + " (e.g. "
        for (i, e) in examples.enumerated() {
            if i > 0 { s += " or " }
            s += "'" + e + "', "
        }
        return s + "regex used for validation is '" + format + "')"
    }

    // MARK: - Character scans equivalent to the anchored patterns

    static func isDigit(_ c: UInt8) -> Bool { c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9") }
    static func isLowerAlpha(_ c: UInt8) -> Bool { c >= UInt8(ascii: "a") && c <= UInt8(ascii: "z") }
    static func isUpperAlpha(_ c: UInt8) -> Bool { c >= UInt8(ascii: "A") && c <= UInt8(ascii: "Z") }
    static func isLowerAlphanumeric(_ c: UInt8) -> Bool { isLowerAlpha(c) || isDigit(c) }
    static func isAlphanumeric(_ c: UInt8) -> Bool { isLowerAlpha(c) || isUpperAlpha(c) || isDigit(c) }

    /// `[a-z0-9]([-a-z0-9]*[a-z0-9])?`
    static func matchesDNS1123Label(_ s: Substring.UTF8View) -> Bool {
        guard let first = s.first, let last = s.last else { return false }
        guard isLowerAlphanumeric(first), isLowerAlphanumeric(last) else { return false }
        return s.allSatisfy { isLowerAlphanumeric($0) || $0 == UInt8(ascii: "-") }
    }

    /// Dot-separated DNS-1123 labels, none empty.
    static func matchesDNS1123Subdomain(_ s: String) -> Bool {
        s.utf8.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false).allSatisfy { part in
            matchesDNS1123Label(part)
        }
    }

    /// `[a-z]([-a-z0-9]*[a-z0-9])?`
    static func matchesDNS1035Label(_ s: String) -> Bool {
        let u = s.utf8
        guard let first = u.first, let last = u.last, isLowerAlpha(first), isLowerAlphanumeric(last) else { return false }
        return u.allSatisfy { isLowerAlphanumeric($0) || $0 == UInt8(ascii: "-") }
    }

    /// `([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]`
    static func matchesQualifiedNamePart(_ s: Substring.UTF8View) -> Bool {
        guard let first = s.first, let last = s.last, isAlphanumeric(first), isAlphanumeric(last) else { return false }
        return s.allSatisfy { isAlphanumeric($0) || $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: "_") || $0 == UInt8(ascii: ".") }
    }
}
