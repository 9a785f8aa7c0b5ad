/// An RFC 8259 parser over raw UTF-8 bytes that builds `JSONValue`s.
///
/// The parser is iterative: open arrays and objects live on explicit stacks rather than the call
/// stack, so a hostile 10,000-deep document costs heap, not thread stack. That matters because
/// request bodies are parsed on event-loop and cooperative-pool threads whose stacks can be as
/// small as 512 KiB.
///
/// Error messages follow Go's encoding/json scanner (`invalid character 'x' looking for beginning
/// of value`, `unexpected end of JSON input`), because upstream puts them verbatim into 400
/// Status messages and clients match on them. `offset` is the 0-based index of the offending
/// byte, or the input length when the input ended early.
struct JSONParser {
    /// Upstream's scanner refuses documents nested deeper than this (`maxNestingDepth`).
    static let maxDepth = 10_000

    private let base: UnsafePointer<UInt8>
    private let end: Int
    private var pos = 0

    /// When non-nil, duplicated object keys are collected here as `(offset, path)`.
    private var duplicates: [(offset: Int, path: String)]?

    /// One open array or object. Its members so far are `values[valueStart...]` and, for objects,
    /// the parallel `keys[keyStart...]`.
    private struct Frame {
        var isObject: Bool
        var valueStart: Int
        var keyStart: Int
    }

    private var frames: [Frame] = []
    private var values: [JSONValue] = []
    private var keys: [String] = []
    /// Byte offsets of `keys`, kept only while reporting duplicates.
    private var keyOffsets: [Int] = []
    /// Reused buffer for strings that contain escapes.
    private var scratch: [UInt8] = []

    private init(base: UnsafePointer<UInt8>, count: Int, reportDuplicates: Bool) {
        self.base = base
        self.end = count
        self.duplicates = reportDuplicates ? [] : nil
    }

    /// Parses one complete document. Duplicated keys (last one wins, as in Go) are appended to
    /// `duplicateKeys` as paths like `spec.containers[0].name`, in document order, when it is
    /// non-nil.
    static func parse(
        _ buffer: UnsafeBufferPointer<UInt8>, duplicateKeys: UnsafeMutablePointer<[String]>? = nil
    ) throws(JSONParseError) -> JSONValue {
        guard let base = buffer.baseAddress, buffer.count > 0 else {
            throw JSONParseError(message: "unexpected end of JSON input", offset: 0)
        }
        var parser = JSONParser(base: base, count: buffer.count, reportDuplicates: duplicateKeys != nil)
        let value = try parser.parseDocument()
        if let duplicateKeys, let found = parser.duplicates, !found.isEmpty {
            // Inner objects close before their parents, so restore document order.
            duplicateKeys.pointee.append(contentsOf: found.sorted { $0.offset < $1.offset }.map(\.path))
        }
        return value
    }

    // MARK: - Structure

    private mutating func parseDocument() throws(JSONParseError) -> JSONValue {
        nextValue: while true {
            skipWhitespace()
            guard pos < end else { throw unexpectedEnd() }
            var value: JSONValue
            switch base[pos] {
            case UInt8(ascii: "{"):
                try open(isObject: true)
                skipWhitespace()
                guard pos < end else { throw unexpectedEnd() }
                if base[pos] == UInt8(ascii: "}") {
                    pos += 1
                    frames.removeLast()
                    value = .object([:])
                } else {
                    try parseKey()
                    continue nextValue
                }
            case UInt8(ascii: "["):
                try open(isObject: false)
                skipWhitespace()
                guard pos < end else { throw unexpectedEnd() }
                if base[pos] == UInt8(ascii: "]") {
                    pos += 1
                    frames.removeLast()
                    value = .array([])
                } else {
                    continue nextValue
                }
            case UInt8(ascii: "\""):
                value = .string(try parseString())
            case UInt8(ascii: "t"):
                try expectLiteral("true")
                value = .bool(true)
            case UInt8(ascii: "f"):
                try expectLiteral("false")
                value = .bool(false)
            case UInt8(ascii: "n"):
                try expectLiteral("null")
                value = .null
            case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
                value = try parseNumber()
            default:
                throw invalid("looking for beginning of value")
            }

            // A value is complete: hand it to its container, closing as many as end here.
            while true {
                guard let top = frames.last else {
                    skipWhitespace()
                    if pos < end { throw invalid("after top-level value") }
                    return value
                }
                values.append(value)
                skipWhitespace()
                guard pos < end else { throw unexpectedEnd() }
                let c = base[pos]
                if top.isObject {
                    if c == UInt8(ascii: ",") {
                        pos += 1
                        skipWhitespace()
                        guard pos < end else { throw unexpectedEnd() }
                        try parseKey()
                        continue nextValue
                    }
                    guard c == UInt8(ascii: "}") else { throw invalid("after object key:value pair") }
                    pos += 1
                    value = closeObject()
                } else {
                    if c == UInt8(ascii: ",") {
                        pos += 1
                        continue nextValue
                    }
                    guard c == UInt8(ascii: "]") else { throw invalid("after array element") }
                    pos += 1
                    value = closeArray()
                }
            }
        }
    }

    private mutating func open(isObject: Bool) throws(JSONParseError) {
        guard frames.count < Self.maxDepth else {
            throw JSONParseError(message: "exceeded max depth", offset: pos)
        }
        pos += 1
        frames.append(Frame(isObject: isObject, valueStart: values.count, keyStart: keys.count))
    }

    /// Reads `"key"` and the `:` after it; `pos` is at the key's opening quote on entry.
    private mutating func parseKey() throws(JSONParseError) {
        guard base[pos] == UInt8(ascii: "\"") else { throw invalid("looking for beginning of object key string") }
        if duplicates != nil { keyOffsets.append(pos) }
        keys.append(try parseString())
        skipWhitespace()
        guard pos < end else { throw unexpectedEnd() }
        guard base[pos] == UInt8(ascii: ":") else { throw invalid("after object key") }
        pos += 1
    }

    private mutating func closeArray() -> JSONValue {
        let frame = frames.removeLast()
        let count = values.count - frame.valueStart
        // Move the members out instead of copying them: saves a retain and release for each.
        let array = values.withUnsafeMutableBufferPointer { stack in
            let members = stack.baseAddress! + frame.valueStart
            return [JSONValue](unsafeUninitializedCapacity: count) { buffer, initialized in
                buffer.baseAddress!.moveInitialize(from: members, count: count)
                members.initialize(repeating: .null, count: count)
                initialized = count
            }
        }
        values.removeSubrange(frame.valueStart...)
        return .array(array)
    }

    private mutating func closeObject() -> JSONValue {
        let frame = frames.last!
        let count = values.count - frame.valueStart
        var object = [String: JSONValue](minimumCapacity: count)
        let tracking = duplicates != nil
        var repeated: [(index: Int, key: String)] = []
        // Move keys and values out of the stacks (leaving cheap placeholders) rather than copy.
        values.withUnsafeMutableBufferPointer { values in
            keys.withUnsafeMutableBufferPointer { keys in
                for i in 0..<count {
                    let key = (keys.baseAddress! + frame.keyStart + i).move()
                    (keys.baseAddress! + frame.keyStart + i).initialize(to: "")
                    let value = (values.baseAddress! + frame.valueStart + i).move()
                    (values.baseAddress! + frame.valueStart + i).initialize(to: .null)
                    if object.updateValue(value, forKey: key) != nil, tracking { repeated.append((i, key)) }
                }
            }
        }
        for (i, key) in repeated {
            duplicates!.append((keyOffsets[frame.keyStart + i], path(ofKey: key)))
        }
        frames.removeLast()
        values.removeSubrange(frame.valueStart...)
        keys.removeSubrange(frame.keyStart...)
        if duplicates != nil { keyOffsets.removeSubrange(frame.keyStart...) }
        return .object(object)
    }

    /// The field path of `key` in the innermost open object, in upstream's strict-decoding form
    /// (`metadata.name`, `spec.containers[0].name`).
    private func path(ofKey key: String) -> String {
        var path = ""
        for i in frames.indices.dropFirst() {
            let parent = frames[i - 1], child = frames[i]
            if parent.isObject {
                if !path.isEmpty { path += "." }
                path += keys[child.keyStart - 1]
            } else {
                path += "[\(child.valueStart - parent.valueStart)]"
            }
        }
        return path.isEmpty ? key : path + "." + key
    }

    // MARK: - Scalars

    @inline(__always)
    private mutating func skipWhitespace() {
        while pos < end {
            switch base[pos] {
            case 0x20, 0x0A, 0x0D, 0x09: pos += 1
            default: return
            }
        }
    }

    private mutating func expectLiteral(_ literal: StaticString) throws(JSONParseError) {
        let bytes = UnsafeBufferPointer(start: literal.utf8Start, count: literal.utf8CodeUnitCount)
        // The first byte already matched; compare the rest one by one for Go's exact message.
        for i in 1..<bytes.count {
            let at = pos + i
            guard at < end else { throw JSONParseError(message: "unexpected end of JSON input", offset: end) }
            if base[at] != bytes[i] {
                pos = at
                throw invalid("in literal \(literal) (expecting \(JSONParseError.quote(bytes[i])))")
            }
        }
        pos += bytes.count
    }

    private mutating func parseString() throws(JSONParseError) -> String {
        pos += 1
        let start = pos
        // Most strings have no escapes: decode them straight from the input.
        while pos < end {
            let c = base[pos]
            if c == UInt8(ascii: "\"") {
                let s = String(decoding: UnsafeBufferPointer(start: base + start, count: pos - start), as: UTF8.self)
                pos += 1
                return s
            }
            if c == UInt8(ascii: "\\") { break }
            if c < 0x20 { throw invalid("in string literal") }
            pos += 1
        }
        guard pos < end else { throw unexpectedEnd() }
        scratch.removeAll(keepingCapacity: true)
        scratch.append(contentsOf: UnsafeBufferPointer(start: base + start, count: pos - start))
        while pos < end {
            let c = base[pos]
            switch c {
            case UInt8(ascii: "\""):
                pos += 1
                return String(decoding: scratch, as: UTF8.self)
            case UInt8(ascii: "\\"):
                try parseEscape()
            case 0..<0x20:
                throw invalid("in string literal")
            default:
                scratch.append(c)
                pos += 1
            }
        }
        throw unexpectedEnd()
    }

    /// Decodes one escape into `scratch`; `pos` is at the backslash.
    private mutating func parseEscape() throws(JSONParseError) {
        pos += 1
        guard pos < end else { throw unexpectedEnd() }
        let c = base[pos]
        pos += 1
        switch c {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): scratch.append(c)
        case UInt8(ascii: "b"): scratch.append(0x08)
        case UInt8(ascii: "f"): scratch.append(0x0C)
        case UInt8(ascii: "n"): scratch.append(0x0A)
        case UInt8(ascii: "r"): scratch.append(0x0D)
        case UInt8(ascii: "t"): scratch.append(0x09)
        case UInt8(ascii: "u"):
            var scalar = try parseHex4()
            if (0xD800..<0xDC00).contains(scalar) {
                // A high surrogate pairs only with an immediately following \u low surrogate.
                // Otherwise it becomes U+FFFD and whatever follows is decoded on its own, as Go does.
                if pos + 1 < end, base[pos] == UInt8(ascii: "\\"), base[pos + 1] == UInt8(ascii: "u") {
                    let save = pos
                    pos += 2
                    let low = try parseHex4()
                    if (0xDC00..<0xE000).contains(low) {
                        scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                    } else {
                        pos = save
                        scalar = 0xFFFD
                    }
                } else {
                    scalar = 0xFFFD
                }
            } else if (0xDC00..<0xE000).contains(scalar) {
                scalar = 0xFFFD
            }
            appendUTF8(scalar)
        default:
            pos -= 1
            throw invalid("in string escape code")
        }
    }

    private mutating func parseHex4() throws(JSONParseError) -> UInt32 {
        var result: UInt32 = 0
        for _ in 0..<4 {
            guard pos < end else { throw unexpectedEnd() }
            let c = base[pos]
            let digit: UInt8
            switch c {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = c - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = c - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = c - UInt8(ascii: "A") + 10
            default: throw invalid("in \\u hexadecimal character escape")
            }
            result = result << 4 | UInt32(digit)
            pos += 1
        }
        return result
    }

    private mutating func appendUTF8(_ scalar: UInt32) {
        switch scalar {
        case 0..<0x80:
            scratch.append(UInt8(scalar))
        case 0x80..<0x800:
            scratch.append(UInt8(0xC0 | scalar >> 6))
            scratch.append(UInt8(0x80 | scalar & 0x3F))
        case 0x800..<0x10000:
            scratch.append(UInt8(0xE0 | scalar >> 12))
            scratch.append(UInt8(0x80 | scalar >> 6 & 0x3F))
            scratch.append(UInt8(0x80 | scalar & 0x3F))
        default:
            scratch.append(UInt8(0xF0 | scalar >> 18))
            scratch.append(UInt8(0x80 | scalar >> 12 & 0x3F))
            scratch.append(UInt8(0x80 | scalar >> 6 & 0x3F))
            scratch.append(UInt8(0x80 | scalar & 0x3F))
        }
    }

    /// Integers that fit Int64 become `.int` (`-0` included, as 0); anything with a fraction,
    /// an exponent or more magnitude than Int64 becomes `.double`.
    private mutating func parseNumber() throws(JSONParseError) -> JSONValue {
        let start = pos
        let negative = base[pos] == UInt8(ascii: "-")
        if negative {
            pos += 1
            guard pos < end else { throw unexpectedEnd() }
        }
        // Up to 19 significant digits are accumulated exactly; beyond that only the count matters.
        var mantissa: UInt64 = 0
        var digits = 0
        var exponent = 0
        let first = base[pos]
        if first == UInt8(ascii: "0") {
            pos += 1
        } else if first >= UInt8(ascii: "1") && first <= UInt8(ascii: "9") {
            while pos < end, case let d = base[pos] &- UInt8(ascii: "0"), d < 10 {
                if digits < 19 { mantissa = mantissa &* 10 &+ UInt64(d) } else { exponent += 1 }
                digits += 1
                pos += 1
            }
        } else {
            throw invalid("in numeric literal")
        }
        var integral = true
        if pos < end, base[pos] == UInt8(ascii: ".") {
            integral = false
            pos += 1
            guard pos < end else { throw unexpectedEnd() }
            guard base[pos] &- UInt8(ascii: "0") < 10 else { throw invalid("after decimal point in numeric literal") }
            while pos < end, case let d = base[pos] &- UInt8(ascii: "0"), d < 10 {
                if digits < 19 {
                    mantissa = mantissa &* 10 &+ UInt64(d)
                    exponent -= 1
                    if mantissa != 0 { digits += 1 }
                }
                pos += 1
            }
        }
        if pos < end, base[pos] | 0x20 == UInt8(ascii: "e") {
            integral = false
            pos += 1
            guard pos < end else { throw unexpectedEnd() }
            var negativeExponent = false
            if base[pos] == UInt8(ascii: "+") || base[pos] == UInt8(ascii: "-") {
                negativeExponent = base[pos] == UInt8(ascii: "-")
                pos += 1
                guard pos < end else { throw unexpectedEnd() }
            }
            guard base[pos] &- UInt8(ascii: "0") < 10 else { throw invalid("in exponent of numeric literal") }
            var e = 0
            while pos < end, case let d = base[pos] &- UInt8(ascii: "0"), d < 10 {
                if e < 100_000 { e = e * 10 + Int(d) }
                pos += 1
            }
            exponent += negativeExponent ? -e : e
        }

        if integral && digits <= 19 {
            if negative {
                if mantissa <= UInt64(Int64.max) { return .int(-Int64(mantissa)) }
                if mantissa == UInt64(Int64.max) + 1 { return .int(.min) }
            } else if mantissa <= UInt64(Int64.max) {
                return .int(Int64(mantissa))
            }
        }
        // Exact when both the mantissa and the power of ten are exactly representable (Clinger).
        if digits <= 19, mantissa < 1 << 53, exponent >= -22, exponent <= 22 {
            var d = Double(mantissa)
            d = exponent < 0 ? d / Self.powersOfTen[-exponent] : d * Self.powersOfTen[exponent]
            return .double(negative ? -d : d)
        }
        let text = String(decoding: UnsafeBufferPointer(start: base + start, count: pos - start), as: UTF8.self)
        guard let d = Double(text), d.isFinite else {
            throw JSONParseError(message: "json: cannot unmarshal number \(text) into Go value of type float64", offset: start)
        }
        return .double(d)
    }

    private static let powersOfTen: [Double] = (0...22).map { (0..<$0).reduce(1.0) { acc, _ in acc * 10 } }

    // MARK: - Errors

    private func unexpectedEnd() -> JSONParseError {
        JSONParseError(message: "unexpected end of JSON input", offset: end)
    }

    /// `invalid character 'c' <context>` for the byte at `pos`.
    func invalid(_ context: String) -> JSONParseError {
        JSONParseError(message: "invalid character \(JSONParseError.quote(base[pos])) \(context)", offset: pos)
    }
}
