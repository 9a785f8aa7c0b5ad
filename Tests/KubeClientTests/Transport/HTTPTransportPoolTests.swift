import Testing

@testable import KubeClient

/// The pool's failure handling, against a plain-HTTP server that misbehaves on purpose.
@Suite struct HTTPTransportPoolTests {
    static func transport(_ server: ScriptedHTTPServer, maxConnections: Int = 4) throws -> HTTPTransport {
        try HTTPTransport(config: ClientConfig(server: "http://127.0.0.1:\(server.port)"), maxConnections: maxConnections)
    }

    @Test func aReusedConnectionClosedBeforeAnsweringIsRetriedOnceOnAFreshOne() async throws {
        let server = try await ScriptedHTTPServer(.closeReusedConnections)
        let transport = try Self.transport(server)
        let first = try await transport.send(ClientRequest(method: "GET", path: "/first"))
        let second = try await transport.send(ClientRequest(method: "GET", path: "/second"))
        #expect(first.status == 200)
        #expect(String(decoding: first.body, as: UTF8.self) == "/first")
        #expect(second.status == 200)
        #expect(String(decoding: second.body, as: UTF8.self) == "/second")
        // The second request went out on the reused connection, died, and was answered on a new one.
        #expect(server.connectionsAccepted == 2)
        #expect(server.requestsAnswered == 2)
        await transport.shutdown()
        await server.stop()
    }

    @Test func aFreshConnectionClosedBeforeAnsweringIsNotRetried() async throws {
        let server = try await ScriptedHTTPServer(.closeImmediately)
        let transport = try Self.transport(server)
        await #expect(throws: TransportError.self) {
            try await transport.send(ClientRequest(method: "POST", path: "/once", body: Array("{}".utf8)))
        }
        #expect(server.connectionsAccepted == 1)
        #expect(transport.connectionCounts.open == 0, "the broken connection was dropped")
        await transport.shutdown()
        await server.stop()
    }

    @Test func requestsBeyondMaxConnectionsWaitForAConnectionAndAllSucceed() async throws {
        let server = try await ScriptedHTTPServer(.echoPath)
        let transport = try Self.transport(server, maxConnections: 3)
        let bodies = try await withThrowingTaskGroup(of: String.self) { group in
            for i in 0..<40 {
                group.addTask { String(decoding: try await transport.send(ClientRequest(method: "GET", path: "/r\(i)")).body, as: UTF8.self) }
            }
            var all: Set<String> = []
            for try await b in group { all.insert(b) }
            return all
        }
        #expect(bodies == Set((0..<40).map { "/r\($0)" }))
        #expect(server.connectionsAccepted <= 3)
        #expect(transport.connectionCounts.open <= 3)
        await transport.shutdown()
        await server.stop()
    }

    @Test func aShutDownTransportRefusesRequests() async throws {
        let server = try await ScriptedHTTPServer(.echoPath)
        let transport = try Self.transport(server)
        _ = try await transport.send(ClientRequest(method: "GET", path: "/x"))
        await transport.shutdown()
        #expect(transport.connectionCounts.open == 0)
        await #expect(throws: TransportError.self) { try await transport.send(ClientRequest(method: "GET", path: "/y")) }
        await server.stop()
    }

    @Test func connectingToAClosedPortFailsWithATransportError() async throws {
        let server = try await ScriptedHTTPServer(.echoPath)
        let port = server.port
        await server.stop()
        let transport = try HTTPTransport(config: ClientConfig(server: "http://127.0.0.1:\(port)"))
        await #expect(throws: TransportError.self) { try await transport.send(ClientRequest(method: "GET", path: "/")) }
        #expect(transport.connectionCounts.open == 0, "the failed connection attempt gave its slot back")
    }

    @Test func aServerPathPrefixIsPrependedToEveryRequest() async throws {
        let server = try await ScriptedHTTPServer(.echoPath)
        let transport = try HTTPTransport(config: ClientConfig(server: "http://127.0.0.1:\(server.port)/proxy/k8s/"))
        let response = try await transport.send(ClientRequest(method: "GET", path: "/api/v1/pods?limit=1"))
        #expect(String(decoding: response.body, as: UTF8.self) == "/proxy/k8s/api/v1/pods?limit=1")
        await transport.shutdown()
        await server.stop()
    }

    @Test func aRequestTimeoutEndsAnUnansweredRequestAndDropsItsConnection() async throws {
        let server = try await ScriptedHTTPServer(.neverAnswer)
        let transport = try HTTPTransport(config: ClientConfig(server: "http://127.0.0.1:\(server.port)"),
                                          options: .init(requestTimeout: .milliseconds(200)))
        let started = ContinuousClock.now
        let error = await #expect(throws: TransportError.self) { try await transport.send(ClientRequest(method: "GET", path: "/slow")) }
        #expect(error?.message.contains("timed out") == true)
        #expect(ContinuousClock.now - started < .seconds(5))
        #expect(transport.connectionCounts.open == 0)
        await server.stop()
    }

    @Test func cancellingASendEndsItAndDropsItsConnection() async throws {
        let server = try await ScriptedHTTPServer(.neverAnswer)
        let transport = try Self.transport(server)
        let task = Task { try await transport.send(ClientRequest(method: "GET", path: "/forever")) }
        try await HTTPTransportBosunTests.pollUntil { server.connectionsAccepted == 1 }
        task.cancel()
        await #expect(throws: CancellationError.self) { try await task.value }
        #expect(transport.connectionCounts.open == 0)
        await server.stop()
    }
}
