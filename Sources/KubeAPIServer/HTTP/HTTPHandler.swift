import KubeMachinery
import NIOCore
import NIOHTTP1

/// Something that answers API requests; the server's router.
public protocol APIResponder: Sendable {
    func respond(to request: APIRequest) async -> APIResponse
}

/// The connection's TLS identity, set once the handshake completes and read by every request
/// (HTTP/2 streams share their connection's).
final class ConnectionIdentity: @unchecked Sendable {
    // Written once on the connection's event loop before any request is read; read afterwards.
    var user: UserInfo?
}

/// Turns HTTP/1.1 request parts (from HTTP/1 or, through the HTTP/2 codec, from one stream) into
/// `APIRequest`s, runs them through the responder one at a time, and writes the responses,
/// streaming ones with flow control. Closing the channel cancels a running request (ends watches).
final class HTTPHandler: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundOut = HTTPServerResponsePart

    /// Upstream's limit for request bodies is 3 MiB.
    static let maxBodySize = 3 * 1024 * 1024

    private let responder: any APIResponder
    private let identity: ConnectionIdentity
    private var head: HTTPRequestHead?
    private var body: [UInt8] = []
    private var bodyTooLarge = false
    private var queue: [APIRequest] = []
    private var queuedTooLarge: [Bool] = []
    private var busy = false
    private var current: Task<Void, Never>?
    private var context: ChannelHandlerContext?

    init(responder: any APIResponder, identity: ConnectionIdentity) {
        self.responder = responder
        self.identity = identity
    }

    func handlerAdded(context: ChannelHandlerContext) { self.context = context }
    func handlerRemoved(context: ChannelHandlerContext) { self.context = nil }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let h):
            head = h
            body = []
            bodyTooLarge = false
            if let len = h.headers.first(name: "Content-Length").flatMap(Int.init), len > Self.maxBodySize {
                bodyTooLarge = true
            }
        case .body(var buf):
            if bodyTooLarge { return }
            if body.count + buf.readableBytes > Self.maxBodySize {
                bodyTooLarge = true
                body = []
                return
            }
            body.append(contentsOf: buf.readBytes(length: buf.readableBytes) ?? [])
        case .end:
            guard let h = head else { return }
            head = nil
            let req = APIRequest(method: h.method, uri: h.uri, headers: h.headers, body: body, user: identity.user)
            body = []
            queue.append(req)
            queuedTooLarge.append(bodyTooLarge)
            startNext(context: context)
        }
    }

    func channelInactive(context: ChannelHandlerContext) {
        current?.cancel()
        current = nil
        queue.removeAll()
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: Error) {
        context.close(promise: nil)
    }

    private func startNext(context: ChannelHandlerContext) {
        guard !busy, !queue.isEmpty else { return }
        busy = true
        let req = queue.removeFirst()
        let tooLarge = queuedTooLarge.removeFirst()
        let keepAlive = !(req.headers.first(name: "Connection")?.lowercased() == "close")
        let bound = NIOLoopBound(self, eventLoop: context.eventLoop)
        let responder = self.responder
        current = Task { [req, bound, responder] in
            await serveRequest(req, tooLarge: tooLarge, keepAlive: keepAlive, responder: responder, bound: bound)
        }
    }

    fileprivate func finishRequest() {
        busy = false
        current = nil
        if let context { startNext(context: context) }
    }

    static func serve(_ req: APIRequest, tooLarge: Bool, keepAlive: Bool, responder: any APIResponder,
                      bound: NIOLoopBound<HTTPHandler>) async {
        let response: APIResponse
        if tooLarge {
            response = .error(.tooLarge("Request entity too large: limit is \(maxBodySize)"))
        } else {
            response = await responder.respond(to: req)
        }
        await write(response, head: req, keepAlive: keepAlive, bound: bound)
        bound.eventLoop.execute { bound.value.finishRequest() }
    }

    private static func write(_ response: APIResponse, head req: APIRequest, keepAlive: Bool,
                              bound: NIOLoopBound<HTTPHandler>) async {
        let loop = bound.eventLoop
        var headerFields = response.headers
        if !keepAlive { headerFields.replaceOrAdd(name: "Connection", value: "close") }
        switch response.body {
        case .bytes(let bytes):
            headerFields.replaceOrAdd(name: "Content-Length", value: String(bytes.count))
            let headers = headerFields
            let isHead = req.method == .HEAD
            loop.execute {
                let handler = bound.value
                guard let context = handler.context else { return }
                context.write(handler.wrapOutboundOut(.head(HTTPResponseHead(version: .http1_1, status: response.status, headers: headers))), promise: nil)
                if !bytes.isEmpty && !isHead {
                    var buf = context.channel.allocator.buffer(capacity: bytes.count)
                    buf.writeBytes(bytes)
                    context.write(handler.wrapOutboundOut(.body(.byteBuffer(buf))), promise: nil)
                }
                let done = context.writeAndFlush(handler.wrapOutboundOut(.end(nil)))
                if !keepAlive { done.whenComplete { _ in bound.value.context?.close(promise: nil) } }
            }
        case .stream(let stream):
            headerFields.remove(name: "Content-Length")
            let headers = headerFields
            let headDone: EventLoopFuture<Void> = loop.flatSubmit {
                let handler = bound.value
                guard let context = handler.context else { return loop.makeFailedFuture(ChannelError.ioOnClosedChannel) }
                return context.writeAndFlush(handler.wrapOutboundOut(.head(HTTPResponseHead(version: .http1_1, status: response.status, headers: headers))))
            }
            guard (try? await headDone.get()) != nil else { return }
            var sinceWait = 0
            for await chunk in stream {
                let f: EventLoopFuture<Void> = loop.flatSubmit {
                    let handler = bound.value
                    guard let context = handler.context else { return loop.makeFailedFuture(ChannelError.ioOnClosedChannel) }
                    var buf = context.channel.allocator.buffer(capacity: chunk.count)
                    buf.writeBytes(chunk)
                    return context.writeAndFlush(handler.wrapOutboundOut(.body(.byteBuffer(buf))))
                }
                sinceWait += 1
                // Flow control: wait for the socket every few chunks so a slow client
                // holds back its own stream instead of buffering without bound.
                if sinceWait >= 16 {
                    sinceWait = 0
                    if (try? await f.get()) == nil { return }
                }
                if Task.isCancelled { return }
            }
            loop.execute {
                let handler = bound.value
                guard let context = handler.context else { return }
                let done = context.writeAndFlush(handler.wrapOutboundOut(.end(nil)))
                if !keepAlive { done.whenComplete { _ in bound.value.context?.close(promise: nil) } }
            }
        }
    }
}

/// Runs one request outside the event loop (a free function keeps the task's captures plainly Sendable).
private func serveRequest(_ req: APIRequest, tooLarge: Bool, keepAlive: Bool, responder: any APIResponder,
                          bound: NIOLoopBound<HTTPHandler>) async {
    await HTTPHandler.serve(req, tooLarge: tooLarge, keepAlive: keepAlive, responder: responder, bound: bound)
}
