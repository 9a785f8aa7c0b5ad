import Synchronization

/// When each node was last heard from, by this controller's own clock (upstream's
/// `nodeHealthMap` with its probe timestamps). A kubelet's timestamps come from another
/// machine's clock, so they are only compared for change: a new Ready heartbeat or a new
/// Lease renewTime counts as a sign of life *now*. A node first seen gets a full grace period.
final class NodeHealthTracker: Sendable {
    private struct Record {
        var heartbeat: String?
        var leaseRenew: String?
        var probe: ContinuousClock.Instant
        /// The Ready status this controller last acted on (for NodeNotReady transitions).
        var lastReady: String?
    }
    private let records = Mutex<[String: Record]>([:])

    /// Records what the node and its Lease say now; returns when it was last heard from.
    func observe(node: String, heartbeat: String?, leaseRenew: String?, now: ContinuousClock.Instant) -> ContinuousClock.Instant {
        records.withLock { r in
            guard var rec = r[node] else {
                r[node] = Record(heartbeat: heartbeat, leaseRenew: leaseRenew, probe: now)
                return now
            }
            if rec.heartbeat != heartbeat || rec.leaseRenew != leaseRenew {
                // A missing value after a present one is no sign of life.
                if (heartbeat != nil && heartbeat != rec.heartbeat) || (leaseRenew != nil && leaseRenew != rec.leaseRenew) {
                    rec.probe = now
                }
                rec.heartbeat = heartbeat
                rec.leaseRenew = leaseRenew
            }
            r[node] = rec
            return rec.probe
        }
    }

    /// The Ready status last acted on.
    func lastReady(node: String) -> String? { records.withLock { $0[node]?.lastReady } }

    /// Records the Ready status acted on, once the actions it called for succeeded.
    func setReady(node: String, _ status: String?) {
        records.withLock { $0[node]?.lastReady = status }
    }

    func forget(node: String) {
        records.withLock { _ = $0.removeValue(forKey: node) }
    }
}
