/// Checks standard padded base64 (Go's `base64.StdEncoding`, used for `[]byte` fields such as
/// Secret data) without decoding it. Line breaks are ignored, as Go's decoder ignores them.
enum Base64Check {
    /// The offset Go would report in `illegal base64 data at input byte N`, or nil when valid.
    static func firstIllegalByte(_ text: String) -> Int? {
        var count = 0          // significant characters seen
        var padding = 0
        for (offset, byte) in text.utf8.enumerated() {
            switch byte {
            case UInt8(ascii: "\r"), UInt8(ascii: "\n"):
                continue
            case UInt8(ascii: "="):
                // Padding may only close the final quantum, at its third or fourth position.
                if count % 4 < 2 { return offset }
                padding += 1
                count += 1
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                 UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "+"), UInt8(ascii: "/"):
                if padding > 0 { return offset }
                count += 1
            default:
                return offset
            }
        }
        // A truncated final quantum: Go reports the offset where the missing bytes should start.
        if count % 4 != 0 { return text.utf8.count - count % 4 }
        return nil
    }
}
