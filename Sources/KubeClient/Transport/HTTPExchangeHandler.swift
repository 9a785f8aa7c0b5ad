import NIOCore
import NIOHTTP1

/// One request written to a pooled connection and the promise its whole response completes.
struct HTTPExchange: Sendable {
    var head: HTTPRequestHead
    var body: [UInt8]
    var promise: EventLoopPromise<HTTPExchangeResult>
}

struct HTTPExchangeResult: Sendable {
    var response: ClientResponse
    /// Whether the connection may carry another request (HTTP/1.1 without `Connection: close`).
    var keepAlive: Bool
}

/// Why an exchange failed. `closedBeforeResponse` is the one failure a pool may retry: the
/// server closed the connection (typically an idle keep-alive one) before answering at all.
enum HTTPExchangeError: Error, CustomStringConvertible {
    case closedBeforeResponse
    case closedDuringResponse
    case timedOut
    case failed(any Error, responseStarted: Bool)

    /// Whether the failure shows the server never saw the request on an idle connection it had
    /// already closed: a clean close, or a reset/broken pipe at the socket, before any answer.
    /// TLS and HTTP parsing errors say something else is wrong and are not retried.
    var isStaleConnection: Bool {
        switch self {
        case .closedBeforeResponse: return true
        case .failed(let error, let responseStarted): return !responseStarted && (error is IOError || error is ChannelError)
        case .closedDuringResponse, .timedOut: return false
        }
    }

    var description: String {
        switch self {
        case .closedBeforeResponse: return "the server closed the connection before responding"
        case .closedDuringResponse: return "the server closed the connection in the middle of a response"
        case .timedOut: return "the request timed out"
        case .failed(let e, _): return ConnectionReadinessHandler.describe(e)
        }
    }
}

/// Runs whole-body exchanges on one HTTP/1.1 connection, one at a time (no pipelining): the
/// body is collected straight into the `[UInt8]` the client gets, sized from Content-Length.
final class HTTPExchangeHandler: ChannelDuplexHandler {
    typealias InboundIn = HTTPClientResponsePart
    typealias OutboundIn = HTTPExchange
    typealias OutboundOut = HTTPClientRequestPart

    private struct InFlight {
        var promise: EventLoopPromise<HTTPExchangeResult>
        var status = 0
        var headers: [(String, String)] = []
        var body: [UInt8] = []
        var keepAlive = true
        var headReceived = false
        var timer: Scheduled<Void>?
    }

    private var inFlight: InFlight?
    private let requestTimeout: TimeAmount?

    init(requestTimeout: TimeAmount?) {
        self.requestTimeout = requestTimeout
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        let exchange = unwrapOutboundIn(data)
        guard inFlight == nil else {
            // The pool leases a connection to one request at a time; this is a bug, not a race.
            exchange.promise.fail(TransportError("internal error: a connection was given two requests at once"))
            promise?.fail(TransportError("connection busy"))
            return
        }
        var state = InFlight(promise: exchange.promise)
        if let requestTimeout {
            let handler = NIOLoopBound(self, eventLoop: context.eventLoop)
            let ctx = NIOLoopBound(context, eventLoop: context.eventLoop)
            state.timer = context.eventLoop.scheduleTask(in: requestTimeout) {
                handler.value.finish(.failure(HTTPExchangeError.timedOut), context: ctx.value, close: true)
            }
        }
        inFlight = state
        context.write(wrapOutboundOut(.head(exchange.head)), promise: nil)
        if !exchange.body.isEmpty {
            let buffer = context.channel.allocator.buffer(bytes: exchange.body)
            context.write(wrapOutboundOut(.body(.byteBuffer(buffer))), promise: nil)
        }
        context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: promise)
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        guard inFlight != nil else { return }  // Bytes nobody asked for: ignore; the pool sees the close.
        switch unwrapInboundIn(data) {
        case .head(let head):
            // 1xx answers are interim; the real response follows.
            if head.status.code < 200 { return }
            inFlight!.headReceived = true
            inFlight!.status = Int(head.status.code)
            inFlight!.keepAlive = head.isKeepAlive
            var headers: [(String, String)] = []
            headers.reserveCapacity(head.headers.count)
            for (name, value) in head.headers { headers.append((name, value)) }
            inFlight!.headers = headers
            if let length = head.headers.first(name: "content-length").flatMap({ Int($0) }), length > 0, length < 64 << 20 {
                inFlight!.body.reserveCapacity(length)
            }
        case .body(let buffer):
            inFlight!.body.append(contentsOf: buffer.readableBytesView)
        case .end:
            guard let state = inFlight, state.headReceived else { return }
            let response = ClientResponse(status: state.status, headers: state.headers, body: state.body)
            finish(.success(HTTPExchangeResult(response: response, keepAlive: state.keepAlive)), context: context, close: !state.keepAlive)
        }
    }

    func channelInactive(context: ChannelHandlerContext) {
        if let state = inFlight {
            finish(.failure(state.headReceived ? HTTPExchangeError.closedDuringResponse : HTTPExchangeError.closedBeforeResponse),
                   context: context, close: false)
        }
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        // After an error the connection's framing can't be trusted: it is never reused.
        if let state = inFlight {
            finish(.failure(HTTPExchangeError.failed(error, responseStarted: state.headReceived)), context: context, close: true)
        } else {
            context.close(promise: nil)
        }
    }

    private func finish(_ result: Result<HTTPExchangeResult, any Error>, context: ChannelHandlerContext, close: Bool) {
        guard let state = inFlight else { return }
        inFlight = nil
        state.timer?.cancel()
        if close { context.close(promise: nil) }
        state.promise.completeWith(result)
    }
}
