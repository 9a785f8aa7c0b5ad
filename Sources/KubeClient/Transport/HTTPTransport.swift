import NIOCore
import NIOHTTP1
import NIOPosix

/// Carries requests to an API server over HTTP/1.1, with TLS for `https` servers: the
/// kubeconfig's cluster CA (or no verification), an optional client certificate, an optional
/// bearer token, and `tls-server-name`.
///
/// Whole-body requests share a pool of keep-alive connections; each stream (watch) gets a
/// connection of its own that closes when the response ends or its reader stops. Connecting
/// (TCP plus TLS handshake) is bounded by `connectTimeout`; a whole-body request may be bounded
/// by `requestTimeout`; streams never time out on the client side.
public final class HTTPTransport: KubeTransport {
    public struct Options: Sendable {
        public var maxConnections: Int = 64
        public var connectTimeout: TimeAmount = .seconds(10)
        /// Bounds one whole-body request, from write to last byte; nil means no bound.
        public var requestTimeout: TimeAmount?
        public init(maxConnections: Int = 64, connectTimeout: TimeAmount = .seconds(10), requestTimeout: TimeAmount? = nil) {
            self.maxConnections = maxConnections
            self.connectTimeout = connectTimeout
            self.requestTimeout = requestTimeout
        }
    }

    public let endpoint: ServerEndpoint
    public let options: Options
    private let factory: ConnectionFactory
    let pool: ConnectionPool
    /// Computed once: every request carries them.
    private let hostHeader: String
    private let authorization: String?

    /// A transport for a loaded kubeconfig context.
    /// - Parameter eventLoopGroup: nil uses NIO's process-wide singleton group.
    public convenience init(config: ClientConfig, maxConnections: Int = 64, eventLoopGroup: (any EventLoopGroup)? = nil) throws {
        try self.init(config: config, options: Options(maxConnections: maxConnections), eventLoopGroup: eventLoopGroup)
    }

    public init(config: ClientConfig, options: Options, eventLoopGroup: (any EventLoopGroup)? = nil) throws {
        let endpoint = try ServerEndpoint(parsing: config.server)
        self.endpoint = endpoint
        self.options = options
        let tls: ClientTLS?
        if endpoint.useTLS {
            tls = try ClientTLS(endpoint: endpoint, caPEM: config.caPEM, insecureSkipTLSVerify: config.insecureSkipTLSVerify,
                                clientCertificatePEM: config.clientCertificatePEM, clientKeyPEM: config.clientKeyPEM,
                                tlsServerName: config.tlsServerName)
        } else {
            tls = nil
        }
        let group = eventLoopGroup ?? MultiThreadedEventLoopGroup.singleton
        factory = ConnectionFactory(group: group, endpoint: endpoint, tls: tls, connectTimeout: options.connectTimeout)
        pool = ConnectionPool(maxConnections: options.maxConnections)
        hostHeader = endpoint.hostHeader
        authorization = config.bearerToken.flatMap { $0.isEmpty ? nil : "Bearer \($0)" }
    }

    deinit {
        // Pooled connections reference the pool, not the transport: close them here or they
        // would stay open for as long as the server keeps them.
        pool.closeIdleForever()
    }

    // MARK: KubeTransport

    public func send(_ request: ClientRequest) async throws -> ClientResponse {
        let head = makeHead(request)
        var retried = false
        while true {
            let connection = try await leaseConnection()
            let reused = connection.isReused
            do {
                let result = try await connection.execute(head: head, body: request.body)
                if result.keepAlive { pool.release(connection) } else { pool.discard(connection) }
                return result.response
            } catch {
                pool.discard(connection)
                try Task.checkCancellation()
                // A reused connection that died before answering was most likely closed by the
                // server while idle: the request never got there, so one more try is safe.
                if let e = error as? HTTPExchangeError, e.isStaleConnection, reused, !retried {
                    retried = true
                    continue
                }
                throw TransportError("\(request.method) \(request.path): \(error)")
            }
        }
    }

    public func stream(_ request: ClientRequest) async throws -> ClientStreamResponse {
        if pool.isShutDown { throw TransportError("the transport has been shut down") }
        let head = makeHead(request)
        let (body, continuation) = AsyncThrowingStream<[UInt8], any Error>.makeStream()
        let loopForHead = factory.group.any()
        let headPromise = loopForHead.makePromise(of: StreamingHead.self)
        let channel: any Channel
        do {
            channel = try await factory.connect { HTTPStreamingHandler(head: headPromise, body: continuation) }
        } catch {
            headPromise.fail(error)
            continuation.finish()
            throw error
        }
        pool.track(channel)
        continuation.onTermination = { _ in channel.close(promise: nil) }
        channel.writeAndFlush(HTTPExchangeRequest(head: head, body: request.body)).whenFailure { error in
            headPromise.fail(HTTPExchangeError.failed(error, responseStarted: false))
        }
        let responseHead: StreamingHead
        do {
            responseHead = try await withTaskCancellationHandler {
                try await headPromise.futureResult.get()
            } onCancel: {
                channel.close(promise: nil)
            }
        } catch {
            channel.close(promise: nil)
            try Task.checkCancellation()
            throw TransportError("\(request.method) \(request.path): \(error)")
        }
        return ClientStreamResponse(status: responseHead.status, headers: responseHead.headers, body: body)
    }

    /// Closes every connection, pooled and streaming; later requests fail. The event loop group
    /// is not shut down: it is NIO's singleton or the caller's.
    public func shutdown() async {
        await pool.shutdown()
    }

    /// Connection counts, for tests and metrics: open (or opening) and idle.
    public var connectionCounts: (open: Int, idle: Int) {
        let c = pool.counts
        return (c.total, c.idle)
    }

    // MARK: Internals

    private func leaseConnection() async throws -> PooledConnection {
        switch try await pool.lease() {
        case .idle(let connection):
            return connection
        case .open:
            do {
                let timeout = options.requestTimeout
                let channel = try await factory.connect { HTTPExchangeHandler(requestTimeout: timeout) }
                return pool.adopt(channel)
            } catch {
                pool.permitFailed()
                throw error
            }
        }
    }

    private func makeHead(_ request: ClientRequest) -> HTTPRequestHead {
        var headers = HTTPHeaders()
        headers.reserveCapacity(request.headers.count + 3)
        headers.add(name: "Host", value: hostHeader)
        for (name, value) in request.headers { headers.add(name: name, value: value) }
        // A request's own credentials (impersonation tooling, tests) take precedence.
        if let authorization, !headers.contains(name: "Authorization") {
            headers.add(name: "Authorization", value: authorization)
        }
        // Bodies are always sized: the server then never has to guess where a request ends.
        if !request.body.isEmpty || request.method == "POST" || request.method == "PUT" || request.method == "PATCH" {
            headers.replaceOrAdd(name: "Content-Length", value: String(request.body.count))
        }
        let uri = endpoint.pathPrefix.isEmpty ? request.path : endpoint.pathPrefix + request.path
        return HTTPRequestHead(version: .http1_1, method: HTTPMethod(rawValue: request.method), uri: uri, headers: headers)
    }
}
