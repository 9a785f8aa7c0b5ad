import Testing
@testable import KubeMachinery

struct JSONParserTests {
    struct Valid: CustomTestStringConvertible, Sendable {
        var text: String
        var value: JSONValue
        var testDescription: String { text }
    }

    @Test(arguments: [
        Valid(text: "null", value: .null),
        Valid(text: " \t\r\n true \n", value: .bool(true)),
        Valid(text: "false", value: .bool(false)),
        Valid(text: "0", value: .int(0)),
        Valid(text: "-0", value: .int(0)),
        Valid(text: "42", value: .int(42)),
        Valid(text: "-17", value: .int(-17)),
        Valid(text: "1.5", value: .double(1.5)),
        Valid(text: "-0.25", value: .double(-0.25)),
        Valid(text: "1.0", value: .double(1.0)),
        Valid(text: "1e3", value: .double(1000)),
        Valid(text: "1E+3", value: .double(1000)),
        Valid(text: "25e-1", value: .double(2.5)),
        Valid(text: "0.1", value: .double(0.1)),
        Valid(text: "3.141592653589793", value: .double(3.141592653589793)),
        Valid(text: "1.7976931348623157e308", value: .double(1.7976931348623157e308)),
        Valid(text: "5e-324", value: .double(.leastNonzeroMagnitude)),
        Valid(text: "0.30000000000000004", value: .double(0.30000000000000004)),
        Valid(text: "123456789.123456789123", value: .double(123456789.123456789123)),
        Valid(text: #""""#, value: .string("")),
        Valid(text: #""héllo ✓""#, value: .string("héllo ✓")),
        Valid(text: "[]", value: .array([])),
        Valid(text: "[ 1 , [ ] , { } ]", value: .array([.int(1), .array([]), .object([:])])),
        Valid(text: "{}", value: .object([:])),
        Valid(text: #"{ "a" : 1 , "b" : [true, null], "c": {"d": "e"} }"#,
              value: ["a": 1, "b": [true, nil], "c": ["d": "e"]]),
        Valid(text: #"{"a":1,"a":2}"#, value: ["a": 2]),
    ])
    func parsesValidDocument(_ c: Valid) throws {
        #expect(try JSONValue.parse(c.text) == c.value)
    }

    @Test func distinguishesNegativeZeroDoubleFromIntegerZero() throws {
        let v = try JSONValue.parse("-0.0")
        guard case .double(let d) = v else { Issue.record("expected double, got \(v)"); return }
        #expect(d == 0 && d.sign == .minus)
    }

    @Test(arguments: [
        ("9223372036854775807", JSONValue.int(.max)),
        ("-9223372036854775808", .int(.min)),
        ("9223372036854775808", .double(9223372036854775808.0)),
        ("-9223372036854775809", .double(-9223372036854775809.0)),
        ("18446744073709551616", .double(18446744073709551616.0)),
        ("123456789012345678901234567890", .double(1.2345678901234568e29)),
        ("10000000000000000000000000000000000000000e-20", .double(1e20)),
    ])
    func integersBeyondInt64BecomeDoubles(_ text: String, _ expected: JSONValue) throws {
        #expect(try JSONValue.parse(text) == expected)
    }

    @Test(arguments: [
        (#""\" \\ \/ \b \f \n \r \t""#, "\" \\ / \u{8} \u{C} \n \r \t"),
        (#""\u0041\u00e9\u4E2D""#, "Aé中"),
        (#""\u0000""#, "\u{0}"),
        (#""\ud83d\ude00""#, "😀"),
        (#""x\uD83D\uDE00y""#, "x😀y"),
        (#""\ud83d""#, "\u{FFFD}"),
        (#""\ude00""#, "\u{FFFD}"),
        (#""\ud83dx""#, "\u{FFFD}x"),
        (#""\ud83d\u0041""#, "\u{FFFD}A"),
        (#""\ud83d\ud83d\ude00""#, "\u{FFFD}😀"),
        (#""a\nb""#, "a\nb"),
    ])
    func decodesEscapes(_ text: String, _ expected: String) throws {
        #expect(try JSONValue.parse(text) == .string(expected))
    }

    @Test func replacesInvalidUTF8WithReplacementCharacter() throws {
        let bytes: [UInt8] = [0x22, 0x61, 0xFF, 0x62, 0x22]
        #expect(try JSONValue.parse(bytes) == .string("a\u{FFFD}b"))
    }

    struct Invalid: CustomTestStringConvertible, Sendable {
        var text: String
        var message: String
        var offset: Int
        var testDescription: String { "\(text) → \(message)" }
    }

    @Test(arguments: [
        Invalid(text: "", message: "unexpected end of JSON input", offset: 0),
        Invalid(text: "   ", message: "unexpected end of JSON input", offset: 3),
        Invalid(text: "x", message: "invalid character 'x' looking for beginning of value", offset: 0),
        Invalid(text: "+1", message: "invalid character '+' looking for beginning of value", offset: 0),
        Invalid(text: ".5", message: "invalid character '.' looking for beginning of value", offset: 0),
        Invalid(text: "NaN", message: "invalid character 'N' looking for beginning of value", offset: 0),
        Invalid(text: "'a'", message: #"invalid character '\'' looking for beginning of value"#, offset: 0),
        Invalid(text: "01", message: "invalid character '1' after top-level value", offset: 1),
        Invalid(text: "[01]", message: "invalid character '1' after array element", offset: 2),
        Invalid(text: "-", message: "unexpected end of JSON input", offset: 1),
        Invalid(text: "-a", message: "invalid character 'a' in numeric literal", offset: 1),
        Invalid(text: "1.", message: "unexpected end of JSON input", offset: 2),
        Invalid(text: "1.e5", message: "invalid character 'e' after decimal point in numeric literal", offset: 2),
        Invalid(text: "1e", message: "unexpected end of JSON input", offset: 2),
        Invalid(text: "1e+x", message: "invalid character 'x' in exponent of numeric literal", offset: 3),
        Invalid(text: "1e400", message: "json: cannot unmarshal number 1e400 into Go value of type float64", offset: 0),
        Invalid(text: "tru", message: "unexpected end of JSON input", offset: 3),
        Invalid(text: "trux", message: "invalid character 'x' in literal true (expecting 'e')", offset: 3),
        Invalid(text: "nul1", message: "invalid character '1' in literal null (expecting 'l')", offset: 3),
        Invalid(text: "fals", message: "unexpected end of JSON input", offset: 4),
        Invalid(text: "true false", message: "invalid character 'f' after top-level value", offset: 5),
        Invalid(text: "{} x", message: "invalid character 'x' after top-level value", offset: 3),
        Invalid(text: "{", message: "unexpected end of JSON input", offset: 1),
        Invalid(text: "{a:1}", message: "invalid character 'a' looking for beginning of object key string", offset: 1),
        Invalid(text: #"{"a" 1}"#, message: "invalid character '1' after object key", offset: 5),
        Invalid(text: #"{"a"}"#, message: "invalid character '}' after object key", offset: 4),
        Invalid(text: #"{"a":1 "b":2}"#, message: #"invalid character '"' after object key:value pair"#, offset: 7),
        Invalid(text: #"{"a":1,}"#, message: "invalid character '}' looking for beginning of object key string", offset: 7),
        Invalid(text: #"{"a":}"#, message: "invalid character '}' looking for beginning of value", offset: 5),
        Invalid(text: #"{"a":1"#, message: "unexpected end of JSON input", offset: 6),
        Invalid(text: "[1,]", message: "invalid character ']' looking for beginning of value", offset: 3),
        Invalid(text: "[1 2]", message: "invalid character '2' after array element", offset: 3),
        Invalid(text: "[1}", message: "invalid character '}' after array element", offset: 2),
        Invalid(text: "[", message: "unexpected end of JSON input", offset: 1),
        Invalid(text: "]", message: "invalid character ']' looking for beginning of value", offset: 0),
        Invalid(text: #""abc"#, message: "unexpected end of JSON input", offset: 4),
        Invalid(text: "\"a\nb\"", message: #"invalid character '\n' in string literal"#, offset: 2),
        Invalid(text: "\"a\u{1}b\"", message: #"invalid character '\x01' in string literal"#, offset: 2),
        Invalid(text: "\"a\\\u{1}\"", message: #"invalid character '\x01' in string escape code"#, offset: 3),
        Invalid(text: #""\x""#, message: "invalid character 'x' in string escape code", offset: 2),
        Invalid(text: #""\u12g4""#, message: #"invalid character 'g' in \u hexadecimal character escape"#, offset: 5),
        Invalid(text: #""\ud83d\uzzzz""#, message: #"invalid character 'z' in \u hexadecimal character escape"#, offset: 9),
        Invalid(text: #""\u12"#, message: "unexpected end of JSON input", offset: 5),
        Invalid(text: "\u{FEFF}{}", message: "invalid character 'ï' looking for beginning of value", offset: 0),
    ])
    func rejectsInvalidDocumentWithGoMessageAndOffset(_ c: Invalid) {
        #expect(throws: JSONParseError(message: c.message, offset: c.offset)) {
            try JSONValue.parse(c.text)
        }
    }

    @Test(arguments: [(UInt8(0x85), #"'\u0085'"#), (0xA0, #"'\u00a0'"#), (0xE9, "'é'"), (0x7F, #"'\x7f'"#)])
    func quotesNonASCIIBytesLikeGo(_ byte: UInt8, _ quoted: String) {
        #expect(throws: JSONParseError(message: "invalid character \(quoted) looking for beginning of value", offset: 0)) {
            try JSONValue.parse([byte])
        }
    }

    @Test func acceptsNestingUpToTheLimit() throws {
        let depth = JSONParser.maxDepth
        let text = String(repeating: "[", count: depth) + String(repeating: "]", count: depth)
        var v = try JSONValue.parse(text)
        var levels = 0
        while case .array(let a) = v {
            levels += 1
            v = a.first ?? .null
        }
        #expect(levels == depth)
    }

    @Test(arguments: [JSONParser.maxDepth + 1, 1_000_000])
    func rejectsNestingBeyondTheLimit(_ depth: Int) {
        let text = String(repeating: #"{"a":["#, count: depth / 2 + 1)
        #expect(throws: JSONParseError(message: "exceeded max depth", offset: 3 * JSONParser.maxDepth)) {
            try JSONValue.parse(text)
        }
    }

    @Test func parsesDeepDocumentOnCooperativeThread() async throws {
        let depth = JSONParser.maxDepth
        let text = String(repeating: "[", count: depth) + "1" + String(repeating: "]", count: depth)
        let count = try await Task.detached { try JSONValue.parse(text).serialized().count }.value
        #expect(count == 2 * depth + 1)
    }

    struct Duplicates: CustomTestStringConvertible, Sendable {
        var text: String
        var paths: [String]
        var testDescription: String { text }
    }

    @Test(arguments: [
        Duplicates(text: #"{"a":1,"b":2}"#, paths: []),
        Duplicates(text: #"{"a":1,"a":2}"#, paths: ["a"]),
        Duplicates(text: #"{"metadata":{"name":"x","name":"y"}}"#, paths: ["metadata.name"]),
        Duplicates(text: #"{"spec":{"containers":[{"name":"a"},{"name":"b","image":"i","name":"c"}]}}"#,
                   paths: ["spec.containers[1].name"]),
        Duplicates(text: #"{"a":1,"a":2,"a":3}"#, paths: ["a", "a"]),
        Duplicates(text: #"{"k":1,"m":{"x":[[{"y":1,"y":2}]]},"k":2}"#, paths: ["m.x[0][0].y", "k"]),
        Duplicates(text: #"[{"a":1},{"a":1,"a":2}]"#, paths: ["[1].a"]),
    ])
    func reportsDuplicateKeyPathsInDocumentOrder(_ c: Duplicates) throws {
        var found: [String] = []
        _ = try JSONValue.parse(Array(c.text.utf8), duplicateKeys: &found)
        #expect(found == c.paths)
    }

    @Test func lastDuplicateValueWins() throws {
        var found: [String] = []
        let v = try JSONValue.parse(Array(#"{"m":{"n":"x","n":"y"}}"#.utf8), duplicateKeys: &found)
        #expect(v == ["m": ["n": "y"]])
        #expect(found == ["m.n"])
    }

    @Test func parsesNonContiguousCollections() throws {
        let bytes = Array("[1,2]".utf8).lazy.map { $0 }
        #expect(try JSONValue.parse(bytes) == [1, 2])
    }
}
