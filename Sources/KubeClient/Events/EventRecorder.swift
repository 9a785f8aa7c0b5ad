import Foundation
import KubeAPI
import KubeMachinery
import Logging
import Synchronization

/// Records core/v1 Events about objects, as client-go's event recorder and broadcaster do:
/// `kubectl describe` shows them under the object.
///
/// `event(...)` never blocks and never fails: it puts the event in a bounded buffer that one
/// background task writes to the API (a full buffer drops the event with a log line, since
/// events are best-effort and must not slow the component down). Repeats of the same event
/// about the same object within ten minutes are folded into one Event whose `count` and
/// `lastTimestamp` are patched.
public final class EventRecorder: Sendable {
    public let component: String
    public let host: String?
    private let input: AsyncStream<PendingEvent>.Continuation
    private let progress = FlushTracker()
    private let spamFilter = EventSpamFilter()
    private let logger: Logger

    struct PendingEvent: Sendable {
        var seq: UInt64
        var regarding: EventObjectReference
        var type: EventType
        var reason: String
        var message: String
        var time: Date
    }

    /// - Parameters:
    ///   - component: `source.component` and `reportingComponent` (e.g. `default-scheduler`).
    ///   - host: `source.host` and `reportingInstance` (a node name), if any.
    ///   - bufferSize: events waiting to be written before new ones are dropped.
    public init(client: KubeClient, component: String, host: String? = nil, bufferSize: Int = 1000,
                logger: Logger = Logger(label: "bosun.events")) {
        self.component = component
        self.host = host
        self.logger = logger
        let (stream, continuation) = AsyncStream<PendingEvent>.makeStream(bufferingPolicy: .bufferingOldest(Swift.max(1, bufferSize)))
        input = continuation
        let sink = EventSink(client: client, component: component, host: host, logger: logger)
        // The writer holds the sink and the tracker, never the recorder, so dropping the
        // recorder closes the stream and ends the writer.
        Task { [progress] in
            for await pending in stream {
                await sink.record(pending)
                progress.finished(pending.seq)
            }
            progress.closed()
        }
    }

    deinit {
        input.finish()
    }

    /// Records an event about `object` (its JSON, with apiVersion, kind and metadata).
    public func event(regarding object: JSONValue, type: EventType, reason: String, message: String) {
        event(regarding: EventObjectReference(object: object), type: type, reason: reason, message: message)
    }

    /// Records an event about a typed object.
    public func event<T: KubeObject>(regarding object: T, type: EventType, reason: String, message: String) {
        event(regarding: EventObjectReference(object), type: type, reason: reason, message: message)
    }

    public func event(regarding reference: EventObjectReference, type: EventType, reason: String, message: String) {
        // Per (source, object) rate limit, as upstream: beyond a burst of 25, events are dropped.
        let objectKey = "\(reference.kind)/\(reference.namespace)/\(reference.name)/\(reference.uid)"
        guard spamFilter.allow(objectKey) else { return }
        // Sequence numbers are taken under the lock, and yielded under it too, so the writer
        // sees them in order and `flush` can wait for a number.
        let accepted = progress.accept { seq in
            let pending = PendingEvent(seq: seq, regarding: reference, type: type, reason: reason, message: message, time: Date())
            if case .enqueued = input.yield(pending) { return true }
            return false
        }
        if !accepted {
            logger.warning("event buffer full or closed; dropping event", metadata: [
                "object": "\(reference.kind)/\(reference.namespace)/\(reference.name)", "type": "\(type)",
                "reason": "\(reason)", "message": "\(message)",
            ])
        }
    }

    /// Waits until every event recorded before this call has been written (or given up on).
    public func flush() async {
        await progress.waitForAccepted()
    }

    /// Stops accepting events; those already buffered are still written.
    public func shutDown() {
        input.finish()
    }
}

/// Sequence numbers of accepted and written events, so that `flush` can wait for a point.
final class FlushTracker: Sendable {
    private struct State {
        var accepted: UInt64 = 0
        var finished: UInt64 = 0
        var closed = false
        var waiters: [(seq: UInt64, continuation: CheckedContinuation<Void, Never>)] = []
    }
    private let state = Mutex(State())

    /// Numbers the next event and offers it; the number is used only if `offer` accepts.
    /// Runs under the lock so that events reach the writer in number order.
    func accept(_ offer: (UInt64) -> Bool) -> Bool {
        state.withLock { s in
            guard offer(s.accepted + 1) else { return false }
            s.accepted += 1
            return true
        }
    }

    func finished(_ seq: UInt64) {
        let ready = state.withLock { s -> [CheckedContinuation<Void, Never>] in
            s.finished = seq
            let due = s.waiters.filter { $0.seq <= seq }.map(\.continuation)
            s.waiters.removeAll { $0.seq <= seq }
            return due
        }
        for c in ready { c.resume() }
    }

    /// The writer has ended: nothing more will be written, so nobody should keep waiting.
    func closed() {
        let rest = state.withLock { s -> [CheckedContinuation<Void, Never>] in
            s.closed = true
            defer { s.waiters = [] }
            return s.waiters.map(\.continuation)
        }
        for c in rest { c.resume() }
    }

    func waitForAccepted() async {
        await withCheckedContinuation { (c: CheckedContinuation<Void, Never>) in
            let done = state.withLock { s -> Bool in
                if s.closed || s.finished >= s.accepted { return true }
                s.waiters.append((s.accepted, c))
                return false
            }
            if done { c.resume() }
        }
    }
}
