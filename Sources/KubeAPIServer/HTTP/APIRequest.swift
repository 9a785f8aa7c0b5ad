import NIOCore
import NIOHTTP1

/// Who made a request, as established by authentication.
public struct UserInfo: Sendable, Hashable {
    public var name: String
    public var groups: [String]
    public init(name: String, groups: [String]) {
        self.name = name
        self.groups = groups
    }
}

/// One HTTP request with its whole body, independent of HTTP/1.1 or HTTP/2.
public struct APIRequest: Sendable {
    public var method: HTTPMethod
    public var uri: String
    public var path: String
    public var query: QueryParameters
    public var headers: HTTPHeaders
    public var body: [UInt8]
    /// The authenticated user, or nil when no credential was presented or accepted.
    public var user: UserInfo?

    public init(method: HTTPMethod, uri: String, headers: HTTPHeaders, body: [UInt8], user: UserInfo?) {
        self.method = method
        self.uri = uri
        self.headers = headers
        self.body = body
        self.user = user
        let utf8 = uri.utf8
        if let q = utf8.firstIndex(of: UInt8(ascii: "?")) {
            self.path = String(Substring(utf8[..<q]))
            self.query = QueryParameters(String(Substring(utf8[utf8.index(after: q)...])))
        } else {
            self.path = uri
            self.query = QueryParameters("")
        }
    }
}

/// Decoded URL query parameters (`?a=1&b=x%20y`).
public struct QueryParameters: Sendable {
    private var values: [String: [String]] = [:]

    public init(_ raw: String) {
        for pair in raw.split(separator: "&", omittingEmptySubsequences: true) {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let key = QueryParameters.decode(parts[0])
            let value = parts.count > 1 ? QueryParameters.decode(parts[1]) : ""
            values[key, default: []].append(value)
        }
    }

    public subscript(_ name: String) -> String? { values[name]?.first }
    public func all(_ name: String) -> [String] { values[name] ?? [] }
    public func has(_ name: String) -> Bool { values[name] != nil }

    /// A boolean parameter as upstream parses it (`true`, `1`, or present with no value).
    public func bool(_ name: String) -> Bool {
        guard let v = values[name]?.first else { return false }
        return v == "" || v == "true" || v == "1" || v == "True"
    }

    static func decode<S: StringProtocol>(_ s: S) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(s.utf8.count)
        var it = s.utf8.makeIterator()
        while let b = it.next() {
            switch b {
            case UInt8(ascii: "+"): bytes.append(UInt8(ascii: " "))
            case UInt8(ascii: "%"):
                if let h = it.next(), let l = it.next(), let hv = hexValue(h), let lv = hexValue(l) {
                    bytes.append(hv << 4 | lv)
                }
            default: bytes.append(b)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    private static func hexValue(_ c: UInt8) -> UInt8? {
        switch c {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return c - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return c - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return c - UInt8(ascii: "A") + 10
        default: return nil
        }
    }
}
