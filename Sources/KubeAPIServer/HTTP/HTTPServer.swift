import Logging
import NIOCore
import NIOHTTP1
import NIOHTTP2
import NIOPosix
import NIOSSL
import NIOTLS
import Synchronization

/// The HTTPS listener: TLS with optional client certificates, ALPN choosing HTTP/2 or
/// HTTP/1.1, and one `HTTPHandler` per HTTP/1 connection or HTTP/2 stream.
public final class HTTPServer: Sendable {
    public struct TLS: Sendable {
        public var certificateChain: [NIOSSLCertificate]
        public var privateKey: NIOSSLPrivateKey
        /// CAs whose client certificates are accepted; clients may also present none.
        public var clientCAs: [NIOSSLCertificate]
        public init(certificateChain: [NIOSSLCertificate], privateKey: NIOSSLPrivateKey, clientCAs: [NIOSSLCertificate]) {
            self.certificateChain = certificateChain
            self.privateKey = privateKey
            self.clientCAs = clientCAs
        }
    }

    private let group: any EventLoopGroup
    private let host: String
    private let port: Int
    private let tls: TLS?
    private let responder: any APIResponder
    private let identifyCertificate: @Sendable ([UInt8]) -> UserInfo?
    private let logger: Logger
    private let channelBox = Mutex<(any Channel)?>(nil)

    /// - Parameter identifyCertificate: maps a verified client certificate (DER) to a user.
    public init(group: any EventLoopGroup, host: String, port: Int, tls: TLS?, responder: any APIResponder,
                identifyCertificate: @escaping @Sendable ([UInt8]) -> UserInfo?, logger: Logger) {
        self.group = group
        self.host = host
        self.port = port
        self.tls = tls
        self.responder = responder
        self.identifyCertificate = identifyCertificate
        self.logger = logger
    }

    /// Binds and starts accepting; returns the bound port (useful with port 0).
    public func start() async throws -> Int {
        let sslContext: NIOSSLContext?
        if let tls {
            var config = TLSConfiguration.makeServerConfiguration(
                certificateChain: tls.certificateChain.map { .certificate($0) },
                privateKey: .privateKey(tls.privateKey))
            config.certificateVerification = .optionalVerification
            config.trustRoots = .certificates(tls.clientCAs)
            config.applicationProtocols = ["h2", "http/1.1"]
            config.minimumTLSVersion = .tlsv12
            sslContext = try NIOSSLContext(configuration: config)
        } else {
            sslContext = nil
        }
        let responder = self.responder
        let identify = self.identifyCertificate
        let bootstrap = ServerBootstrap(group: group)
            .serverChannelOption(ChannelOptions.backlog, value: 1024)
            .serverChannelOption(ChannelOptions.socketOption(.so_reuseaddr), value: 1)
            .childChannelOption(ChannelOptions.socketOption(.tcp_nodelay), value: 1)
            .childChannelInitializer { channel in
                let identity = ConnectionIdentity()
                do {
                    if let sslContext {
                        try channel.pipeline.syncOperations.addHandler(NIOSSLServerHandler(context: sslContext))
                        try channel.pipeline.syncOperations.addHandler(ClientCertificateHandler(identity: identity, identify: identify))
                        return channel.configureCommonHTTPServerPipeline { streamOrConnection in
                            streamOrConnection.eventLoop.makeCompletedFuture {
                                try streamOrConnection.pipeline.syncOperations.addHandler(HTTPHandler(responder: responder, identity: identity))
                            }
                        }
                    } else {
                        try channel.pipeline.syncOperations.configureHTTPServerPipeline(withErrorHandling: true)
                        try channel.pipeline.syncOperations.addHandler(HTTPHandler(responder: responder, identity: identity))
                        return channel.eventLoop.makeSucceededVoidFuture()
                    }
                } catch {
                    return channel.eventLoop.makeFailedFuture(error)
                }
            }
        let channel = try await bootstrap.bind(host: host, port: port).get()
        channelBox.withLock { $0 = channel }
        let bound = channel.localAddress?.port ?? port
        logger.info("API server listening", metadata: ["address": "\(host):\(bound)", "tls": "\(tls != nil)"])
        return bound
    }

    /// Stops accepting and closes the listener. Open connections end with the event loop group.
    public func stop() async {
        let ch = channelBox.withLock { c -> (any Channel)? in
            defer { c = nil }
            return c
        }
        try? await ch?.close()
    }
}

/// Records the verified client certificate's user once the TLS handshake completes.
final class ClientCertificateHandler: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = NIOAny
    private let identity: ConnectionIdentity
    private let identify: @Sendable ([UInt8]) -> UserInfo?

    init(identity: ConnectionIdentity, identify: @escaping @Sendable ([UInt8]) -> UserInfo?) {
        self.identity = identity
        self.identify = identify
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if let tlsEvent = event as? TLSUserEvent, case .handshakeCompleted = tlsEvent {
            if let ssl = try? context.pipeline.syncOperations.handler(type: NIOSSLServerHandler.self),
               let cert = ssl.peerCertificate, let der = try? cert.toDERBytes() {
                identity.user = identify(der)
            }
        }
        context.fireUserInboundEventTriggered(event)
    }
}
