/// One HTTP exchange with an API server, as the client layer sees it. Transports carry it over
/// HTTPS (another process or machine) or hand it straight to an in-process API server; the
/// API's semantics are the same either way.
public struct ClientRequest: Sendable {
    public var method: String
    /// Path and query, e.g. `/api/v1/namespaces/default/pods?watch=true&resourceVersion=10`.
    public var path: String
    public var headers: [(String, String)]
    public var body: [UInt8]

    public init(method: String, path: String, headers: [(String, String)] = [], body: [UInt8] = []) {
        self.method = method
        self.path = path
        self.headers = headers
        self.body = body
    }

    public func header(_ name: String) -> String? {
        headers.first { $0.0.lowercased() == name.lowercased() }?.1
    }
}

/// A whole response.
public struct ClientResponse: Sendable {
    public var status: Int
    public var headers: [(String, String)]
    public var body: [UInt8]

    public init(status: Int, headers: [(String, String)] = [], body: [UInt8]) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    public func header(_ name: String) -> String? {
        headers.first { $0.0.lowercased() == name.lowercased() }?.1
    }
}

/// A response whose body arrives in chunks (watch streams). Chunk boundaries are arbitrary:
/// readers must not assume one chunk is one JSON document. Ending the iteration (or cancelling
/// the task that iterates) closes the underlying stream.
public struct ClientStreamResponse: Sendable {
    public var status: Int
    public var headers: [(String, String)]
    public var body: AsyncThrowingStream<[UInt8], any Error>

    public init(status: Int, headers: [(String, String)] = [], body: AsyncThrowingStream<[UInt8], any Error>) {
        self.status = status
        self.headers = headers
        self.body = body
    }
}

/// Carries requests to an API server.
public protocol KubeTransport: Sendable {
    /// Sends a request and returns the whole response (any status; errors only for transport failures).
    func send(_ request: ClientRequest) async throws -> ClientResponse
    /// Sends a request whose response body is a long-lived stream (watch).
    func stream(_ request: ClientRequest) async throws -> ClientStreamResponse
}

/// Transport failures (no connection, TLS, malformed HTTP), as opposed to API errors.
public struct TransportError: Error, Sendable, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
