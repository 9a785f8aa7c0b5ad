/// Protocol-buffer wire encoding, just enough for the gnostic `openapi.v2` messages.
///
/// The messages are proto3, so scalar fields at their zero value are left out (a decoder reads
/// them back as zero anyway), while message fields are written whenever the source had them,
/// even empty: presence of a message is meaningful there (kube-openapi treats a schema with an
/// empty `properties` differently from one with none).
struct OpenAPIV2ProtobufWriter {
    enum WireType: UInt8 {
        case varint = 0
        case fixed64 = 1
        case lengthDelimited = 2
    }

    private(set) var bytes: [UInt8] = []

    mutating func varint(_ value: UInt64) {
        var v = value
        while v >= 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: v) | 0x80)
            v >>= 7
        }
        bytes.append(UInt8(v))
    }

    mutating func tag(_ field: Int, _ wire: WireType) {
        varint(UInt64(field) << 3 | UInt64(wire.rawValue))
    }

    /// A string field; `nil` and empty strings are the proto3 default and are skipped.
    mutating func string(_ field: Int, _ value: String?) {
        guard let value, !value.isEmpty else { return }
        lengthDelimited(field, Array(value.utf8))
    }

    /// A repeated string field: one entry per element, empty strings included (they count).
    mutating func strings(_ field: Int, _ values: [String]) {
        for v in values { lengthDelimited(field, Array(v.utf8)) }
    }

    /// A bool field. Members of a `oneof` must be written even when false, so that the
    /// decoder knows which alternative was chosen; pass `always` for those.
    mutating func bool(_ field: Int, _ value: Bool?, always: Bool = false) {
        guard let value, value || always else { return }
        tag(field, .varint)
        varint(value ? 1 : 0)
    }

    /// An int64 field (plain varint; negatives take ten bytes, as protobuf specifies).
    mutating func int64(_ field: Int, _ value: Int64?) {
        guard let value, value != 0 else { return }
        tag(field, .varint)
        varint(UInt64(bitPattern: value))
    }

    /// A double field: eight little-endian bytes.
    mutating func double(_ field: Int, _ value: Double?) {
        guard let value, value != 0 || value.sign == .minus else { return }
        tag(field, .fixed64)
        var bits = value.bitPattern
        for _ in 0..<8 {
            bytes.append(UInt8(truncatingIfNeeded: bits))
            bits >>= 8
        }
    }

    /// An embedded message, built by `body` and written with its length, even when empty.
    mutating func message(_ field: Int, _ body: (inout OpenAPIV2ProtobufWriter) -> Void) {
        var child = OpenAPIV2ProtobufWriter()
        body(&child)
        lengthDelimited(field, child.bytes)
    }

    private mutating func lengthDelimited(_ field: Int, _ payload: [UInt8]) {
        tag(field, .lengthDelimited)
        varint(UInt64(payload.count))
        bytes.append(contentsOf: payload)
    }
}
