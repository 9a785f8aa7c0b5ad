import NIOCore
import Synchronization

/// Keep-alive connections to one server: idle ones are reused (most recently used first, as
/// it is the least likely to have been closed by the server), new ones are opened up to
/// `maxConnections`, and beyond that requests wait for a connection to come back.
///
/// The state is a small struct under a mutex: every request touches it twice (lease, return),
/// so it stays cheap and never suspends while holding the lock.
final class ConnectionPool: Sendable {
    /// What a lease gives the caller: a ready connection, or a permit to open one.
    enum Lease: Sendable {
        case idle(PooledConnection)
        case open
    }

    private struct Waiter {
        var id: Int
        var continuation: CheckedContinuation<Lease, any Error>
    }

    private struct State {
        var idle: [PooledConnection] = []
        /// Open connections plus permits handed out to open one.
        var total = 0
        var waiters: [Waiter] = []
        var nextWaiterID = 0
        var nextConnectionID = 0
        var isShutDown = false
        /// Every live channel, pooled or streaming, so that shutdown can close them all.
        var channels: [Int: any Channel] = [:]
        var pooled: [Int: PooledConnection] = [:]
        var streams = 0
    }

    let maxConnections: Int
    private let state = Mutex(State())

    init(maxConnections: Int) {
        self.maxConnections = max(1, maxConnections)
    }

    /// A connection from the idle list, or a permit to open a new one; waits when the pool is full.
    func lease() async throws -> Lease {
        enum Immediate { case lease(Lease), wait, shutDown }
        let immediate: Immediate = state.withLock { s in
            if s.isShutDown { return .shutDown }
            while let c = s.idle.popLast() {
                if c.channel.isActive { return .lease(.idle(c)) }
            }
            if s.total < maxConnections {
                s.total += 1
                return .lease(.open)
            }
            return .wait
        }
        switch immediate {
        case .lease(let l): return l
        case .shutDown: throw TransportError("the transport has been shut down")
        case .wait: break
        }
        let id = state.withLock { s in
            defer { s.nextWaiterID += 1 }
            return s.nextWaiterID
        }
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Lease, any Error>) in
                let resumeNow: Result<Lease, any Error>? = state.withLock { s in
                    if s.isShutDown { return .failure(TransportError("the transport has been shut down")) }
                    if Task.isCancelled { return .failure(CancellationError()) }
                    // Something may have come back between the first look and now.
                    while let c = s.idle.popLast() {
                        if c.channel.isActive { return .success(.idle(c)) }
                    }
                    if s.total < maxConnections {
                        s.total += 1
                        return .success(.open)
                    }
                    s.waiters.append(Waiter(id: id, continuation: continuation))
                    return nil
                }
                if let resumeNow { continuation.resume(with: resumeNow) }
            }
        } onCancel: {
            let waiter = state.withLock { s -> Waiter? in
                guard let i = s.waiters.firstIndex(where: { $0.id == id }) else { return nil }
                return s.waiters.remove(at: i)
            }
            waiter?.continuation.resume(throwing: CancellationError())
        }
    }

    /// Registers a newly opened connection (opened under an `.open` permit).
    func adopt(_ channel: any Channel) -> PooledConnection {
        let connection = state.withLock { s in
            defer { s.nextConnectionID += 1 }
            let connection = PooledConnection(channel: channel, id: s.nextConnectionID)
            s.channels[connection.id] = channel
            s.pooled[connection.id] = connection
            return connection
        }
        // A server closing an idle connection takes it out of the pool right away.
        channel.closeFuture.whenComplete { [self] _ in discard(connection) }
        return connection
    }

    /// Gives back an `.open` permit whose connection could not be opened.
    func permitFailed() {
        let waiter: Waiter? = state.withLock { s in
            s.total -= 1
            return grantPermit(&s)
        }
        waiter?.continuation.resume(returning: .open)
    }

    /// Returns a healthy connection after a complete response.
    func release(_ connection: PooledConnection) {
        enum Outcome { case handed(Waiter), kept, closed }
        let outcome: Outcome = state.withLock { s in
            if s.isShutDown || !connection.channel.isActive { return .closed }
            if !s.waiters.isEmpty { return .handed(s.waiters.removeFirst()) }
            s.idle.append(connection)
            return .kept
        }
        switch outcome {
        case .handed(let w): w.continuation.resume(returning: .idle(connection))
        case .kept: break
        case .closed: discard(connection)
        }
    }

    /// Closes a connection that must not be reused and frees its slot (idempotent).
    func discard(_ connection: PooledConnection) {
        guard connection.retire() else { return }
        connection.channel.close(promise: nil)
        let waiter: Waiter? = state.withLock { s in
            s.channels[connection.id] = nil
            s.pooled[connection.id] = nil
            s.idle.removeAll { $0 === connection }
            s.total -= 1
            return grantPermit(&s)
        }
        waiter?.continuation.resume(returning: .open)
    }

    /// A freed slot goes to the longest waiter as a permit to open a connection.
    private func grantPermit(_ s: inout State) -> Waiter? {
        guard !s.isShutDown, !s.waiters.isEmpty, s.total < maxConnections else { return nil }
        s.total += 1
        return s.waiters.removeFirst()
    }

    /// Tracks a connection outside the pool (a stream) so shutdown closes it too.
    func track(_ channel: any Channel) {
        let id: Int? = state.withLock { s in
            if s.isShutDown { return nil }
            defer { s.nextConnectionID += 1 }
            s.streams += 1
            s.channels[s.nextConnectionID] = channel
            return s.nextConnectionID
        }
        guard let id else {
            channel.close(promise: nil)
            return
        }
        channel.closeFuture.whenComplete { [self] _ in
            state.withLock { s in
                s.channels[id] = nil
                s.streams -= 1
            }
        }
    }

    var isShutDown: Bool { state.withLock { $0.isShutDown } }

    /// Fails waiters, refuses new leases and closes every connection; returns when all are closed.
    func shutdown() async {
        let channels = beginShutdown()
        // Free the slots now rather than when each close completes, so counts read zero on return.
        for c in state.withLock({ Array($0.pooled.values) }) { discard(c) }
        for c in channels { try? await c.close().get() }
    }

    /// For a transport dropped without `shutdown()`: closes the idle connections (none can be in
    /// use then) but leaves streams open, since their readers may outlive the transport.
    func closeIdleForever() {
        let idle = state.withLock { s in
            s.isShutDown = true
            defer { s.idle = [] }
            return s.idle
        }
        for c in idle { c.channel.close(promise: nil) }
    }

    private func beginShutdown() -> [any Channel] {
        let (channels, waiters) = state.withLock { s in
            s.isShutDown = true
            defer { s.waiters = []; s.idle = [] }
            return (Array(s.channels.values), s.waiters)
        }
        for w in waiters { w.continuation.resume(throwing: TransportError("the transport has been shut down")) }
        return channels
    }

    /// Streams currently open (their connections are outside the pool's count).
    var streamCount: Int { state.withLock { $0.streams } }

    /// Test hook: how many connections are open (or being opened) and how many are idle.
    var counts: (total: Int, idle: Int) { state.withLock { ($0.total, $0.idle.count) } }
}
