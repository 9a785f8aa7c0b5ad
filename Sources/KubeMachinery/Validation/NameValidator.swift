/// Checks an object's name, or with `prefix: true` a `generateName` prefix, returning upstream's
/// messages. Mirrors upstream's `ValidateNameFunc`: each resource picks the rule its names follow.
public typealias NameValidator = @Sendable (_ name: String, _ prefix: Bool) -> [String]

/// The name rules built-in resources use.
public enum NameValidators {
    /// Most kinds: a DNS-1123 subdomain (253 characters).
    public static let dnsSubdomain: NameValidator = { name, prefix in
        NameValidation.isDNS1123Subdomain(prefix ? maskTrailingDash(name) : name)
    }

    /// Namespaces and a few others: a DNS-1123 label (63 characters).
    public static let dnsLabel: NameValidator = { name, prefix in
        NameValidation.isDNS1123Label(prefix ? maskTrailingDash(name) : name)
    }

    /// Services: a DNS-1035 label (starts with a letter).
    public static let dns1035Label: NameValidator = { name, prefix in
        NameValidation.isDNS1035Label(prefix ? maskTrailingDash(name) : name)
    }

    /// Kinds whose names only need to be usable as one URL path segment (e.g. RBAC roles).
    public static let pathSegment: NameValidator = { name, prefix in
        PathSegmentName.validate(name, prefix: prefix)
    }

    /// A generateName prefix gets random characters appended, so a trailing dash is fine in it.
    /// Upstream swaps the final dash for a letter before checking; its code drops the character
    /// before the dash too (`name[:len-2] + "a"`), and we keep that so the same prefixes pass.
    static func maskTrailingDash(_ name: String) -> String {
        guard name.utf8.count > 1, name.utf8.last == UInt8(ascii: "-") else { return name }
        return String(decoding: name.utf8.dropLast(2), as: UTF8.self) + "a"
    }
}

/// Upstream's rule for names that appear as one segment of a request path.
public enum PathSegmentName {
    static let mayNotBe = [".", ".."]
    static let mayNotContain = ["/", "%"]

    /// Problems with `name` as a path segment; a prefix may still be `.` since more follows it.
    public static func validate(_ name: String, prefix: Bool) -> [String] {
        if !prefix, mayNotBe.contains(name) { return ["may not be '\(name)'"] }
        return mayNotContain.filter { name.contains($0) }.map { "may not contain '\($0)'" }
    }
}
