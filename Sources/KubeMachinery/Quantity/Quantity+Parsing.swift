/// A quantity string that is not one, with upstream's message.
public struct QuantityParseError: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }

    public static let formatWrong = QuantityParseError(
        "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'")
    public static let numeric = QuantityParseError("unable to parse numeric part of quantity")
    public static let suffix = QuantityParseError("unable to parse quantity's suffix")
}

extension Quantity {
    /// Parses upstream's quantity syntax: an optional sign, a decimal number, and a suffix that
    /// is a binary SI unit (`Ki`…`Ei`), a decimal SI unit (`n`, `u`, `m`, ``, `k`, `M`, `G`,
    /// `T`, `P`, `E`) or a decimal exponent (`e3`, `E-2`).
    public init(parsing text: String) throws(QuantityParseError) {
        let s = Array(text.utf8)
        if s.isEmpty { throw .formatWrong }
        if text == "0" {
            self.init(mantissa: 0, scale: 0, format: .decimalSI)
            original = text
            return
        }
        let parts = try Quantity.split(s)
        guard let (base, exponent, suffixFormat) = Quantity.interpretSuffix(parts.suffix) else { throw .suffix }
        let num = parts.numerator, denom = parts.denominator

        // Accumulate the digits; past Int64 precision, drop them into the scale (see the
        // type's documentation) and remember to round up.
        var magnitude: UInt64 = 0
        var scale = Int64(base == 10 ? exponent : 0) - Int64(denom.count)
        var inexact = false
        for d in num + denom {
            let digit = UInt64(d - UInt8(ascii: "0"))
            if magnitude > (UInt64(Int64.max) - digit) / 10 {
                scale += 1
                if digit != 0 { inexact = true }
            } else {
                magnitude = magnitude * 10 + digit
            }
        }
        if inexact { magnitude += 1 }

        var format = suffixFormat
        if base == 2 {
            // Multiply by 2^exponent; a whole amount past Int64 is capped as upstream caps it.
            for _ in 0..<exponent {
                while magnitude > UInt64(Int64.max) / 2 && scale < 0 {
                    magnitude = Quantity.divideByPowerOfTenRoundingUp(magnitude, 1)
                    scale += 1
                }
                if magnitude > UInt64(Int64.max) / 2 {
                    magnitude = UInt64(Int64.max)
                    scale = 0
                    break
                }
                magnitude *= 2
            }
        }
        if scale < -9 {
            magnitude = Quantity.divideByPowerOfTenRoundingUp(magnitude, Int(-9 - scale))
            scale = -9
        }
        if scale > Int64(Int32.max) || scale < Int64(Int32.min) { throw .numeric }
        if format == .binarySI && magnitude != 0 && scale < 0
            && Quantity.multiplyByPowerOfTen(1, Int(-scale)).map({ magnitude < $0 }) == true {
            // A binary amount below one unit has no binary spelling.
            format = .decimalSI
        }
        let signed = parts.positive ? Int64(magnitude) : -Int64(magnitude)
        self.init(mantissa: signed, scale: Int32(scale), format: format)
        if Quantity.upstreamKeepsText(num: num, denom: denom, base: base, exponent: exponent, format: format) {
            original = text
        }
    }

    /// Reads a quantity from JSON: a string (trimmed, as upstream's decoder does) or a number.
    public init(json: JSONValue) throws(QuantityParseError) {
        switch json {
        case .string(let s):
            try self.init(parsing: s.trimmingASCIIWhitespace())
        case .int(let i):
            try self.init(parsing: String(i))
        case .double(let d):
            try self.init(parsing: String(d))
        default:
            throw .formatWrong
        }
    }

    /// Upstream prints the input back unchanged when its fast path parsed it and the text is
    /// already in a canonical-looking shape; otherwise it prints the canonical form. Following
    /// the same rule makes stored objects read back byte-for-byte as upstream's would.
    static func upstreamKeepsText(num: [UInt8], denom: [UInt8], base: Int32, exponent: Int32, format: Format) -> Bool {
        let digits = num + denom
        let precision: Int
        if base == 2 {
            guard exponent >= 0 && denom.isEmpty else { return false }
            precision = 15 - num.count - Int(Float(exponent) * 3 / 10) - 1
        } else {
            precision = 18 - digits.count
        }
        guard precision >= 0 else { return false }
        let scale = (base == 10 ? Int(exponent) : 0) - denom.count
        guard scale >= -9 else { return false }
        var value: Int64 = 0
        for d in digits { value = value * 10 + Int64(d - UInt8(ascii: "0")) }
        if base == 2 {
            guard exponent < 63, value.multipliedReportingOverflow(by: Int64(1) << exponent).overflow == false else { return false }
            return exponent % 10 == 0 && value & 0x07 != 0
        }
        return scale % 3 == 0 && !(digits.count >= 3 && digits.suffix(3).allSatisfy { $0 == UInt8(ascii: "0") })
            && digits.first != UInt8(ascii: "0")
    }

    struct Parts {
        var positive = true
        var numerator: [UInt8] = []
        var denominator: [UInt8] = []
        var suffix: [UInt8] = []
    }

    /// Splits into sign, whole digits (leading zeros dropped), fraction digits and suffix,
    /// accepting what upstream accepts (including `1.`, `.5` and a bare `+`).
    static func split(_ s: [UInt8]) throws(QuantityParseError) -> Parts {
        func isDigit(_ c: UInt8) -> Bool { c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9") }
        var p = Parts()
        var pos = 0
        if s[0] == UInt8(ascii: "-") { p.positive = false; pos = 1 } else if s[0] == UInt8(ascii: "+") { pos = 1 }
        while pos < s.count && s[pos] == UInt8(ascii: "0") { pos += 1 }
        if pos >= s.count {
            p.numerator = [UInt8(ascii: "0")]
            return p
        }
        let numStart = pos
        while pos < s.count && isDigit(s[pos]) { pos += 1 }
        p.numerator = Array(s[numStart..<pos])
        if p.numerator.isEmpty { p.numerator = [UInt8(ascii: "0")] }
        if pos < s.count && s[pos] == UInt8(ascii: ".") {
            pos += 1
            let denomStart = pos
            while pos < s.count && isDigit(s[pos]) { pos += 1 }
            p.denominator = Array(s[denomStart..<pos])
        }
        let suffixStart = pos
        let unitLetters = Array("eEinumkKMGTP".utf8)
        while pos < s.count && unitLetters.contains(s[pos]) { pos += 1 }
        if pos < s.count && (s[pos] == UInt8(ascii: "-") || s[pos] == UInt8(ascii: "+")) { pos += 1 }
        while pos < s.count && isDigit(s[pos]) { pos += 1 }
        if pos < s.count { throw .formatWrong }
        p.suffix = Array(s[suffixStart...])
        return p
    }

    static let decimalSuffixes: [String: Int32] = [
        "n": -9, "u": -6, "m": -3, "": 0, "k": 3, "M": 6, "G": 9, "T": 12, "P": 15, "E": 18,
    ]
    static let binarySuffixes: [String: Int32] = ["Ki": 10, "Mi": 20, "Gi": 30, "Ti": 40, "Pi": 50, "Ei": 60]

    /// (base, exponent, format) for a suffix, or nil when it is not one.
    static func interpretSuffix(_ bytes: [UInt8]) -> (Int32, Int32, Format)? {
        let suffix = String(decoding: bytes, as: UTF8.self)
        if let e = decimalSuffixes[suffix] { return (10, e, .decimalSI) }
        if let e = binarySuffixes[suffix] { return (2, e, .binarySI) }
        if bytes.count > 1, bytes[0] == UInt8(ascii: "e") || bytes[0] == UInt8(ascii: "E"),
           let e = Int32(String(decoding: bytes.dropFirst(), as: UTF8.self)) {
            return (10, e, .decimalExponent)
        }
        return nil
    }
}

extension String {
    /// Trims the whitespace Go's `strings.TrimSpace` trims for ASCII input.
    func trimmingASCIIWhitespace() -> String {
        let ws: Set<UInt8> = [0x20, 0x09, 0x0A, 0x0D, 0x0B, 0x0C]
        let u = Array(utf8)
        guard let start = u.firstIndex(where: { !ws.contains($0) }) else { return "" }
        let end = u.lastIndex(where: { !ws.contains($0) })!
        return String(decoding: u[start...end], as: UTF8.self)
    }
}
