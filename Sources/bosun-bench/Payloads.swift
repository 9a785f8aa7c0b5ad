/// Values written by the benchmarks: about the size of a small ConfigMap as the API server
/// stores it (~300 bytes), so store and API figures describe the same work.
enum Payloads {
    static let storeValue: [UInt8] = {
        let filler = String(repeating: "x", count: 160)
        return Array("""
            {"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"bench","namespace":"default","uid":"6c1f6b8e-0000-4000-8000-000000000000","creationTimestamp":"2026-01-01T00:00:00Z"},"data":{"k":"\(filler)"}}
            """.utf8)
    }()

    /// A ConfigMap create or update body. `revisionTag` makes each update a real change (an
    /// identical PUT is a no-op that never reaches the store).
    static func configMap(name: String, revisionTag: Int = 0) -> [UInt8] {
        Array("""
            {"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"\(name)","labels":{"app":"bench"}},"data":{"k":"\(filler)","tag":"\(revisionTag)"}}
            """.utf8)
    }

    private static let filler = String(repeating: "y", count: 120)
}

/// Finds `"resourceVersion":"<digits>"` in encoded JSON without decoding it, so the watch lag
/// benchmark's receivers spend their time receiving, not parsing.
enum ResourceVersionScanner {
    private static let needle = Array("\"resourceVersion\":\"".utf8)

    static func scan(_ bytes: [UInt8]) -> Int64? {
        let n = needle.count
        guard bytes.count > n else { return nil }
        var i = 0
        let last = bytes.count - n
        while i <= last {
            if bytes[i] == needle[0] {
                var j = 1
                while j < n && bytes[i + j] == needle[j] { j += 1 }
                if j == n {
                    var k = i + n
                    var value: Int64 = 0
                    var digits = 0
                    while k < bytes.count, bytes[k] >= 48, bytes[k] <= 57 {
                        value = value * 10 + Int64(bytes[k] - 48)
                        k += 1
                        digits += 1
                    }
                    return digits > 0 ? value : nil
                }
            }
            i += 1
        }
        return nil
    }
}
