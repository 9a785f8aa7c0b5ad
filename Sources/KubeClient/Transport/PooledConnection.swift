import NIOCore
import NIOHTTP1
import Synchronization

/// One keep-alive HTTP/1.1 connection of the pool, leased to one request at a time.
final class PooledConnection: Sendable {
    let channel: any Channel
    let id: Int
    /// Whether the connection has already carried a response. A failure before any response on
    /// such a connection usually means the server closed it while it sat idle, which is why
    /// that one case is retried.
    private let carriedResponse = Atomic<Bool>(false)
    /// Set by the first of "discarded" and "closed" so the pool counts the loss once.
    private let retiredFlag = Atomic<Bool>(false)

    init(channel: any Channel, id: Int) {
        self.channel = channel
        self.id = id
    }

    var isReused: Bool { carriedResponse.load(ordering: .relaxed) }

    /// Marks the connection retired; true only for the first caller.
    func retire() -> Bool {
        !retiredFlag.exchange(true, ordering: .acquiringAndReleasing)
    }

    /// Writes the request and waits for the whole response. Cancelling the task closes the
    /// connection (its response would otherwise arrive for nobody).
    func execute(head: HTTPRequestHead, body: [UInt8]) async throws -> HTTPExchangeResult {
        let promise = channel.eventLoop.makePromise(of: HTTPExchangeResult.self)
        let written = channel.eventLoop.makePromise(of: Void.self)
        // A write that never reaches the handler (the channel closed meanwhile) must still
        // complete the exchange; completing it twice is harmless.
        written.futureResult.whenFailure { _ in promise.fail(HTTPExchangeError.closedBeforeResponse) }
        channel.writeAndFlush(HTTPExchange(head: head, body: body, promise: promise), promise: written)
        let channel = self.channel
        let result = try await withTaskCancellationHandler {
            try await promise.futureResult.get()
        } onCancel: {
            channel.close(promise: nil)
        }
        carriedResponse.store(true, ordering: .relaxed)
        return result
    }
}
