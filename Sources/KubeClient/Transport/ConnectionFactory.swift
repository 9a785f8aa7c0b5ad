import NIOCore
import NIOHTTP1
import NIOPosix

/// Opens connections to one API server: TCP (with the connect timeout), TLS when the endpoint
/// is `https`, the HTTP/1.1 codec, and last the handler that speaks for the caller. Returns
/// only once the connection is ready for a request (see `ConnectionReadinessHandler`).
struct ConnectionFactory: Sendable {
    let group: any EventLoopGroup
    let endpoint: ServerEndpoint
    let tls: ClientTLS?
    let connectTimeout: TimeAmount

    /// - Parameter makeHandler: builds the last handler on the channel's event loop.
    func connect<Handler: ChannelHandler>(_ makeHandler: @escaping @Sendable () -> Handler) async throws -> any Channel {
        let tls = self.tls
        let timeout = connectTimeout
        // The channel and its readiness promise share one loop, chosen before connecting, so
        // the initializer can hand the promise to its handler without a lookup afterwards.
        let loop = group.next()
        let ready = loop.makePromise(of: Void.self)
        let bootstrap = ClientBootstrap(group: loop)
            .connectTimeout(connectTimeout)
            .channelOption(ChannelOptions.socketOption(.tcp_nodelay), value: 1)
            .channelOption(ChannelOptions.socketOption(.so_keepalive), value: 1)
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    let ops = channel.pipeline.syncOperations
                    if let tls { try ops.addHandler(tls.makeHandler()) }
                    try ops.addHandler(ConnectionReadinessHandler(ready: ready, waitForTLS: tls != nil, timeout: timeout))
                    try ops.addHTTPClientHandlers()
                    try ops.addHandler(makeHandler())
                }
            }
        let channel: any Channel
        do {
            channel = try await bootstrap.connect(host: endpoint.host, port: endpoint.port).get()
        } catch {
            ready.fail(error)
            throw TransportError("cannot connect to \(endpoint): \(error)")
        }
        do {
            try await ready.futureResult.get()
        } catch {
            channel.close(promise: nil)
            let why = (error as? TransportError)?.message ?? "\(error)"
            throw TransportError("cannot connect to \(endpoint): \(why)")
        }
        return channel
    }
}
