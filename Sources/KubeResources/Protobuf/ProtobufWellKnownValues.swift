import KubeMachinery

/// The JSON forms of the apimachinery types that serialize specially: `Time`, `MicroTime`,
/// `Duration`, `Quantity`, `IntOrString`, `RawExtension`, `FieldsV1`, and `[]byte`.
enum ProtobufWellKnownValues {
    /// `metav1.Time` / `MicroTime` (`seconds = 1`, `nanos = 2`). The zero instant is nil:
    /// Go writes `null` for it, which Bosun treats as absent.
    static func timestamp(_ bytes: ArraySlice<UInt8>, micro: Bool) throws(ProtobufDecodeError) -> JSONValue? {
        var reader = ProtobufWireReader(bytes)
        var seconds: Int64 = 0
        var nanos: Int64 = 0
        while let tag = try reader.nextTag() {
            switch (tag.number, tag.wireType) {
            case (1, .varint): seconds = Int64(bitPattern: try reader.readVarint())
            case (2, .varint): nanos = Int64(Int32(truncatingIfNeeded: try reader.readVarint()))
            default: try reader.skip(tag.wireType)
            }
        }
        if seconds == 0 && nanos == 0 { return nil }
        return .string(rfc3339(seconds: seconds, nanos: micro ? nanos : nil))
    }

    /// `2006-01-02T15:04:05Z`, or with `.000000` microseconds when `nanos` is given.
    static func rfc3339(seconds: Int64, nanos: Int64?) -> String {
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let secondOfDay = seconds - days * 86_400
        let (year, month, day) = civilDate(daysSinceEpoch: days)
        var text = pad(year, 4) + "-" + pad(month, 2) + "-" + pad(day, 2) + "T"
        text += pad(secondOfDay / 3600, 2) + ":" + pad(secondOfDay / 60 % 60, 2) + ":" + pad(secondOfDay % 60, 2)
        if let nanos { text += "." + pad(max(0, min(nanos, 999_999_999)) / 1000, 6) }
        return text + "Z"
    }

    /// Proleptic Gregorian date of a day count from 1970-01-01 (Hinnant's days-to-civil method).
    private static func civilDate(daysSinceEpoch: Int64) -> (Int64, Int64, Int64) {
        let z = daysSinceEpoch + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    private static func pad(_ value: Int64, _ width: Int) -> String {
        let digits = String(value)
        return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
    }

    /// `metav1.Duration` (`duration = 1`, nanoseconds) in Go's `time.Duration.String()` form.
    static func duration(_ bytes: ArraySlice<UInt8>) throws(ProtobufDecodeError) -> JSONValue {
        var reader = ProtobufWireReader(bytes)
        var nanoseconds: Int64 = 0
        while let tag = try reader.nextTag() {
            if tag.number == 1, tag.wireType == .varint {
                nanoseconds = Int64(bitPattern: try reader.readVarint())
            } else {
                try reader.skip(tag.wireType)
            }
        }
        return .string(goDuration(nanoseconds))
    }

    static func goDuration(_ nanoseconds: Int64) -> String {
        if nanoseconds == 0 { return "0s" }
        let sign = nanoseconds < 0 ? "-" : ""
        let magnitude = nanoseconds.magnitude
        if magnitude < 1_000 { return sign + "\(magnitude)ns" }
        if magnitude < 1_000_000 { return sign + decimal(magnitude, unit: 1_000, digits: 3) + "µs" }
        if magnitude < 1_000_000_000 { return sign + decimal(magnitude, unit: 1_000_000, digits: 6) + "ms" }
        let totalSeconds = magnitude / 1_000_000_000
        var text = "\(totalSeconds % 60)" + fraction(magnitude % 1_000_000_000, digits: 9) + "s"
        let totalMinutes = totalSeconds / 60
        if totalMinutes > 0 {
            text = "\(totalMinutes % 60)m" + text
            if totalMinutes >= 60 { text = "\(totalMinutes / 60)h" + text }
        }
        return sign + text
    }

    private static func decimal(_ value: UInt64, unit: UInt64, digits: Int) -> String {
        "\(value / unit)" + fraction(value % unit, digits: digits)
    }

    /// `.5` for 500000000 of 9 digits; empty for zero. Trailing zeros go, as in Go.
    private static func fraction(_ remainder: UInt64, digits: Int) -> String {
        guard remainder > 0 else { return "" }
        var text = String(remainder)
        text = String(repeating: "0", count: digits - text.count) + text
        while text.hasSuffix("0") { text.removeLast() }
        return "." + text
    }

    /// `resource.Quantity` (`string = 1`): the string as the client wrote it.
    static func quantity(_ bytes: ArraySlice<UInt8>) throws(ProtobufDecodeError) -> JSONValue {
        var reader = ProtobufWireReader(bytes)
        var text = "0"
        while let tag = try reader.nextTag() {
            if tag.number == 1, tag.wireType == .lengthDelimited {
                text = String(decoding: try reader.readLengthDelimited(), as: UTF8.self)
            } else {
                try reader.skip(tag.wireType)
            }
        }
        return .string(text)
    }

    /// `intstr.IntOrString` (`type = 1`, `intVal = 2`, `strVal = 3`): type 1 is the string form.
    static func intOrString(_ bytes: ArraySlice<UInt8>) throws(ProtobufDecodeError) -> JSONValue {
        var reader = ProtobufWireReader(bytes)
        var isString = false
        var intValue: Int64 = 0
        var stringValue = ""
        while let tag = try reader.nextTag() {
            switch (tag.number, tag.wireType) {
            case (1, .varint): isString = try reader.readVarint() == 1
            case (2, .varint): intValue = Int64(Int32(truncatingIfNeeded: try reader.readVarint()))
            case (3, .lengthDelimited): stringValue = String(decoding: try reader.readLengthDelimited(), as: UTF8.self)
            default: try reader.skip(tag.wireType)
            }
        }
        return isString ? .string(stringValue) : .int(intValue)
    }

    /// `runtime.RawExtension` (`raw = 1`) and `metav1.FieldsV1` (`Raw = 1`): embedded JSON, or for
    /// a raw extension a nested protobuf object. Nil when there are no bytes (Go writes `null`).
    static func embedded(_ bytes: ArraySlice<UInt8>, allowProtobuf: Bool, depth: Int) throws(ProtobufDecodeError) -> JSONValue? {
        var reader = ProtobufWireReader(bytes)
        var raw: ArraySlice<UInt8> = []
        while let tag = try reader.nextTag() {
            if tag.number == 1, tag.wireType == .lengthDelimited {
                raw = try reader.readLengthDelimited()
            } else {
                try reader.skip(tag.wireType)
            }
        }
        if raw.isEmpty { return nil }
        if allowProtobuf, raw.starts(with: KubeProtobuf.magic) {
            return try KubeProtobuf.decodeObject(raw, depth: depth)
        }
        do {
            return try JSONValue.parse(raw)
        } catch {
            throw ProtobufDecodeError(.invalidEmbeddedJSON, "unable to decode protobuf body: embedded object is not JSON: \(error.message)")
        }
    }

    private static let base64Alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)

    /// Standard padded base64, as Go's JSON writes `[]byte`.
    static func base64(_ bytes: ArraySlice<UInt8>) -> String {
        var out: [UInt8] = []
        out.reserveCapacity((bytes.count + 2) / 3 * 4)
        var index = bytes.startIndex
        while index < bytes.endIndex {
            let remaining = bytes.endIndex - index
            let b0 = UInt32(bytes[index])
            let b1 = remaining > 1 ? UInt32(bytes[index + 1]) : 0
            let b2 = remaining > 2 ? UInt32(bytes[index + 2]) : 0
            let group = b0 << 16 | b1 << 8 | b2
            out.append(base64Alphabet[Int(group >> 18 & 63)])
            out.append(base64Alphabet[Int(group >> 12 & 63)])
            out.append(remaining > 1 ? base64Alphabet[Int(group >> 6 & 63)] : UInt8(ascii: "="))
            out.append(remaining > 2 ? base64Alphabet[Int(group & 63)] : UInt8(ascii: "="))
            index += min(3, remaining)
        }
        return String(decoding: out, as: UTF8.self)
    }
}
