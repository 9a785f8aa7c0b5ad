import BosunServer
import KubeAPIServer
import KubeClient
import Synchronization

/// BosunServer's `InProcessTransport` with a log of requests by method and path, so tests can
/// assert how many writes a controller made.
final class TestInProcessTransport: KubeTransport {
    let server: APIServer
    let user: UserInfo
    private let inner: InProcessTransport
    private let log = Mutex<[(method: String, path: String)]>([])

    init(server: APIServer, user: UserInfo) {
        self.server = server
        self.user = user
        self.inner = InProcessTransport(server: server, user: user)
    }

    /// Requests with this method whose path (query stripped) satisfies `matching`.
    func count(_ method: String, where matching: (String) -> Bool) -> Int {
        log.withLock { $0.filter { $0.method == method && matching($0.path) }.count }
    }

    func send(_ request: ClientRequest) async throws -> ClientResponse {
        let path = request.path.split(separator: "?", maxSplits: 1).first.map(String.init) ?? request.path
        log.withLock { $0.append((request.method, path)) }
        return try await inner.send(request)
    }

    func stream(_ request: ClientRequest) async throws -> ClientStreamResponse {
        try await inner.stream(request)
    }
}
