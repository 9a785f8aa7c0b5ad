#if canImport(Glibc)
// Links libm, which Double's rounding (used by JSONValue.intValue) needs on Linux. The module
// imports no Foundation, so nothing else would pull libm in.
internal import Glibc
#endif

/// A syntax error in JSON text, worded like Go's encoding/json so that it can go into a 400
/// Status message unchanged (`invalid character '}' after object key`).
///
/// `offset` is the 0-based byte index of the offending byte, or the input length when the
/// input ended early. (Go's `SyntaxError.Offset` counts the bytes read, which is one more for
/// an invalid character.)
public struct JSONParseError: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: String
    public var offset: Int
    public init(message: String, offset: Int) {
        self.message = message
        self.offset = offset
    }
    public var description: String { "\(message) at offset \(offset)" }
}

extension JSONValue {
    /// Parses one UTF-8 JSON document (RFC 8259). Whitespace may surround the value; anything
    /// else after it is an error. Integers that fit Int64 become `.int`, other numbers `.double`.
    /// Invalid UTF-8 and lone surrogate escapes become U+FFFD. Duplicate keys: the last wins.
    public static func parse<Bytes: Collection>(_ bytes: Bytes) throws(JSONParseError) -> JSONValue
    where Bytes.Element == UInt8 {
        try parse(bytes, duplicates: nil)
    }

    /// Parses like `parse(_:)`, and appends to `duplicateKeys` the path of every object key that
    /// repeats within its object, in document order and in upstream's strict field validation
    /// form (`metadata.name`, `spec.containers[0].name`), e.g. for `duplicate field "metadata.name"`.
    public static func parse<Bytes: Collection>(
        _ bytes: Bytes, duplicateKeys: inout [String]
    ) throws(JSONParseError) -> JSONValue where Bytes.Element == UInt8 {
        try withUnsafeMutablePointer(to: &duplicateKeys) { (keys) throws(JSONParseError) -> JSONValue in
            try parse(bytes, duplicates: keys)
        }
    }

    public static func parse(_ string: String) throws(JSONParseError) -> JSONValue {
        try parse(string.utf8)
    }

    private static func parse<Bytes: Collection>(
        _ bytes: Bytes, duplicates: UnsafeMutablePointer<[String]>?
    ) throws(JSONParseError) -> JSONValue where Bytes.Element == UInt8 {
        // The closure API cannot carry a typed error, so the outcome travels as a Result.
        let contiguous = bytes.withContiguousStorageIfAvailable { buffer in
            Result { () throws(JSONParseError) -> JSONValue in
                try JSONParser.parse(buffer, duplicateKeys: duplicates)
            }
        }
        if let contiguous { return try contiguous.get() }
        return try Array(bytes).withUnsafeBufferPointer { (buffer) throws(JSONParseError) -> JSONValue in
            try JSONParser.parse(buffer, duplicateKeys: duplicates)
        }
    }

    /// Compact JSON with object keys sorted byte-wise, as Go's encoding/json writes a map.
    public func serialized() -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(256)
        write(to: &out)
        return out
    }

    public func serializedString() -> String { String(decoding: serialized(), as: UTF8.self) }

    /// Appends compact JSON to `out`, so a caller can build a larger body in one buffer.
    public func write(to out: inout [UInt8]) {
        var serializer = JSONSerializer(into: out, indent: 0)
        out = []  // let the serializer own the only reference, so appends do not copy
        serializer.write(self)
        out = serializer.out
    }

    /// Indented JSON laid out like Go's `json.MarshalIndent(v, "", "  ")` (used for
    /// `?pretty=true`): one member per line, `"key": value`, `[]` and `{}` kept on one line,
    /// no trailing newline.
    public func serializedPretty(indent: Int = 2) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(512)
        writePretty(to: &out, indent: indent)
        return out
    }

    public func serializedPrettyString(indent: Int = 2) -> String {
        String(decoding: serializedPretty(indent: indent), as: UTF8.self)
    }

    public func writePretty(to out: inout [UInt8], indent: Int = 2) {
        var serializer = JSONSerializer(into: out, indent: max(indent, 1))
        out = []
        serializer.write(self)
        out = serializer.out
    }
}

extension JSONParseError {
    /// Quotes a byte the way Go's scanner does: the byte read as a Latin-1 character, printed
    /// if printable, otherwise escaped like Go's strconv.Quote (`'\n'`, `'\x01'`, `'\u0085'`).
    static func quote(_ c: UInt8) -> String {
        let hex = Array("0123456789abcdef".utf8)
        switch c {
        case UInt8(ascii: "'"): return "'\\''"
        case UInt8(ascii: "\\"): return "'\\\\'"
        case 0x07: return "'\\a'"
        case 0x08: return "'\\b'"
        case 0x0C: return "'\\f'"
        case 0x0A: return "'\\n'"
        case 0x0D: return "'\\r'"
        case 0x09: return "'\\t'"
        case 0x0B: return "'\\v'"
        case 0..<0x20, 0x7F:
            return "'\\x" + String(decoding: [hex[Int(c >> 4)], hex[Int(c & 0xF)]], as: UTF8.self) + "'"
        case 0x80...0xA0, 0xAD:
            return "'\\u00" + String(decoding: [hex[Int(c >> 4)], hex[Int(c & 0xF)]], as: UTF8.self) + "'"
        default:
            return "'" + String(Character(Unicode.Scalar(c))) + "'"
        }
    }
}
