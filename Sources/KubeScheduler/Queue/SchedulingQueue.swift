import KubeMachinery
import Synchronization

/// The pods waiting to be scheduled, in upstream's three sub-queues:
/// - activeQ: ready now, ordered by the QueueSort plugin;
/// - backoffQ: failed recently, waiting out `initial * 2^(attempts-1)` (capped) before retrying;
/// - unschedulable: rejected by plugins, parked until a cluster event one of those plugins
///   registered for (EnqueueExtensions) might let them fit, or until `maxUnschedulableDuration`.
/// Pods that a PreEnqueue plugin refuses (scheduling gates) wait in `gated` until an event or
/// update lets them through.
public final class SchedulingQueue: Sendable {
    public typealias PreEnqueueCheck = @Sendable (PodInfo) -> Status

    struct Waiter {
        var id: UInt64
        var continuation: CheckedContinuation<(pod: QueuedPodInfo, cycle: Int64)?, Never>
    }

    struct State {
        var active: PodHeap
        var backoff: PodHeap
        var unschedulable: [String: QueuedPodInfo] = [:]
        var gated: [String: QueuedPodInfo] = [:]
        var inFlight: Set<String> = []
        /// Incremented by each pop: identifies a scheduling attempt.
        var schedulingCycle: Int64 = 0
        /// The cycle of the last move request: pods whose attempt started before it go to
        /// backoff rather than unschedulable (the event may have been the one they needed).
        var moveRequestCycle: Int64 = -1
        var waiters: [Waiter] = []
        var nextWaiterID: UInt64 = 0
        var closed = false
    }

    let state: Mutex<State>
    let preEnqueue: PreEnqueueCheck
    /// Plugin name → events after which pods it rejected may fit. Plugins absent here get every event.
    let eventsToRegister: [String: [ClusterEvent]]
    public let nominator: PodNominator
    let initialBackoff: Duration
    let maxBackoff: Duration
    let maxUnschedulableDuration: Duration
    let now: @Sendable () -> ContinuousClock.Instant

    public init(less: @escaping @Sendable (QueuedPodInfo, QueuedPodInfo) -> Bool,
                preEnqueue: @escaping PreEnqueueCheck = { _ in .success },
                eventsToRegister: [String: [ClusterEvent]] = [:],
                nominator: PodNominator = PodNominator(),
                initialBackoff: Duration = .seconds(1), maxBackoff: Duration = .seconds(10),
                maxUnschedulableDuration: Duration = .seconds(300),
                now: @escaping @Sendable () -> ContinuousClock.Instant = { .now }) {
        let initial = initialBackoff, maximum = maxBackoff
        self.state = Mutex(State(active: PodHeap(less: less), backoff: PodHeap(less: { a, b in
            Self.backoffExpiry(a, initial: initial, max: maximum) < Self.backoffExpiry(b, initial: initial, max: maximum)
        })))
        self.preEnqueue = preEnqueue
        self.eventsToRegister = eventsToRegister
        self.nominator = nominator
        self.initialBackoff = initialBackoff
        self.maxBackoff = maxBackoff
        self.maxUnschedulableDuration = maxUnschedulableDuration
        self.now = now
    }

    // MARK: Informer events

    /// A new unscheduled pod: to activeQ, or to `gated` if a PreEnqueue plugin refuses it.
    public func add(_ pod: PodInfo) {
        let t = now()
        nominator.addNominatedPod(pod)
        let handoff: [(Waiter, (pod: QueuedPodInfo, cycle: Int64))] = state.withLock { s in
            let key = pod.queueKey
            guard !s.active.contains(key), !s.backoff.contains(key), s.unschedulable[key] == nil, s.gated[key] == nil else { return [] }
            let q = QueuedPodInfo(podInfo: pod, timestamp: t, initialAttemptTimestamp: t)
            moveToActiveOrGated(&s, q, backoff: false)
            return Self.takeHandoffs(&s)
        }
        resume(handoff)
    }

    /// An update of a pending pod. A parked pod whose spec or labels changed is retried at once
    /// (or after its backoff): the change may be what it was waiting for.
    public func update(old: PodInfo, new: PodInfo) {
        nominator.updateNominatedPod(old: old, new: new)
        let t = now()
        let handoff: [(Waiter, (pod: QueuedPodInfo, cycle: Int64))] = state.withLock { s in
            let key = new.queueKey
            if var q = s.active.get(key) {
                q.podInfo = new
                s.active.addOrUpdate(q)
                return []
            }
            if var q = s.backoff.get(key) {
                q.podInfo = new
                s.backoff.addOrUpdate(q)
                return []
            }
            if var q = s.gated.removeValue(forKey: key) ?? s.unschedulable.removeValue(forKey: key) {
                let changed = Self.isMeaningfulUpdate(old: old, new: new)
                q.podInfo = new
                if changed {
                    moveToActiveOrGated(&s, q, backoff: isBackingOff(q, at: t))
                } else if !q.pendingPlugins.isEmpty {
                    s.gated[key] = q
                } else {
                    s.unschedulable[key] = q
                }
                return Self.takeHandoffs(&s)
            }
            // Being scheduled right now: the attempt's outcome decides where it goes next.
            if s.inFlight.contains(key) { return [] }
            let q = QueuedPodInfo(podInfo: new, timestamp: t, initialAttemptTimestamp: t)
            moveToActiveOrGated(&s, q, backoff: false)
            return Self.takeHandoffs(&s)
        }
        resume(handoff)
    }

    public func delete(_ pod: PodInfo) {
        nominator.deleteNominatedPodIfExists(pod)
        state.withLock { s in
            let key = pod.queueKey
            s.active.remove(key)
            s.backoff.remove(key)
            s.unschedulable[key] = nil
            s.gated[key] = nil
        }
    }

    // MARK: Scheduling loop

    /// The next pod to schedule, waiting until one is ready; nil once the queue is closed or the
    /// calling task is cancelled. `cycle` identifies the attempt for `addUnschedulableIfNotPresent`.
    public func pop() async -> (pod: QueuedPodInfo, cycle: Int64)? {
        if let ready = state.withLock({ s in Self.popReady(&s) }) { return ready }
        let id = state.withLock { s -> UInt64 in
            s.nextWaiterID += 1
            return s.nextWaiterID
        }
        return await withTaskCancellationHandler {
            await withCheckedContinuation { (c: CheckedContinuation<(pod: QueuedPodInfo, cycle: Int64)?, Never>) in
                let immediate: (pod: QueuedPodInfo, cycle: Int64)?? = state.withLock { s in
                    if s.closed || Task.isCancelled { return .some(nil) }
                    if let ready = Self.popReady(&s) { return .some(ready) }
                    s.waiters.append(Waiter(id: id, continuation: c))
                    return .none
                }
                if let immediate { c.resume(returning: immediate) }
            }
        } onCancel: {
            let w = state.withLock { s -> Waiter? in
                guard let i = s.waiters.firstIndex(where: { $0.id == id }) else { return nil }
                return s.waiters.remove(at: i)
            }
            w?.continuation.resume(returning: nil)
        }
    }

    /// Wakes every waiting `pop()` with nil and refuses further waits.
    public func close() {
        let waiters = state.withLock { s -> [Waiter] in
            s.closed = true
            defer { s.waiters = [] }
            return s.waiters
        }
        for w in waiters { w.continuation.resume(returning: nil) }
    }

    /// Puts back a pod whose attempt failed. Rejected pods park in `unschedulable` unless a move
    /// request arrived during their attempt; pods that hit an error (no rejecting plugin) back off.
    public func addUnschedulableIfNotPresent(_ pod: QueuedPodInfo, cycle: Int64) {
        let t = now()
        nominator.addNominatedPod(pod.podInfo)
        state.withLock { s in
            let key = pod.podInfo.queueKey
            s.inFlight.remove(key)
            guard !s.active.contains(key), !s.backoff.contains(key), s.unschedulable[key] == nil, s.gated[key] == nil else { return }
            var q = pod
            q.timestamp = t
            let rejected = !q.unschedulablePlugins.isEmpty || !q.pendingPlugins.isEmpty
            if !rejected || s.moveRequestCycle >= cycle {
                s.backoff.addOrUpdate(q)
            } else {
                s.unschedulable[key] = q
            }
        }
    }

    /// The attempt for this pod ended (bound, or handed back): it is no longer in flight.
    public func done(_ pod: PodInfo) {
        _ = state.withLock { s in s.inFlight.remove(pod.queueKey) }
    }

    // MARK: Moves

    /// Moves the parked pods this event may help (per their rejecting plugins' registrations)
    /// to activeQ, or to backoffQ if still backing off. `filter` narrows by pod when given.
    public func moveAllToActiveOrBackoffQueue(_ event: ClusterEvent, filter: (@Sendable (PodInfo) -> Bool)? = nil) {
        let t = now()
        let handoff: [(Waiter, (pod: QueuedPodInfo, cycle: Int64))] = state.withLock { s in
            s.moveRequestCycle = s.schedulingCycle
            for (key, q) in s.unschedulable where podMatches(q, event) && (filter?(q.podInfo) ?? true) {
                s.unschedulable[key] = nil
                moveToActiveOrGated(&s, q, backoff: isBackingOff(q, at: t))
            }
            for (key, q) in s.gated where podMatches(q, event) && (filter?(q.podInfo) ?? true) {
                s.gated[key] = nil
                moveToActiveOrGated(&s, q, backoff: false)
            }
            return Self.takeHandoffs(&s)
        }
        resume(handoff)
    }

    /// Moves backoffQ pods whose backoff has expired to activeQ.
    public func flushBackoffQCompleted() {
        let t = now()
        let handoff: [(Waiter, (pod: QueuedPodInfo, cycle: Int64))] = state.withLock { s in
            while let top = s.backoff.top, Self.backoffExpiry(top, initial: initialBackoff, max: maxBackoff) <= t {
                _ = s.backoff.pop()
                s.active.addOrUpdate(top)
            }
            return Self.takeHandoffs(&s)
        }
        resume(handoff)
    }

    /// Retries pods parked longer than `maxUnschedulableDuration`, whatever rejected them.
    public func flushUnschedulablePodsLeftover() {
        let t = now()
        let handoff: [(Waiter, (pod: QueuedPodInfo, cycle: Int64))] = state.withLock { s in
            for (key, q) in s.unschedulable where t - q.timestamp > maxUnschedulableDuration {
                s.unschedulable[key] = nil
                moveToActiveOrGated(&s, q, backoff: isBackingOff(q, at: t))
            }
            return Self.takeHandoffs(&s)
        }
        resume(handoff)
    }

    /// Runs the periodic flushes (backoff every second, leftovers every 30 s) until cancelled.
    public func runFlushLoops(backoffInterval: Duration = .seconds(1), leftoverInterval: Duration = .seconds(30)) async {
        var sinceLeftover: Duration = .zero
        while !Task.isCancelled {
            do { try await Task.sleep(for: backoffInterval) } catch { return }
            flushBackoffQCompleted()
            sinceLeftover += backoffInterval
            if sinceLeftover >= leftoverInterval {
                sinceLeftover = .zero
                flushUnschedulablePodsLeftover()
            }
        }
    }

    // MARK: Inspection

    public struct Counts: Sendable, Equatable {
        public var active = 0, backoff = 0, unschedulable = 0, gated = 0, inFlight = 0
        public init(active: Int = 0, backoff: Int = 0, unschedulable: Int = 0, gated: Int = 0, inFlight: Int = 0) {
            self.active = active
            self.backoff = backoff
            self.unschedulable = unschedulable
            self.gated = gated
            self.inFlight = inFlight
        }
    }

    public var counts: Counts {
        state.withLock { s in
            Counts(active: s.active.count, backoff: s.backoff.count, unschedulable: s.unschedulable.count,
                   gated: s.gated.count, inFlight: s.inFlight.count)
        }
    }

    /// Where a pod is: "active", "backoff", "unschedulable", "gated", "inFlight" or nil.
    public func location(of pod: PodInfo) -> String? {
        state.withLock { s in
            let k = pod.queueKey
            if s.active.contains(k) { return "active" }
            if s.backoff.contains(k) { return "backoff" }
            if s.unschedulable[k] != nil { return "unschedulable" }
            if s.gated[k] != nil { return "gated" }
            if s.inFlight.contains(k) { return "inFlight" }
            return nil
        }
    }

    /// How long a pod with this many attempts backs off.
    public func backoffDuration(attempts: Int) -> Duration {
        Self.backoffDuration(attempts: attempts, initial: initialBackoff, max: maxBackoff)
    }
}
