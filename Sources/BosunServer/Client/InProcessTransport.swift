import KubeAPIServer
import KubeClient
import NIOHTTP1

/// Carries client requests straight into an in-process `APIServer`: no sockets and no TLS, but
/// the same request path (authentication by the given user, admission, validation, watch
/// caches) as a request over HTTPS. Components inside `bosun server` use it.
public struct InProcessTransport: KubeTransport {
    public let server: APIServer
    public let user: UserInfo

    public init(server: APIServer, user: UserInfo) {
        self.server = server
        self.user = user
    }

    public func send(_ request: ClientRequest) async throws -> ClientResponse {
        let response = await server.respond(to: apiRequest(request))
        switch response.body {
        case .bytes(let bytes):
            return ClientResponse(status: Int(response.status.code), headers: headers(response), body: bytes)
        case .stream(let chunks):
            var body: [UInt8] = []
            for await chunk in chunks { body += chunk }
            return ClientResponse(status: Int(response.status.code), headers: headers(response), body: body)
        }
    }

    public func stream(_ request: ClientRequest) async throws -> ClientStreamResponse {
        let response = await server.respond(to: apiRequest(request))
        switch response.body {
        case .bytes(let bytes):
            let (stream, continuation) = AsyncThrowingStream<[UInt8], any Error>.makeStream()
            continuation.yield(bytes)
            continuation.finish()
            return ClientStreamResponse(status: Int(response.status.code), headers: headers(response), body: stream)
        case .stream(let chunks):
            let (stream, continuation) = AsyncThrowingStream<[UInt8], any Error>.makeStream()
            // The pump ends when the server's stream does, or when the reader goes away.
            let pump = Task {
                for await chunk in chunks {
                    if case .terminated = continuation.yield(chunk) { break }
                }
                continuation.finish()
            }
            continuation.onTermination = { _ in pump.cancel() }
            return ClientStreamResponse(status: Int(response.status.code), headers: headers(response), body: stream)
        }
    }

    private func apiRequest(_ r: ClientRequest) -> APIRequest {
        var h = HTTPHeaders()
        for (k, v) in r.headers { h.add(name: k, value: v) }
        return APIRequest(method: HTTPMethod(rawValue: r.method), uri: r.path, headers: h, body: r.body, user: user)
    }

    private func headers(_ r: APIResponse) -> [(String, String)] {
        r.headers.map { ($0.name, $0.value) }
    }
}
