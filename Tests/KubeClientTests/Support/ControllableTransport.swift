import KubeClient
import KubeMachinery
import Synchronization

/// Wraps a transport so a test can play the network: cut every open watch (as a server
/// timeout or a dropped connection would), hold new watches back while it changes things on
/// the server, answer the next watch with an `ERROR 410 Expired` event, and see which
/// requests the client made.
final class ControllableTransport: KubeTransport {
    private struct State {
        var holding = false
        var expireNextWatch = false
        var open: [Int: AsyncThrowingStream<[UInt8], any Error>.Continuation] = [:]
        var nextID = 0
        var requests: [String] = []
        var failures = 0
    }

    let base: any KubeTransport
    private let state = Mutex(State())

    init(wrapping base: any KubeTransport) { self.base = base }

    /// `METHOD path?query` of every request so far, in order.
    var requests: [String] { state.withLock { $0.requests } }

    /// How many watch streams are open now.
    var openWatches: Int { state.withLock { $0.open.count } }

    /// Ends every open watch stream normally.
    func cutWatches() {
        let open = state.withLock { s in
            defer { s.open = [:] }
            return Array(s.open.values)
        }
        for c in open { c.finish() }
    }

    /// New watch requests wait (cancellably) until `releaseWatches()`.
    func holdWatches() { state.withLock { $0.holding = true } }

    func releaseWatches() { state.withLock { $0.holding = false } }

    /// The next `n` requests fail with a transport error (as if the server were unreachable).
    func failNextRequests(_ n: Int) { state.withLock { $0.failures = n } }

    private func recordAndMaybeFail(_ request: ClientRequest) throws {
        let fail = state.withLock { s in
            s.requests.append("\(request.method) \(request.path)")
            defer { s.failures = max(0, s.failures - 1) }
            return s.failures > 0
        }
        if fail { throw TransportError("connection refused (injected)") }
    }

    /// The next watch gets a 200 stream whose only event is `ERROR` with a 410 Expired Status.
    func expireNextWatch() { state.withLock { $0.expireNextWatch = true } }

    func send(_ request: ClientRequest) async throws -> ClientResponse {
        try recordAndMaybeFail(request)
        return try await base.send(request)
    }

    func stream(_ request: ClientRequest) async throws -> ClientStreamResponse {
        try recordAndMaybeFail(request)
        while state.withLock({ $0.holding }) {
            try await Task.sleep(for: .milliseconds(2))
        }
        if state.withLock({ s in defer { s.expireNextWatch = false }; return s.expireNextWatch }) {
            let status: JSONValue = ["kind": "Status", "apiVersion": "v1", "status": "Failure", "code": 410, "reason": "Expired",
                                     "message": "too old resource version"]
            let frame: JSONValue = ["type": "ERROR", "object": status]
            let (body, c) = AsyncThrowingStream<[UInt8], any Error>.makeStream()
            c.yield(frame.serialized() + [0x0A])
            c.finish()
            return ClientStreamResponse(status: 200, body: body)
        }
        let response = try await base.stream(request)
        guard (200..<300).contains(response.status) else { return response }
        let (body, c) = AsyncThrowingStream<[UInt8], any Error>.makeStream()
        let id = state.withLock { s in
            defer { s.nextID += 1 }
            s.open[s.nextID] = c
            return s.nextID
        }
        let upstream = response.body
        let pump = Task {
            do {
                for try await chunk in upstream {
                    if case .terminated = c.yield(chunk) { break }
                }
                c.finish()
            } catch {
                c.finish(throwing: error)
            }
        }
        c.onTermination = { [weak self] _ in
            pump.cancel()
            _ = self?.state.withLock { $0.open.removeValue(forKey: id) }
        }
        return ClientStreamResponse(status: response.status, headers: response.headers, body: body)
    }
}
