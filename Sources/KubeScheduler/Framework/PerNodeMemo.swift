import Synchronization

/// Totals a plugin sums over every node of the snapshot (pods matching a selector per
/// topology domain, say), remembered with each node's share and generation for the last
/// `Shape` of question asked, so that the next cycle asking the same question (replicas of one
/// workload arrive one after another) recounts only the nodes that changed since: usually the
/// one that took the previous pod. Upstream recounts every node each cycle, in parallel over
/// many cores; on two cores this is what keeps such plugins affordable at thousands of nodes.
///
/// A node's share is trusted only when its generation is positive (stamped by the scheduler
/// cache) and unchanged. When the node list changed (a node added or removed) or the shape
/// did, everything is recounted once. `Shape` must capture everything besides the nodes that
/// the shares depend on.
final class PerNodeMemo<Shape: Equatable & Sendable, Share: Sendable, Totals: Sendable>: Sendable {
    struct Entry: Sendable {
        var shape: Shape
        var names: [String]
        var generations: [Int64]
        var shares: [Share?]
        var totals: Totals
    }

    private let last = Mutex<Entry?>(nil)

    init() {}

    /// The totals over `nodes` for `shape`. `share` computes one node's share (nil: none);
    /// `add` adds a share to the totals with sign +1 or takes it away with -1.
    func totals(shape: Shape, nodes: [NodeInfo], empty: Totals,
                share: (NodeInfo) -> Share?, add: (inout Totals, Share, Int64) -> Void) -> Totals {
        // Moved out of the lock and bound once, so its arrays stay uniquely referenced and are
        // updated in place (a second binding would make the first write copy them all).
        if var e = last.withLock({ e in defer { e = nil }; return e }), e.shape == shape, e.names.count == nodes.count {
            var sameNodes = true
            for i in nodes.indices {
                guard e.names[i] == nodes[i].name else { sameNodes = false; break }
                let generation = nodes[i].generation
                if generation > 0 && e.generations[i] == generation { continue }
                if let old = e.shares[i] { add(&e.totals, old, -1) }
                let fresh = share(nodes[i])
                if let fresh { add(&e.totals, fresh, 1) }
                e.shares[i] = fresh
                e.generations[i] = generation
            }
            if sameNodes {
                let totals = e.totals
                last.withLock { $0 = e }
                return totals
            }
        }
        var e = Entry(shape: shape, names: [], generations: [], shares: [], totals: empty)
        e.names.reserveCapacity(nodes.count)
        e.generations.reserveCapacity(nodes.count)
        e.shares.reserveCapacity(nodes.count)
        for i in nodes.indices {
            let fresh = share(nodes[i])
            if let fresh { add(&e.totals, fresh, 1) }
            e.names.append(nodes[i].name)
            e.generations.append(nodes[i].generation)
            e.shares.append(fresh)
        }
        let totals = e.totals
        last.withLock { $0 = e }
        return totals
    }
}
