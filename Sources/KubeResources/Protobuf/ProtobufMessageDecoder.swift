import KubeMachinery

/// Turns the bytes of one message into its JSON object by walking a `ProtobufMessageDescriptor`.
///
/// Unknown field numbers are skipped (newer clients may send fields Bosun does not know yet).
/// A field that appears twice keeps its last value, repeated fields accumulate (packed or not),
/// and map entries merge, as protobuf specifies.
enum ProtobufMessageDecoder {
    /// Deeper than any real Kubernetes object; bounds the recursion a hostile body can cause.
    static let maxDepth = 100

    static func decode(_ bytes: ArraySlice<UInt8>, as messageName: String, depth: Int) throws(ProtobufDecodeError) -> [String: JSONValue] {
        guard depth < maxDepth else { throw ProtobufWireReader.malformed("message nesting exceeds \(maxDepth) levels") }
        guard let descriptor = ProtobufMessageRegistry.messages[messageName] else {
            throw ProtobufWireReader.malformed("no table for message \(messageName)")
        }
        var reader = ProtobufWireReader(bytes)
        var object: [String: JSONValue] = [:]
        var lists: [Int: [JSONValue]] = [:]
        var maps: [Int: [String: JSONValue]] = [:]

        while let tag = try reader.nextTag() {
            guard let field = descriptor.fields[tag.number] else {
                try reader.skip(tag.wireType)
                continue
            }
            switch field.type {
            case .repeated(let element):
                if tag.wireType == .lengthDelimited, let scalar = element.packedWireType {
                    var packed = ProtobufWireReader(try reader.readLengthDelimited())
                    while !packed.isAtEnd {
                        if let v = try value(of: element, wireType: scalar, from: &packed, depth: depth) {
                            lists[field.number, default: []].append(v)
                        }
                    }
                } else if let v = try value(of: element, wireType: tag.wireType, from: &reader, depth: depth) {
                    lists[field.number, default: []].append(v)
                }
            case .map(let keyType, let valueType):
                try expect(.lengthDelimited, tag.wireType, field)
                let (key, v) = try mapEntry(try reader.readLengthDelimited(), keyType, valueType, depth: depth)
                maps[field.number, default: [:]][key] = v
            default:
                let v = try value(of: field.type, wireType: tag.wireType, from: &reader, depth: depth)
                if field.jsonName.isEmpty {
                    // An embedded Go struct: its members belong to this object.
                    for (k, member) in v?.objectValue ?? [:] { object[k] = member }
                } else if let v, !(field.emptiness == .omitEmpty && v.isEmptyForOmitEmpty) {
                    object[field.jsonName] = v
                } else {
                    object[field.jsonName] = nil
                }
            }
        }
        for (number, list) in lists where !list.isEmpty {
            if let field = descriptor.fields[number] { object[field.jsonName] = .array(list) }
        }
        for (number, entries) in maps where !entries.isEmpty {
            if let field = descriptor.fields[number] { object[field.jsonName] = .object(entries) }
        }
        return object
    }

    /// One value of a non-repeated type; nil for values whose JSON is `null` (zero times, empty
    /// raw extensions).
    private static func value(
        of type: ProtobufFieldType, wireType: ProtobufWireReader.WireType, from reader: inout ProtobufWireReader, depth: Int
    ) throws(ProtobufDecodeError) -> JSONValue? {
        let expected = type.packedWireType ?? .lengthDelimited
        guard wireType == expected else {
            throw ProtobufWireReader.malformed("wire type \(wireType.rawValue) where \(expected.rawValue) was expected")
        }
        switch type {
        case .bool: return .bool(try reader.readVarint() != 0)
        case .int32: return .int(Int64(Int32(truncatingIfNeeded: try reader.readVarint())))
        case .int64: return .int(Int64(bitPattern: try reader.readVarint()))
        case .uint32: return .int(Int64(UInt32(truncatingIfNeeded: try reader.readVarint())))
        case .uint64:
            let raw = try reader.readVarint()
            return raw <= UInt64(Int64.max) ? .int(Int64(raw)) : .double(Double(raw))
        case .sint32, .sint64:
            let raw = try reader.readVarint()
            return .int(Int64(bitPattern: raw >> 1) ^ -Int64(bitPattern: raw & 1))
        case .double: return .double(Double(bitPattern: try reader.readFixed64()))
        case .float: return .double(Double(Float(bitPattern: try reader.readFixed32())))
        case .string: return .string(String(decoding: try reader.readLengthDelimited(), as: UTF8.self))
        case .bytes: return .string(ProtobufWellKnownValues.base64(try reader.readLengthDelimited()))
        case .message(let name): return .object(try decode(try reader.readLengthDelimited(), as: name, depth: depth + 1))
        case .time: return try ProtobufWellKnownValues.timestamp(try reader.readLengthDelimited(), micro: false)
        case .microTime: return try ProtobufWellKnownValues.timestamp(try reader.readLengthDelimited(), micro: true)
        case .duration: return try ProtobufWellKnownValues.duration(try reader.readLengthDelimited())
        case .quantity: return try ProtobufWellKnownValues.quantity(try reader.readLengthDelimited())
        case .intOrString: return try ProtobufWellKnownValues.intOrString(try reader.readLengthDelimited())
        case .rawExtension:
            return try ProtobufWellKnownValues.embedded(try reader.readLengthDelimited(), allowProtobuf: true, depth: depth + 1)
        case .fieldsV1:
            return try ProtobufWellKnownValues.embedded(try reader.readLengthDelimited(), allowProtobuf: false, depth: depth + 1)
        case .repeated, .map:
            throw ProtobufWireReader.malformed("nested repeated field")
        }
    }

    /// A map entry message (`key = 1`, `value = 2`); a missing key or value is its zero value.
    private static func mapEntry(
        _ bytes: ArraySlice<UInt8>, _ keyType: ProtobufFieldType, _ valueType: ProtobufFieldType, depth: Int
    ) throws(ProtobufDecodeError) -> (String, JSONValue) {
        var reader = ProtobufWireReader(bytes)
        var key: JSONValue?
        var entryValue: JSONValue?
        while let tag = try reader.nextTag() {
            switch tag.number {
            case 1: key = try value(of: keyType, wireType: tag.wireType, from: &reader, depth: depth)
            case 2: entryValue = try value(of: valueType, wireType: tag.wireType, from: &reader, depth: depth)
            default: try reader.skip(tag.wireType)
            }
        }
        let keyText: String
        switch key {
        case .string(let s)?: keyText = s
        case .int(let i)?: keyText = String(i)
        case .bool(let b)?: keyText = String(b)
        default: keyText = ""
        }
        return (keyText, entryValue ?? valueType.zeroJSON)
    }

    private static func expect(
        _ wireType: ProtobufWireReader.WireType, _ actual: ProtobufWireReader.WireType, _ field: ProtobufField
    ) throws(ProtobufDecodeError) {
        guard wireType == actual else {
            throw ProtobufWireReader.malformed("field \(field.jsonName) has wire type \(actual.rawValue)")
        }
    }
}

extension ProtobufFieldType {
    /// The wire type of a scalar that may be packed in a repeated field; nil for length-delimited types.
    var packedWireType: ProtobufWireReader.WireType? {
        switch self {
        case .bool, .int32, .int64, .uint32, .uint64, .sint32, .sint64: return .varint
        case .double: return .fixed64
        case .float: return .fixed32
        default: return nil
        }
    }

    /// What Go's JSON writes for the zero value of a map's value type.
    var zeroJSON: JSONValue {
        switch self {
        case .string, .bytes: return ""
        case .bool: return false
        case .int32, .int64, .uint32, .uint64, .sint32, .sint64, .intOrString: return 0
        case .double, .float: return .double(0)
        case .quantity: return "0"
        case .duration: return "0s"
        case .message: return .object([:])
        case .repeated, .map, .time, .microTime, .rawExtension, .fieldsV1: return .null
        }
    }
}

extension JSONValue {
    /// Empty in the sense of Go's `omitempty`: "", 0, false, [] and {} (maps only reach here).
    var isEmptyForOmitEmpty: Bool {
        switch self {
        case .null: return true
        case .bool(let b): return !b
        case .int(let i): return i == 0
        case .double(let d): return d == 0
        case .string(let s): return s.isEmpty
        case .array(let a): return a.isEmpty
        case .object(let o): return o.isEmpty
        }
    }
}
