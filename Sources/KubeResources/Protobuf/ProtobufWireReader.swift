/// A cursor over protobuf wire-format bytes: tags, varints, fixed-width and length-delimited
/// values, and skipping of fields a table does not know.
///
/// Every read checks bounds and throws `malformed` rather than trapping, because the bytes come
/// straight from a request body.
struct ProtobufWireReader {
    enum WireType: UInt8 {
        case varint = 0
        case fixed64 = 1
        case lengthDelimited = 2
        case startGroup = 3
        case endGroup = 4
        case fixed32 = 5
    }

    private let bytes: ArraySlice<UInt8>
    private var position: Int

    init(_ bytes: ArraySlice<UInt8>) {
        self.bytes = bytes
        self.position = bytes.startIndex
    }

    var isAtEnd: Bool { position >= bytes.endIndex }

    /// The next field's number and wire type, or nil at the end of the message.
    mutating func nextTag() throws(ProtobufDecodeError) -> (number: Int, wireType: WireType)? {
        guard !isAtEnd else { return nil }
        let key = try readVarint()
        let number = key >> 3
        guard number > 0, number <= 536_870_911, let wireType = WireType(rawValue: UInt8(key & 7)) else {
            throw Self.malformed("invalid field key \(key)")
        }
        return (Int(number), wireType)
    }

    mutating func readVarint() throws(ProtobufDecodeError) -> UInt64 {
        var result: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            guard position < bytes.endIndex else { throw Self.malformed("truncated varint") }
            guard shift < 64 else { throw Self.malformed("varint longer than 10 bytes") }
            let byte = bytes[position]
            position += 1
            result |= UInt64(byte & 0x7F) << shift
            if byte < 0x80 { return result }
            shift += 7
        }
    }

    mutating func readFixed64() throws(ProtobufDecodeError) -> UInt64 {
        guard bytes.endIndex - position >= 8 else { throw Self.malformed("truncated fixed64") }
        var value: UInt64 = 0
        for k in 0..<8 { value |= UInt64(bytes[position + k]) << (8 * UInt64(k)) }
        position += 8
        return value
    }

    mutating func readFixed32() throws(ProtobufDecodeError) -> UInt32 {
        guard bytes.endIndex - position >= 4 else { throw Self.malformed("truncated fixed32") }
        var value: UInt32 = 0
        for k in 0..<4 { value |= UInt32(bytes[position + k]) << (8 * UInt32(k)) }
        position += 4
        return value
    }

    mutating func readLengthDelimited() throws(ProtobufDecodeError) -> ArraySlice<UInt8> {
        let length = try readVarint()
        guard length <= UInt64(bytes.endIndex - position) else {
            throw Self.malformed("length-delimited field runs past the end of its message")
        }
        let start = position
        position += Int(length)
        return bytes[start..<position]
    }

    /// Skips one value of an unknown field: protobuf's forward compatibility.
    mutating func skip(_ wireType: WireType) throws(ProtobufDecodeError) {
        switch wireType {
        case .varint: _ = try readVarint()
        case .fixed64: _ = try readFixed64()
        case .fixed32: _ = try readFixed32()
        case .lengthDelimited: _ = try readLengthDelimited()
        case .startGroup, .endGroup:
            // Kubernetes messages never use proto2 groups; treating them as garbage is safer
            // than following nesting an attacker controls.
            throw Self.malformed("groups are not supported")
        }
    }

    static func malformed(_ detail: String) -> ProtobufDecodeError {
        ProtobufDecodeError(.malformed, "unable to decode protobuf body: \(detail)")
    }
}
