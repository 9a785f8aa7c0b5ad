import Testing
@testable import KubeMachinery

struct QuantityTests {
    @Test("Quantities print as upstream stores them: kept text or the canonical form", arguments: [
        ("100m", "100m"), ("1", "1"), ("0", "0"), ("1.5", "1500m"), ("0.1", "100m"), ("0.5", "500m"),
        ("1000m", "1"), ("2Gi", "2Gi"), ("500Mi", "500Mi"), ("1024Mi", "1Gi"), ("1536Mi", "1536Mi"),
        ("0.5Gi", "512Mi"), ("1.5Gi", "1536Mi"), ("0.5Ki", "512"), ("1k", "1k"), ("1M", "1M"),
        ("1e3", "1e3"), ("1E3", "1E3"), ("1e4", "10e3"), ("12000", "12k"), ("1024", "1024"),
        ("1.0", "1"), ("0.0", "0"), ("-0", "0"), ("-100m", "-100m"), ("+1", "+1"), ("1n", "1n"),
        ("0.1n", "1n"), ("1.", "1."), ("0100m", "0100m"), (".5", "500m"), ("8Ei", "9223372036854775807"), ("1Ei", "1Ei"),
        ("2000Ki", "2000Ki"), ("2048Ki", "2Mi"), ("1500000000m", "1500k"),
    ])
    func canonical(input: String, printed: String) throws {
        #expect(try Quantity(parsing: input).description == printed)
    }

    @Test("Canonical form ignores the original spelling", arguments: [
        ("+1", "1"), ("1E3", "1e3"), ("0100m", "100m"), ("1.", "1"), ("1e4", "10e3"),
    ])
    func canonicalString(input: String, canonical: String) throws {
        #expect(try Quantity(parsing: input).canonicalString == canonical)
    }

    @Test("Invalid quantities fail with upstream's messages", arguments: [
        ("", QuantityParseError.formatWrong), ("abc", .formatWrong), ("1Gb", .formatWrong),
        ("1.5.5", .formatWrong), (" 1", .formatWrong), ("1 ", .formatWrong), ("1Ki5", .suffix), ("1e", .suffix),
        ("1ee3", .suffix), ("--1", .suffix), ("1mi", .suffix),
    ])
    func invalid(input: String, error: QuantityParseError) {
        #expect(throws: error) { try Quantity(parsing: input) }
    }

    @Test("The format-wrong message quotes upstream's pattern")
    func formatWrongMessage() {
        #expect(QuantityParseError.formatWrong.message == "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'")
    }

    @Test("Values round up away from zero", arguments: [
        ("100m", 1, 100), ("1.5", 2, 1500), ("-1.5", -2, -1500), ("2Gi", 2_147_483_648, 2_147_483_648_000),
        ("1k", 1000, 1_000_000), ("1n", 1, 1), ("-1n", -1, -1), ("0", 0, 0), ("1e3", 1000, 1_000_000),
    ] as [(String, Int64, Int64)])
    func values(input: String, value: Int64, milli: Int64) throws {
        let q = try Quantity(parsing: input)
        #expect(q.value == value)
        #expect(q.milliValue == milli)
    }

    @Test("Comparison is by amount, whatever the spelling", arguments: [
        ("1Ki", "1024", 0), ("1", "1000m", 0), ("100m", "1", -1), ("-1", "0", -1), ("1Gi", "1G", 1),
        ("1E", "999P", 1), ("-2", "-1", -1), ("1e3", "1k", 0), ("9223372036854775807", "1E", 1),
    ] as [(String, String, Int)])
    func comparison(a: String, b: String, expected: Int) throws {
        let x = try Quantity(parsing: a), y = try Quantity(parsing: b)
        #expect(Quantity.compare(x, y) == expected)
        #expect(Quantity.compare(y, x) == -expected)
        if expected == 0 { #expect(x.hashValue == y.hashValue) }
    }

    @Test("Sums keep the left operand's format", arguments: [
        ("100m", "900m", "1"), ("1Gi", "512Mi", "1536Mi"), ("0", "1Gi", "1Gi"), ("1", "-250m", "750m"),
        ("1k", "1", "1001"), ("1n", "1G", "1000000000000000001n"),
        // Past Int64 precision the finer operand is rounded up to the coarser one's scale.
        ("1n", "1E", "1000000000000000001"),
    ])
    func addition(a: String, b: String, sum: String) throws {
        #expect(try (Quantity(parsing: a) + Quantity(parsing: b)).description == sum)
    }

    @Test("Subtraction and negation")
    func subtraction() throws {
        var q = try Quantity(parsing: "1")
        q -= try Quantity(parsing: "250m")
        #expect(q.description == "750m")
        #expect((-q).description == "-750m")
        #expect((q - q).isZero)
    }

    @Test("Building from whole and milli amounts")
    func constructors() {
        #expect(Quantity(milli: 250).description == "250m")
        #expect(Quantity(3).description == "3")
        #expect(Quantity(1 << 30, format: .binarySI).description == "1Gi")
    }

    @Test("JSON strings are trimmed and numbers accepted", arguments: [
        (JSONValue.string(" 2Gi "), "2Gi"), (.int(3), "3"), (.double(0.5), "500m"),
    ])
    func fromJSON(json: JSONValue, printed: String) throws {
        #expect(try Quantity(json: json).description == printed)
    }

    // MARK: IntOrString

    @Test("IntOrString reads integers and strings from JSON", arguments: [
        (JSONValue.int(5), IntOrString.int(5)), (.string("25%"), .string("25%")), (.double(3), .int(3)),
        (.bool(true), nil), (.int(Int64(Int32.max) + 1), nil),
    ] as [(JSONValue, IntOrString?)])
    func intOrStringJSON(json: JSONValue, expected: IntOrString?) {
        #expect(IntOrString(json: json) == expected)
        if let expected { #expect(expected.json == json.intValue.map { .int($0) } ?? json) }
    }

    @Test("Percentages scale against the total, rounding as asked", arguments: [
        (IntOrString.string("25%"), 10, true, 3), (.string("25%"), 10, false, 2), (.string("100%"), 7, false, 7),
        (.string("0%"), 7, true, 0), (.int(3), 100, true, 3), (.string("-10%"), 10, false, -1),
    ])
    func scaled(value: IntOrString, total: Int, roundUp: Bool, expected: Int) throws {
        #expect(try value.scaledValue(total: total, roundUp: roundUp) == expected)
    }

    @Test("Strings that are not percentages fail with upstream's messages", arguments: [
        ("25", "invalid value for IntOrString: invalid type: string is not a percentage"),
        ("abc%", "invalid value for IntOrString: invalid value \"abc%\": strconv.Atoi: parsing \"abc\": invalid syntax"),
        ("%", "invalid value for IntOrString: invalid value \"%\": strconv.Atoi: parsing \"\": invalid syntax"),
        ("99999999999999999999%", "invalid value for IntOrString: invalid value \"99999999999999999999%\": strconv.Atoi: parsing \"99999999999999999999\": value out of range"),
    ])
    func scaledErrors(text: String, message: String) {
        #expect(throws: IntOrStringError(message)) { try IntOrString.string(text).scaledValue(total: 10, roundUp: true) }
    }

    @Test("maxSurge-style validation accepts non-negative integers and percentages", arguments: [
        (JSONValue.int(1), [String]()), (JSONValue.string("25%"), []),
        (JSONValue.int(-1), ["spec.strategy.rollingUpdate.maxSurge: Invalid value: -1: must be greater than or equal to 0"]),
        (JSONValue.string("25"), ["spec.strategy.rollingUpdate.maxSurge: Invalid value: \"25\": a valid percent string must be a numeric string followed by an ending '%' (e.g. '1%',  or '93%', regex used for validation is '[0-9]+%')"]),
    ] as [(JSONValue, [String])])
    func positiveIntOrPercent(json: JSONValue, expected: [String]) {
        let errs = IntOrString.validatePositiveIntOrPercent(json, path: "spec.strategy.rollingUpdate.maxSurge")
        #expect(errs.map(\.description) == expected)
    }
}
