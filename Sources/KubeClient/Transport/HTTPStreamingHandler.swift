import NIOCore
import NIOHTTP1

/// The head of a streamed response, delivered as soon as it arrives; the body follows through
/// the continuation.
struct StreamingHead: Sendable {
    var status: Int
    var headers: [(String, String)]
}

/// Carries one long-lived response (a watch) on a connection of its own: each body chunk is
/// yielded as it arrives, the stream finishes when the response ends, and the connection is
/// closed then (it is never returned to the pool).
///
/// Chunks are buffered without limit while the consumer is slow; watch consumers drain
/// continuously, and the server bounds how far a watcher may fall behind.
final class HTTPStreamingHandler: ChannelDuplexHandler {
    typealias InboundIn = HTTPClientResponsePart
    typealias OutboundIn = HTTPExchangeRequest
    typealias OutboundOut = HTTPClientRequestPart

    private let head: EventLoopPromise<StreamingHead>
    private let body: AsyncThrowingStream<[UInt8], any Error>.Continuation
    private var headDelivered = false
    private var ended = false

    init(head: EventLoopPromise<StreamingHead>, body: AsyncThrowingStream<[UInt8], any Error>.Continuation) {
        self.head = head
        self.body = body
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        let request = unwrapOutboundIn(data)
        context.write(wrapOutboundOut(.head(request.head)), promise: nil)
        if !request.body.isEmpty {
            context.write(wrapOutboundOut(.body(.byteBuffer(context.channel.allocator.buffer(bytes: request.body)))), promise: nil)
        }
        context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: promise)
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        guard !ended else { return }
        switch unwrapInboundIn(data) {
        case .head(let h):
            if h.status.code < 200 { return }
            var headers: [(String, String)] = []
            headers.reserveCapacity(h.headers.count)
            for (name, value) in h.headers { headers.append((name, value)) }
            headDelivered = true
            head.succeed(StreamingHead(status: Int(h.status.code), headers: headers))
        case .body(let buffer):
            if buffer.readableBytes > 0 { body.yield(Array(buffer.readableBytesView)) }
        case .end:
            ended = true
            body.finish()
            context.close(promise: nil)
        }
    }

    func channelInactive(context: ChannelHandlerContext) {
        end(with: HTTPExchangeError.closedDuringResponse)
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        end(with: HTTPExchangeError.failed(error, responseStarted: headDelivered))
        context.close(promise: nil)
    }

    private func end(with error: HTTPExchangeError) {
        guard !ended else { return }
        ended = true
        if headDelivered {
            body.finish(throwing: TransportError("watch stream: \(error)"))
        } else {
            head.fail(error)
            body.finish()
        }
    }
}

/// A request as a connection writes it; shared by the exchange and streaming handlers.
struct HTTPExchangeRequest: Sendable {
    var head: HTTPRequestHead
    var body: [UInt8]
}
