import Testing
@testable import KubeMachinery

private let subdomainMessage = "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')"
private let labelMessage = "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')"
private let dns1035Message = "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')"
private let namePartMessage = "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')"
private let labelValueMessage = "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')"

struct NameValidationTests {
    @Test("DNS-1123 subdomains accept dotted lowercase names and reject the rest with upstream's message",
          arguments: [
              ("example.com", true), ("a", true), ("0-a.b-1", true), ("my-app", true),
              ("", false), ("Example", false), ("-a", false), ("a-", false), ("a..b", false),
              (".a", false), ("a.", false), ("a_b", false), ("a.-b", false), ("ünïcode", false),
          ])
    func dns1123Subdomain(name: String, valid: Bool) {
        #expect(NameValidation.isDNS1123Subdomain(name) == (valid ? [] : [subdomainMessage]))
    }

    @Test("A DNS-1123 subdomain longer than 253 characters reports its length as well")
    func subdomainTooLong() {
        let name = String(repeating: "a", count: 254)
        #expect(NameValidation.isDNS1123Subdomain(name) == ["must be no more than 253 characters"])
        #expect(NameValidation.isDNS1123Subdomain(String(repeating: "a", count: 253)).isEmpty)
    }

    @Test("DNS-1123 labels: a dotted name is told it must not contain dots; other shapes get the pattern",
          arguments: [
              ("my-name", [String]()), ("123-abc", []), ("a.b", ["must not contain dots"]),
              ("A", [labelMessage]), ("a_b", [labelMessage]), ("", [labelMessage]),
              (String(repeating: "a", count: 64), ["must be no more than 63 characters"]),
          ])
    func dns1123Label(name: String, expected: [String]) {
        #expect(NameValidation.isDNS1123Label(name) == expected)
    }

    @Test("DNS-1035 labels must start with a letter", arguments: [
        ("my-svc", true), ("a1", true), ("1abc", false), ("abc-", false), ("Abc", false), ("a.b", false),
    ])
    func dns1035Label(name: String, valid: Bool) {
        #expect(NameValidation.isDNS1035Label(name) == (valid ? [] : [dns1035Message]))
    }

    @Test("Qualified names allow an optional DNS subdomain prefix", arguments: [
        ("app", [String]()), ("app.kubernetes.io/name", []), ("My_Name.1", []), ("example.com/MyName", []),
        ("/name", ["prefix part must be non-empty"]),
        ("example.com/", ["name part must be non-empty", namePartMessage]),
        ("Example.com/name", ["prefix part " + subdomainMessage]),
        ("-bad", [namePartMessage]),
        ("a/b/c", ["a qualified name must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]') with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')"]),
        (String(repeating: "a", count: 64), ["name part must be no more than 63 characters"]),
    ])
    func qualifiedName(name: String, expected: [String]) {
        #expect(NameValidation.isQualifiedName(name) == expected)
    }

    @Test("Label values may be empty or a name part of at most 63 characters", arguments: [
        ("", [String]()), ("v1.2_3-x", []), ("foo bar", [labelValueMessage]), ("-x", [labelValueMessage]),
        (String(repeating: "v", count: 64), ["must be no more than 63 characters"]),
    ])
    func labelValue(value: String, expected: [String]) {
        #expect(NameValidation.isValidLabelValue(value) == expected)
    }

    @Test("Path segment names may not be . or .. nor contain / or %", arguments: [
        ("ok:name", false, [String]()), (".", false, ["may not be '.'"]), ("..", false, ["may not be '..'"]),
        (".", true, []), ("a/b%c", false, ["may not contain '/'", "may not contain '%'"]),
    ])
    func pathSegment(name: String, prefix: Bool, expected: [String]) {
        #expect(PathSegmentName.validate(name, prefix: prefix) == expected)
    }

    @Test("A generateName prefix may end in a dash, but not start with one", arguments: [
        ("web-", true), ("a-", true), ("web", true), ("-web-", false), ("Web-", false),
    ])
    func generateNamePrefix(prefix: String, valid: Bool) {
        #expect(NameValidators.dnsSubdomain(prefix, true).isEmpty == valid)
        #expect(NameValidators.dnsSubdomain(prefix, false).isEmpty == (valid && !prefix.hasSuffix("-")))
    }

    @Test("Percent strings are digits followed by %", arguments: [("25%", true), ("0%", true), ("%", false), ("5", false), ("1.5%", false)])
    func percent(value: String, valid: Bool) {
        #expect(NameValidation.isValidPercent(value).isEmpty == valid)
    }

    // MARK: ObjectMeta

    @Test("Valid namespaced metadata has no errors")
    func validMetadata() {
        let meta: JSONValue = ["name": "web-1", "namespace": "default", "labels": ["app": "web"],
                               "annotations": ["example.com/Note": "anything goes here"], "finalizers": ["example.com/cleanup"]]
        #expect(validateObjectMeta(meta, namespaced: true, nameValidator: NameValidators.dnsSubdomain).isEmpty)
    }

    @Test("Object metadata errors carry metadata paths and upstream's messages", arguments: [
        (["namespace": "default"], true, ["metadata.name: Required value: name or generateName is required"]),
        (["name": "x"], true, ["metadata.namespace: Required value"]),
        (["name": "x", "namespace": "default"], false, ["metadata.namespace: Forbidden: not allowed on this type"]),
        (["name": "Bad_Name", "namespace": "default"], true, ["metadata.name: Invalid value: \"Bad_Name\": " + subdomainMessage]),
        (["name": "x", "namespace": "Default"], true, ["metadata.namespace: Invalid value: \"Default\": " + labelMessage]),
        (["generateName": "-x-", "name": "a", "namespace": "n"], true, ["metadata.generateName: Invalid value: \"-x-\": " + subdomainMessage]),
        (["name": "x", "namespace": "n", "labels": ["app": "foo bar"]], true, ["metadata.labels: Invalid value: \"foo bar\": " + labelValueMessage]),
        (["name": "x", "namespace": "n", "labels": ["-k": "v"]], true, ["metadata.labels: Invalid value: \"-k\": " + namePartMessage]),
        (["name": "x", "namespace": "n", "annotations": ["a/b/c": "v"]], true, ["metadata.annotations: Invalid value: \"a/b/c\": a qualified name must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]') with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')"]),
        (["name": "x", "generation": -1], false, ["metadata.generation: Invalid value: -1: must be greater than or equal to 0"]),
        (["name": "x", "finalizers": ["orphan", "foregroundDeletion"]], false, ["metadata.finalizers: Invalid value: [\"orphan\",\"foregroundDeletion\"]: finalizer orphan and foregroundDeletion cannot be both set"]),
        (["name": "x", "ownerReferences": [["apiVersion": "apps/v1", "kind": "ReplicaSet", "name": "rs"]]], false, ["metadata.ownerReferences.uid: Invalid value: \"\": uid must not be empty"]),
    ] as [(JSONValue, Bool, [String])])
    func objectMetaErrors(meta: JSONValue, namespaced: Bool, expected: [String]) {
        let errs = validateObjectMeta(meta, namespaced: namespaced, nameValidator: NameValidators.dnsSubdomain)
        #expect(errs.map(\.description) == expected)
    }

    @Test("Annotations over 256 KiB in total are too long")
    func annotationsTooLarge() {
        let big = String(repeating: "x", count: 256 * 1024)
        let meta: JSONValue = ["name": "x", "annotations": ["k": .string(big)]]
        let errs = validateObjectMeta(meta, namespaced: false, nameValidator: NameValidators.dnsSubdomain)
        #expect(errs.map(\.description) == ["metadata.annotations: Too long: may not be more than 262144 bytes"])
        let fits: JSONValue = ["name": "x", "annotations": ["k": .string(String(big.dropLast()))]]
        #expect(validateObjectMeta(fits, namespaced: false, nameValidator: NameValidators.dnsSubdomain).isEmpty)
    }

    @Test("Two controller owner references are refused")
    func twoControllers() {
        let ref1: JSONValue = ["apiVersion": "apps/v1", "kind": "ReplicaSet", "name": "a", "uid": "1", "controller": true]
        let ref2: JSONValue = ["apiVersion": "apps/v1", "kind": "ReplicaSet", "name": "b", "uid": "2", "controller": true]
        let errs = MetadataValidation.validateOwnerReferences([ref1, ref2], path: "metadata.ownerReferences")
        #expect(errs.count == 1)
        #expect(errs.first?.detail == "Only one reference can have Controller set to true. Found \"true\" in references for ReplicaSet/a and ReplicaSet/b")
    }

    @Test("Updates may not change identity fields nor add finalizers while deleting")
    func metadataUpdate() {
        let old: JSONValue = ["name": "a", "namespace": "n", "uid": "u1", "deletionTimestamp": "2024-01-01T00:00:00Z", "finalizers": ["example.com/f"]]
        var new = old
        new["uid"] = "u2"
        new["finalizers"] = ["example.com/f", "example.com/g"]
        let errs = validateObjectMetaUpdate(new, old: old).map(\.description)
        #expect(errs == [
            "metadata.uid: Invalid value: \"u2\": field is immutable",
            "metadata.finalizers: Forbidden: no new finalizers can be added if the object is being deleted, found new finalizers [\"example.com/g\"]",
        ])
        #expect(validateObjectMetaUpdate(old, old: old).isEmpty)
    }
}
