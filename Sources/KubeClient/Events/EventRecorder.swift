import Foundation
import KubeAPI
import KubeMachinery
import Logging
import Synchronization

/// Records core/v1 Events about objects, as client-go's event recorder and broadcaster do:
/// `kubectl describe` shows them under the object.
///
/// `event(...)` never blocks and never fails: it puts the event in a bounded buffer that a few
/// background writers send to the API, each object's events through the same writer in order
/// (a full buffer drops the event, logged at most every ten seconds, since events are
/// best-effort and must not slow the component down). Repeats of the same event
/// about the same object within ten minutes are folded into one Event whose `count` and
/// `lastTimestamp` are patched.
public final class EventRecorder: Sendable {
    public let component: String
    public let host: String?
    private let input: AsyncStream<PendingEvent>.Continuation
    private let progress: FlushTracker
    private let drops = DropLog()
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
    ///   - bufferSize: events accepted but not yet written before new ones are dropped.
    ///   - writers: events written at once. Events about one object always go through the
    ///     same writer, in the order recorded, so their folding into counts stays exact.
    public init(client: KubeClient, component: String, host: String? = nil, bufferSize: Int = 1000, writers: Int = 4,
                logger: Logger = Logger(label: "bosun.events")) {
        self.component = component
        self.host = host
        self.logger = logger
        let progress = FlushTracker(capacity: Swift.max(1, bufferSize))
        self.progress = progress
        let (stream, continuation) = AsyncStream<PendingEvent>.makeStream()
        input = continuation
        let sink = EventSink(client: client, component: component, host: host, logger: logger)
        let laneCount = Swift.max(1, writers)
        // The writers hold the sink and the tracker, never the recorder, so dropping the
        // recorder closes the stream and ends them. The buffer's bound is enforced when an
        // event is accepted, so the lanes themselves need none.
        Task {
            await withTaskGroup(of: Void.self) { group in
                var lanes: [AsyncStream<PendingEvent>.Continuation] = []
                for _ in 0..<laneCount {
                    let (laneStream, lane) = AsyncStream<PendingEvent>.makeStream()
                    lanes.append(lane)
                    group.addTask {
                        for await pending in laneStream {
                            await sink.record(pending)
                            progress.finished(pending.seq)
                        }
                    }
                }
                for await pending in stream {
                    var hasher = Hasher()
                    hasher.combine(pending.regarding.uid)
                    hasher.combine(pending.regarding.name)
                    lanes[Int(UInt(bitPattern: hasher.finalize()) % UInt(laneCount))].yield(pending)
                }
                for lane in lanes { lane.finish() }
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
        if !accepted, let dropped = drops.dropped() {
            // One line per ten seconds at most: a component flooding events must not also
            // flood its log.
            logger.warning("event buffer full or closed; dropping events", metadata: [
                "dropped": "\(dropped)", "object": "\(reference.kind)/\(reference.namespace)/\(reference.name)",
                "reason": "\(reason)",
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

/// Counts dropped events and says when to log them: at the first drop, then at most once per
/// `interval`, with the number dropped since the last line.
final class DropLog: Sendable {
    private let state = Mutex<(last: ContinuousClock.Instant?, count: Int)>((nil, 0))
    let interval: Duration

    init(interval: Duration = .seconds(10)) { self.interval = interval }

    /// Records one drop; returns how many to report if a line is due now.
    func dropped() -> Int? {
        let now = ContinuousClock.now
        return state.withLock { s in
            s.count += 1
            if let last = s.last, now - last < interval { return nil }
            defer { s = (now, 0) }
            return s.count
        }
    }
}

/// Sequence numbers of accepted and written events: bounds how many are outstanding, and
/// lets `flush` wait until everything accepted before it has been written. Writers finish
/// out of order (one lane per object), so "written up to N" is the highest N with every
/// event up to it finished.
final class FlushTracker: Sendable {
    private struct State {
        var accepted: UInt64 = 0
        var finishedCount: UInt64 = 0
        /// Every event up to this number has finished.
        var watermark: UInt64 = 0
        /// Finished events above the watermark.
        var finishedAbove: Set<UInt64> = []
        var closed = false
        var waiters: [(seq: UInt64, continuation: CheckedContinuation<Void, Never>)] = []
    }
    private let state = Mutex(State())
    let capacity: UInt64

    init(capacity: Int) { self.capacity = UInt64(Swift.max(1, capacity)) }

    /// Numbers the next event and offers it, if fewer than `capacity` are outstanding; the
    /// number is used only if `offer` accepts. Runs under the lock so that events reach the
    /// writer in number order.
    func accept(_ offer: (UInt64) -> Bool) -> Bool {
        state.withLock { s in
            guard !s.closed, s.accepted - s.finishedCount < capacity, offer(s.accepted + 1) else { return false }
            s.accepted += 1
            return true
        }
    }

    func finished(_ seq: UInt64) {
        let ready = state.withLock { s -> [CheckedContinuation<Void, Never>] in
            s.finishedCount += 1
            s.finishedAbove.insert(seq)
            while s.finishedAbove.remove(s.watermark + 1) != nil { s.watermark += 1 }
            let mark = s.watermark
            let due = s.waiters.filter { $0.seq <= mark }.map(\.continuation)
            s.waiters.removeAll { $0.seq <= mark }
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
                if s.closed || s.watermark >= s.accepted { return true }
                s.waiters.append((s.accepted, c))
                return false
            }
            if done { c.resume() }
        }
    }
}
