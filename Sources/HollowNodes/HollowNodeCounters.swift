import Synchronization

/// API writes made by the hollow kubelets, for benchmarks to report cost per pod and per node.
public struct HollowNodeCounters: Sendable, Hashable {
    /// Pod status writes (pods/status), one per pod transition.
    public var podStatusWrites: Int
    /// Final pod deletes (a terminating pod's containers "stopped").
    public var podDeletes: Int
    /// Lease renewals.
    public var leaseRenewals: Int
    /// Node status writes (heartbeats of conditions), registration excluded.
    public var nodeStatusWrites: Int
    /// Writes that failed (conflicts, pods gone, server errors).
    public var failedWrites: Int
}

/// The live counters behind `HollowNodeCounters`.
final class HollowNodeCounterSet: Sendable {
    let podStatusWrites = Atomic<Int>(0)
    let podDeletes = Atomic<Int>(0)
    let leaseRenewals = Atomic<Int>(0)
    let nodeStatusWrites = Atomic<Int>(0)
    let failedWrites = Atomic<Int>(0)

    var snapshot: HollowNodeCounters {
        HollowNodeCounters(podStatusWrites: podStatusWrites.load(ordering: .relaxed),
                           podDeletes: podDeletes.load(ordering: .relaxed),
                           leaseRenewals: leaseRenewals.load(ordering: .relaxed),
                           nodeStatusWrites: nodeStatusWrites.load(ordering: .relaxed),
                           failedWrites: failedWrites.load(ordering: .relaxed))
    }
}
