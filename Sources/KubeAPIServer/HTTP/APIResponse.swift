import KubeMachinery
import NIOCore
import NIOHTTP1

/// A response: a whole body, or a stream of chunks (watch) that ends when the stream does.
public struct APIResponse: Sendable {
    public enum Body: Sendable {
        case bytes([UInt8])
        /// Chunks pulled one at a time as the connection drains, so a slow client slows its own
        /// producer (and a watch's cache buffer, which then drops it) instead of growing memory.
        case stream(any AsyncSequence<[UInt8], Never> & Sendable)
    }

    public var status: HTTPResponseStatus
    public var headers: HTTPHeaders
    public var body: Body

    public init(status: HTTPResponseStatus = .ok, headers: HTTPHeaders = HTTPHeaders(), body: Body) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    /// A JSON body already encoded.
    public static func json(_ bytes: [UInt8], status: HTTPResponseStatus = .ok, headers: HTTPHeaders = HTTPHeaders()) -> APIResponse {
        var h = headers
        if !h.contains(name: "Content-Type") { h.add(name: "Content-Type", value: "application/json") }
        return APIResponse(status: status, headers: h, body: .bytes(bytes))
    }

    public static func json(_ value: JSONValue, status: HTTPResponseStatus = .ok, headers: HTTPHeaders = HTTPHeaders()) -> APIResponse {
        json(value.serialized(), status: status, headers: headers)
    }

    public static func text(_ s: String, status: HTTPResponseStatus = .ok) -> APIResponse {
        var h = HTTPHeaders()
        h.add(name: "Content-Type", value: "text/plain; charset=utf-8")
        return APIResponse(status: status, headers: h, body: .bytes(Array(s.utf8)))
    }

    /// The upstream `Status` body for an error.
    public static func error(_ e: APIError) -> APIResponse {
        var h = HTTPHeaders()
        for (n, v) in e.headers { h.add(name: n, value: v) }
        if let r = e.details?.retryAfterSeconds { h.replaceOrAdd(name: "Retry-After", value: String(r)) }
        return json(e.statusObject, status: HTTPResponseStatus(statusCode: e.code), headers: h)
    }
}
