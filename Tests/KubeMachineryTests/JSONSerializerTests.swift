import Testing
@testable import KubeMachinery

struct JSONSerializerTests {
    @Test(arguments: [
        (JSONValue.null, "null"),
        (.bool(true), "true"),
        (.bool(false), "false"),
        (.int(0), "0"),
        (.int(7), "7"),
        (.int(-42), "-42"),
        (.int(.max), "9223372036854775807"),
        (.int(.min), "-9223372036854775808"),
        (.array([]), "[]"),
        (.object([:]), "{}"),
        ([1, "a", nil, [true]], #"[1,"a",null,[true]]"#),
        (["b": 1, "a": ["d": 2, "c": 3]], #"{"a":{"c":3,"d":2},"b":1}"#),
    ] as [(JSONValue, String)])
    func writesCompactJSON(_ value: JSONValue, _ expected: String) {
        #expect(value.serializedString() == expected)
    }

    @Test(arguments: [
        (0.0, "0"),
        (-0.0, "-0"),
        (1.0, "1"),
        (100.0, "100"),
        (-3.0, "-3"),
        (1.5, "1.5"),
        (-0.25, "-0.25"),
        (0.1, "0.1"),
        (0.30000000000000004, "0.30000000000000004"),
        (3.141592653589793, "3.141592653589793"),
        (1e15, "1000000000000000"),
        (1e20, "100000000000000000000"),
        (123456789012345680000.0, "123456789012345680000"),
        (1e21, "1e+21"),
        (1.5e300, "1.5e+300"),
        (-2.5e22, "-2.5e+22"),
        (1.7976931348623157e308, "1.7976931348623157e+308"),
        (0.000001, "0.000001"),
        (0.00000123, "0.00000123"),
        (1.2e-7, "1.2e-7"),
        (1e-7, "1e-7"),
        (1e-10, "1e-10"),
        (Double.leastNonzeroMagnitude, "5e-324"),
        (12345.678, "12345.678"),
        (9007199254740993.0, "9007199254740992"),
        (Double.nan, "null"),
        (Double.infinity, "null"),
    ])
    func writesDoublesLikeGo(_ value: Double, _ expected: String) {
        #expect(JSONValue.double(value).serializedString() == expected)
    }

    @Test(arguments: [
        ("plain", #""plain""#),
        ("", #""""#),
        ("quote\" back\\slash", #""quote\" back\\slash""#),
        ("\n\r\t\u{8}\u{C}", #""\n\r\t\b\f""#),
        ("\u{0}\u{1}\u{1F}", #""\u0000\u0001\u001f""#),
        ("<a href=\"x\">&</a>", #""\u003ca href=\"x\"\u003e\u0026\u003c/a\u003e""#),
        ("line\u{2028}para\u{2029}", #""line\u2028para\u2029""#),
        ("héllo ✓ 中 😀 \u{7F}", "\"héllo ✓ 中 😀 \u{7F}\""),
        ("\u{2020}\u{20AC}", "\"\u{2020}\u{20AC}\""),
        ("/", #""/""#),
    ])
    func escapesStringsLikeGo(_ value: String, _ expected: String) {
        #expect(JSONValue.string(value).serializedString() == expected)
    }

    @Test func sortsKeysByUTF8Bytes() {
        // Byte order puts uppercase before lowercase, and "é" (C3 A9) after "z".
        let value: JSONValue = ["é": 1, "z": 2, "Z": 3, "a": 4, "ab": 5, "": 6]
        #expect(value.serializedString() == #"{"":6,"Z":3,"a":4,"ab":5,"z":2,"é":1}"#)
    }

    @Test func sortsKeysWithDecomposedCharactersByBytes() {
        // "e\u{301}" (65 CC 81) and "f" (66): bytes order "e…" first even though Swift's
        // canonical ordering compares the decomposed form too.
        #expect(JSONSerializer.precedes("e\u{301}", "f"))
        #expect(!JSONSerializer.precedes("f", "e\u{301}"))
        #expect(JSONSerializer.precedes("a", "ab"))
        #expect(!JSONSerializer.precedes("ab", "ab"))
    }

    @Test(arguments: [
        (JSONValue.int(1), "1"),
        (.array([]), "[]"),
        (.object([:]), "{}"),
        ([1, 2], "[\n  1,\n  2\n]"),
        (["a": 1], "{\n  \"a\": 1\n}"),
        (["b": [], "a": ["c": [true, ["d": nil]], "e": [:]]],
         """
         {
           "a": {
             "c": [
               true,
               {
                 "d": null
               }
             ],
             "e": {}
           },
           "b": []
         }
         """),
    ] as [(JSONValue, String)])
    func writesPrettyLikeGoMarshalIndent(_ value: JSONValue, _ expected: String) {
        #expect(value.serializedPrettyString() == expected)
    }

    @Test func prettyHonoursIndentWidth() {
        let value: JSONValue = ["a": [1]]
        #expect(value.serializedPrettyString(indent: 4) == "{\n    \"a\": [\n        1\n    ]\n}")
    }

    @Test func writeAppendsToExistingBuffer() {
        var out = Array("prefix:".utf8)
        JSONValue.array([1, "x"]).write(to: &out)
        #expect(String(decoding: out, as: UTF8.self) == #"prefix:[1,"x"]"#)
    }

    @Test(arguments: [
        #"{"apiVersion":"v1","kind":"Pod","metadata":{"labels":{"app":"web"},"name":"web-0"},"spec":{"containers":[{"image":"nginx:1.27","name":"web","ports":[{"containerPort":80}]}]}}"#,
        #"[null,true,false,0,-1,1.5,1e+21,1e-7,"\u003c\u0026\u003e","\"\\\n\u0001"]"#,
        #"{"":{"":[[],{},[{}]]}}"#,
        #""😀 \u2028""#,
    ])
    func canonicalDocumentsRoundTripByteForByte(_ text: String) throws {
        #expect(try JSONValue.parse(text).serializedString() == text)
    }

    @Test(arguments: [
        JSONValue.double(0.1), .double(-1e-300), .double(6.02214076e23), .double(2.5e-8),
        .string("\u{0}\u{FFFF}\u{10FFFF}"), .int(.min),
        ["k": [1, 2.5, "s", nil, true, ["n": [:]]]],
    ])
    func valuesRoundTripThroughText(_ value: JSONValue) throws {
        #expect(try JSONValue.parse(value.serialized()) == value)
        #expect(try JSONValue.parse(value.serializedPretty()) == value)
    }

    @Test func writesDeeplyNestedValuesWithoutRecursion() throws {
        let depth = JSONParser.maxDepth
        let text = String(repeating: #"{"a":["#, count: depth / 2) + String(repeating: "]}", count: depth / 2)
        let value = try JSONValue.parse(text)
        // Serialize outside #expect: it would capture and describe the 10,000-deep value.
        let compact = value.serializedString()
        #expect(compact == text)
        // Pretty output grows with the square of the depth (Go's does too), so keep it smaller.
        let shallower = try JSONValue.parse(String(repeating: "[", count: 1000) + String(repeating: "]", count: 1000))
        let pretty = shallower.serializedPretty(indent: 1)
        // 2,000 brackets, 1,998 newlines, and indentation 0…998 down, 999 for "[]", 998…0 up.
        #expect(pretty.count == 2000 + 1998 + 999 * 999)
    }
}
