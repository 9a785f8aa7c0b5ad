import KubeMachinery

extension SchedulingQueue {
    /// PreEnqueue decides between activeQ (or backoffQ) and `gated`.
    func moveToActiveOrGated(_ s: inout State, _ pod: QueuedPodInfo, backoff: Bool) {
        var q = pod
        let status = preEnqueue(q.podInfo)
        if !status.isSuccess {
            q.pendingPlugins = status.plugin.isEmpty ? [] : [status.plugin]
            s.gated[q.podInfo.queueKey] = q
            return
        }
        q.pendingPlugins = []
        if backoff {
            s.backoff.addOrUpdate(q)
        } else {
            s.active.addOrUpdate(q)
        }
    }

    func isBackingOff(_ q: QueuedPodInfo, at t: ContinuousClock.Instant) -> Bool {
        q.attempts > 0 && Self.backoffExpiry(q, initial: initialBackoff, max: maxBackoff) > t
    }

    /// Whether an event may help a parked pod: when one of the plugins that rejected it
    /// registered a matching event (plugins without registrations take every event; a pod no
    /// plugin rejected takes every event).
    func podMatches(_ q: QueuedPodInfo, _ event: ClusterEvent) -> Bool {
        if event.resource == .wildcard && event.action == .all { return true }
        let rejectors = q.unschedulablePlugins.union(q.pendingPlugins)
        if rejectors.isEmpty { return true }
        for plugin in rejectors {
            guard let registered = eventsToRegister[plugin] else { return true }
            if registered.contains(where: { event.matches($0) }) { return true }
        }
        return false
    }

    static func popReady(_ s: inout State) -> (pod: QueuedPodInfo, cycle: Int64)? {
        guard var q = s.active.pop() else { return nil }
        q.attempts += 1
        s.schedulingCycle += 1
        s.inFlight.insert(q.podInfo.queueKey)
        return (q, s.schedulingCycle)
    }

    /// Pairs waiting `pop()` callers with ready pods; resumed outside the lock.
    static func takeHandoffs(_ s: inout State) -> [(Waiter, (pod: QueuedPodInfo, cycle: Int64))] {
        var out: [(Waiter, (pod: QueuedPodInfo, cycle: Int64))] = []
        while !s.waiters.isEmpty, let ready = popReady(&s) {
            out.append((s.waiters.removeFirst(), ready))
        }
        return out
    }

    func resume(_ handoffs: [(Waiter, (pod: QueuedPodInfo, cycle: Int64))]) {
        for (w, ready) in handoffs { w.continuation.resume(returning: ready) }
    }

    static func backoffDuration(attempts: Int, initial: Duration, max: Duration) -> Duration {
        var d = initial
        var i = 1
        while i < attempts {
            if d > max - d { return max }
            d += d
            i += 1
        }
        return d > max ? max : d
    }

    static func backoffExpiry(_ q: QueuedPodInfo, initial: Duration, max: Duration) -> ContinuousClock.Instant {
        q.timestamp + backoffDuration(attempts: q.attempts, initial: initial, max: max)
    }

    /// Upstream's isPodUpdated: a change other than status, resourceVersion, generation and
    /// managedFields (status-only writes, including our own condition updates, are not news).
    static func isMeaningfulUpdate(old: PodInfo, new: PodInfo) -> Bool {
        func strip(_ j: JSONValue) -> JSONValue {
            var c = j
            c["status"] = nil
            c.set(["metadata", "resourceVersion"], to: nil)
            c.set(["metadata", "generation"], to: nil)
            c.set(["metadata", "managedFields"], to: nil)
            return c
        }
        return strip(old.pod.json) != strip(new.pod.json)
    }
}
