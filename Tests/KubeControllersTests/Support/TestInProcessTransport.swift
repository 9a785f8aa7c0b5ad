import KubeAPIServer
import KubeClient
import NIOHTTP1
import Synchronization

/// Carries client requests straight into an in-process `APIServer` (a copy of BosunServer's
/// `InProcessTransport`, so these tests need not build BosunServer), and counts requests by
/// method and path so tests can assert how many writes a controller made.
final class TestInProcessTransport: KubeTransport {
    let server: APIServer
    let user: UserInfo
    private let log = Mutex<[(method: String, path: String)]>([])

    init(server: APIServer, user: UserInfo) {
        self.server = server
        self.user = user
    }

    /// Requests with this method whose path (query stripped) satisfies `matching`.
    func count(_ method: String, where matching: (String) -> Bool) -> Int {
        log.withLock { $0.filter { $0.method == method && matching($0.path) }.count }
    }

    func send(_ request: ClientRequest) async throws -> ClientResponse {
        record(request)
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

    func stream(_ request: ClientRequest) async throws -> ClientStreamResponse {
        let response = await server.respond(to: apiRequest(request))
        switch response.body {
        case .bytes(let bytes):
            let (stream, continuation) = AsyncThrowingStream<[UInt8], any Error>.makeStream()
            continuation.yield(bytes)
            continuation.finish()
            return ClientStreamResponse(status: Int(response.status.code), headers: headers(response), body: stream)
        case .stream(let chunks):
            let (stream, continuation) = AsyncThrowingStream<[UInt8], any Error>.makeStream()
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

    private func record(_ r: ClientRequest) {
        let path = r.path.split(separator: "?", maxSplits: 1).first.map(String.init) ?? r.path
        log.withLock { $0.append((r.method, path)) }
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
