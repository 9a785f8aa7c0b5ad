import Synchronization

/// Totals a plugin sums over every node of the snapshot (pods matching a selector per
/// topology domain, say), remembered with each node's share and generation for the last few
/// `Shape`s of question asked (most recently used kept), so that the next cycle asking one of
/// them again (replicas of a workload, several workloads scaling at once) recounts only the
/// nodes that changed since. Upstream recounts every node each cycle, in parallel over
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

    /// Most recently used last.
    private let entries = Mutex<[Entry]>([])
    let capacity: Int

    init(capacity: Int = 16) { self.capacity = Swift.max(1, capacity) }

    /// Moves the entry for `shape` out, if there is one.
    private func take(_ shape: Shape) -> Entry? {
        entries.withLock { list in
            guard let i = list.lastIndex(where: { $0.shape == shape }) else { return nil }
            return list.remove(at: i)
        }
    }

    private func keep(_ entry: Entry) {
        entries.withLock { list in
            list.append(entry)
            if list.count > capacity { list.removeFirst(list.count - capacity) }
        }
    }

    /// The totals over `nodes` for `shape`. `share` computes one node's share (nil: none);
    /// `add` adds a share to the totals with sign +1 or takes it away with -1. A nil shape
    /// (the shares depend on something no node generation tracks) counts every node afresh
    /// and remembers nothing.
    func totals(shape: Shape?, nodes: [NodeInfo], empty: Totals,
                share: (NodeInfo) -> Share?, add: (inout Totals, Share, Int64) -> Void) -> Totals {
        guard let shape else {
            var totals = empty
            for i in nodes.indices { if let s = share(nodes[i]) { add(&totals, s, 1) } }
            return totals
        }
        // Moved out of the list and bound once, so its arrays stay uniquely referenced and are
        // updated in place (a second binding would make the first write copy them all).
        if var e = take(shape), e.names.count == nodes.count {
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
                keep(e)
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
        keep(e)
        return totals
    }
}
