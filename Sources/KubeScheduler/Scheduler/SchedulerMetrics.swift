import Synchronization

/// Counters benchmarks and tests read: attempts by result (upstream's
/// scheduler_schedule_attempts_total{result}) and end-to-end latency from first enqueue to bind.
public final class SchedulerMetrics: Sendable {
    let scheduledCount = Atomic<Int>(0)
    let unschedulableCount = Atomic<Int>(0)
    let errorCount = Atomic<Int>(0)
    let boundCount = Atomic<Int>(0)
    let bindingFailures = Atomic<Int>(0)
    let e2eNanos = Atomic<Int>(0)
    let e2eMaxNanos = Atomic<Int>(0)
    let cycleNanos = Atomic<Int>(0)

    public init() {}

    public struct Values: Sendable, Equatable {
        /// Cycles that picked a node.
        public var scheduled: Int
        public var unschedulable: Int
        public var error: Int
        /// Pods whose binding succeeded.
        public var bound: Int
        public var bindingFailures: Int
        /// Mean and max time from a pod's first enqueue to its successful binding.
        public var meanE2ELatency: Duration
        public var maxE2ELatency: Duration
        /// Total time spent in scheduling cycles (excluding binding).
        public var totalCycleTime: Duration
    }

    public var values: Values {
        let bound = boundCount.load(ordering: .relaxed)
        return Values(scheduled: scheduledCount.load(ordering: .relaxed), unschedulable: unschedulableCount.load(ordering: .relaxed),
                      error: errorCount.load(ordering: .relaxed), bound: bound, bindingFailures: bindingFailures.load(ordering: .relaxed),
                      meanE2ELatency: .nanoseconds(bound == 0 ? 0 : e2eNanos.load(ordering: .relaxed) / bound),
                      maxE2ELatency: .nanoseconds(e2eMaxNanos.load(ordering: .relaxed)),
                      totalCycleTime: .nanoseconds(cycleNanos.load(ordering: .relaxed)))
    }

    func recordBound(e2e: Duration) {
        let ns = Int(e2e.components.seconds) * 1_000_000_000 + Int(e2e.components.attoseconds / 1_000_000_000)
        boundCount.add(1, ordering: .relaxed)
        e2eNanos.add(ns, ordering: .relaxed)
        var cur = e2eMaxNanos.load(ordering: .relaxed)
        while ns > cur {
            let (exchanged, original) = e2eMaxNanos.compareExchange(expected: cur, desired: ns, ordering: .relaxed)
            if exchanged { break }
            cur = original
        }
    }

    func recordCycle(_ d: Duration) {
        cycleNanos.add(Int(d.components.seconds) * 1_000_000_000 + Int(d.components.attoseconds / 1_000_000_000), ordering: .relaxed)
    }
}
