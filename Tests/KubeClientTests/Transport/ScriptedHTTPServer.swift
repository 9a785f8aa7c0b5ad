import NIOCore
import NIOHTTP1
import NIOPosix
import Synchronization

/// A plain-HTTP server on loopback whose connections misbehave on purpose, for the pool's
/// failure paths that a well-behaved API server never shows.
final class ScriptedHTTPServer: Sendable {
    enum Behaviour: Sendable {
        /// Answers the first request of each connection (keep-alive), then closes the connection
        /// as soon as a second request arrives, without answering it: a server that timed out an
        /// idle connection just as the client reused it.
        case closeReusedConnections
        /// Closes every connection on its first request without answering.
        case closeImmediately
        /// Answers every request with 200 and the request's path as the body.
        case echoPath
        /// Reads requests and never answers.
        case neverAnswer
    }

    private let channel: any Channel
    private let stats: Stats
    var port: Int { channel.localAddress?.port ?? 0 }
    var connectionsAccepted: Int { stats.connections.load(ordering: .relaxed) }
    var requestsAnswered: Int { stats.answered.load(ordering: .relaxed) }

    final class Stats: Sendable {
        let connections = Atomic(0)
        let answered = Atomic(0)
    }

    init(_ behaviour: Behaviour) async throws {
        let stats = Stats()
        self.stats = stats
        channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(ChannelOptions.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { channel in
                stats.connections.add(1, ordering: .relaxed)
                return channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.configureHTTPServerPipeline()
                    try channel.pipeline.syncOperations.addHandler(ScriptedHandler(behaviour: behaviour, stats: stats))
                }
            }
            .bind(host: "127.0.0.1", port: 0).get()
    }

    func stop() async {
        try? await channel.close().get()
    }
}

private final class ScriptedHandler: ChannelInboundHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundOut = HTTPServerResponsePart

    let behaviour: ScriptedHTTPServer.Behaviour
    let stats: ScriptedHTTPServer.Stats
    var requestsSeen = 0
    var path = ""

    init(behaviour: ScriptedHTTPServer.Behaviour, stats: ScriptedHTTPServer.Stats) {
        self.behaviour = behaviour
        self.stats = stats
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let head):
            requestsSeen += 1
            path = head.uri
            switch behaviour {
            case .closeImmediately:
                context.close(promise: nil)
            case .closeReusedConnections where requestsSeen > 1:
                context.close(promise: nil)
            default:
                break
            }
        case .body:
            break
        case .end:
            if case .neverAnswer = behaviour { return }
            if context.channel.isActive { answer(context: context) }
        }
    }

    private func answer(context: ChannelHandlerContext) {
        // Counted before the answer leaves, so a client that has it sees the count.
        stats.answered.add(1, ordering: .relaxed)
        let body = context.channel.allocator.buffer(string: path)
        var headers = HTTPHeaders()
        headers.add(name: "Content-Length", value: String(body.readableBytes))
        context.write(wrapOutboundOut(.head(HTTPResponseHead(version: .http1_1, status: .ok, headers: headers))), promise: nil)
        context.write(wrapOutboundOut(.body(.byteBuffer(body))), promise: nil)
        context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: nil)
    }
}
