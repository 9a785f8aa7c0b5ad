import Testing
@testable import KubeMachinery

struct FieldSelectorTests {
    @Test("Parsed field selectors keep upstream's sorted, escaped form", arguments: [
        ("", ""), ("metadata.name=x", "metadata.name=x"), ("metadata.name==x", "metadata.name=x"),
        ("status.phase!=Running,metadata.name=x", "metadata.name=x,status.phase!=Running"),
        ("a=b,,c=d", "a=b,c=d"), ("a=", "a="),
        ("metadata.name=a\\,b\\=c\\\\d", "metadata.name=a\\,b\\=c\\\\d"),
    ])
    func normalForm(input: String, printed: String) throws {
        #expect(try FieldSelector(parsing: input).description == printed)
    }

    @Test("Escaped values are compared unescaped")
    func unescaping() throws {
        let s = try FieldSelector(parsing: "metadata.name=a\\,b\\=c\\\\d")
        #expect(s.requirements == [.init(field: "metadata.name", operator: .equals, value: "a,b=c\\d")])
        #expect(s.matches(["metadata.name": "a,b=c\\d"]))
        #expect(FieldSelector.escapeValue("a,b=c\\d") == "a\\,b\\=c\\\\d")
    }

    @Test("Matching: equality and inequality, a missing field being the empty string", arguments: [
        ("", ["metadata.name": "x"], true),
        ("metadata.name=x", ["metadata.name": "x"], true), ("metadata.name=x", ["metadata.name": "y"], false),
        ("status.phase!=Running", ["status.phase": "Pending"], true), ("status.phase!=Running", ["status.phase": "Running"], false),
        ("spec.nodeName=", [:], true), ("spec.nodeName!=", [:], false), ("spec.nodeName!=", ["spec.nodeName": "n1"], true),
        ("metadata.name=x,metadata.namespace=ns", ["metadata.name": "x", "metadata.namespace": "other"], false),
    ] as [(String, [String: String], Bool)])
    func matching(selector: String, fields: [String: String], expected: Bool) throws {
        #expect(try FieldSelector(parsing: selector).matches(fields) == expected)
    }

    @Test("Malformed field selectors fail with upstream's messages", arguments: [
        ("metadata.name", "invalid selector: 'metadata.name'; can't understand 'metadata.name'"),
        ("a=b,c", "invalid selector: 'a=b,c'; can't understand 'c'"),
        ("a=b=c", "invalid field selector: unescaped character in value: 61"),
        ("a=b\\x", "invalid field selector: invalid escape sequence: \\x"),
        ("a=b\\", "invalid field selector: invalid escape sequence: \\"),
    ])
    func parseErrors(input: String, message: String) {
        #expect(throws: SelectorParseError(message)) { try FieldSelector(parsing: input) }
    }

    @Test("Unsupported field names are reported the way the API server answers")
    func supportedFields() throws {
        let s = try FieldSelector(parsing: "spec.foo=1,metadata.name=x,spec.foo!=2")
        #expect(s.fieldNames == ["metadata.name", "spec.foo"])
        #expect(throws: SelectorParseError("field label not supported: spec.foo")) {
            try s.checkSupported(["metadata.name", "metadata.namespace"])
        }
        try s.checkSupported(["metadata.name", "spec.foo"])
    }

    @Test("A pinned field value is available for list-as-get shortcuts")
    func requiredValue() throws {
        let s = try FieldSelector(parsing: "metadata.name=web,status.phase!=Failed")
        #expect(s.requiredValue(for: "metadata.name") == "web")
        #expect(s.requiredValue(for: "status.phase") == nil)
    }
}
