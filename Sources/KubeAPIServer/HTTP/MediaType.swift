/// Small, allocation-light helpers for media types in headers (hot on every request).
enum MediaType {
    /// `application/json` of `application/json; charset=utf-8`: up to the first `;`, spaces trimmed.
    static func essence(_ contentType: String) -> String {
        let bytes = contentType.utf8
        let end = bytes.firstIndex(of: UInt8(ascii: ";")) ?? bytes.endIndex
        var lo = bytes.startIndex
        var hi = end
        while lo < hi, bytes[lo] == UInt8(ascii: " ") { lo = bytes.index(after: lo) }
        while hi > lo, bytes[bytes.index(before: hi)] == UInt8(ascii: " ") { hi = bytes.index(before: hi) }
        return String(Substring(bytes[lo..<hi]))
    }

    /// Whether `haystack` contains `needle`, comparing bytes (no Foundation, no Unicode work).
    static func contains(_ haystack: String, _ needle: StaticString) -> Bool {
        let h = Array(haystack.utf8)
        let n = needle.withUTF8Buffer { Array($0) }
        guard n.count <= h.count, let first = n.first else { return n.isEmpty }
        var i = 0
        while i + n.count <= h.count {
            if h[i] == first {
                var j = 1
                while j < n.count, h[i + j] == n[j] { j += 1 }
                if j == n.count { return true }
            }
            i += 1
        }
        return false
    }
}
