import NIOCore
import NIOSSL
import NIOTLS

/// Completes once a new connection can carry requests: at TCP connect for `http`, after the
/// TLS handshake for `https`. Waiting for the handshake up front means certificate problems
/// surface as connection errors with a clear message, and a failure later on a fresh
/// connection is never mistaken for a server closing an idle keep-alive connection.
///
/// Sits right after the TLS handler and passes everything through.
final class ConnectionReadinessHandler: ChannelInboundHandler {
    typealias InboundIn = NIOAny
    typealias InboundOut = NIOAny

    private let ready: EventLoopPromise<Void>
    private let waitForTLS: Bool
    private let timeout: TimeAmount
    private var timer: Scheduled<Void>?
    private var done = false

    init(ready: EventLoopPromise<Void>, waitForTLS: Bool, timeout: TimeAmount) {
        self.ready = ready
        self.waitForTLS = waitForTLS
        self.timeout = timeout
    }

    func handlerAdded(context: ChannelHandlerContext) {
        guard waitForTLS else { return }
        let ctx = NIOLoopBound(context, eventLoop: context.eventLoop)
        let handler = NIOLoopBound(self, eventLoop: context.eventLoop)
        timer = context.eventLoop.scheduleTask(in: timeout) {
            handler.value.fail(TransportError("TLS handshake timed out"), context: ctx.value)
        }
    }

    func channelActive(context: ChannelHandlerContext) {
        if !waitForTLS { succeed() }
        context.fireChannelActive()
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if let tls = event as? TLSUserEvent, case .handshakeCompleted = tls { succeed() }
        context.fireUserInboundEventTriggered(event)
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        if !done {
            fail(TransportError(Self.describe(error)), context: context)
            return
        }
        context.fireErrorCaught(error)
    }

    func channelInactive(context: ChannelHandlerContext) {
        if !done { fail(TransportError("the server closed the connection during the TLS handshake"), context: context) }
        context.fireChannelInactive()
    }

    private func succeed() {
        guard !done else { return }
        done = true
        timer?.cancel()
        ready.succeed(())
    }

    private func fail(_ error: TransportError, context: ChannelHandlerContext) {
        guard !done else { return }
        done = true
        timer?.cancel()
        ready.fail(error)
        context.close(promise: nil)
    }

    /// BoringSSL's errors are long; keep the part that says what went wrong.
    static func describe(_ error: any Error) -> String {
        if let ssl = error as? NIOSSLError {
            switch ssl {
            case .handshakeFailed(let e): return "TLS handshake failed: \(e)"
            default: return "TLS error: \(ssl)"
            }
        }
        if let extra = error as? NIOSSLExtraError { return "TLS error: \(extra)" }
        return "\(error)"
    }
}
