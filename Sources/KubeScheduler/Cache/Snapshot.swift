import Synchronization

/// The nodes one scheduling cycle works on: a copy of the cache taken at the cycle's start, so
/// that filters and scores see one consistent cluster while informers keep changing the cache.
///
/// `SchedulerCache.updateSnapshot(_:)` refreshes it in place, copying only nodes whose
/// generation moved since the last refresh (at 5,000 nodes a full copy per cycle would cost
/// more than the cycle itself). Reads hand out copy-on-write arrays: cheap, and safe if a reader
/// holds one across the next refresh.
public final class Snapshot: Sendable {
    struct State {
        var nodeInfos: [NodeInfo] = []
        var indexByName: [String: Int] = [:]
        /// The cache generation this snapshot reflects.
        var generation: Int64 = -1
    }

    let state = Mutex(State())

    public init() {}

    /// A snapshot of fixed nodes (tests, simulations).
    public init(nodeInfos: [NodeInfo]) {
        state.withLock { s in
            s.nodeInfos = nodeInfos
            for (i, n) in nodeInfos.enumerated() { s.indexByName[n.name] = i }
        }
    }

    /// Every node with a Node object.
    public var nodeInfos: [NodeInfo] { state.withLock { $0.nodeInfos } }
    public var count: Int { state.withLock { $0.nodeInfos.count } }

    public func nodeInfo(named name: String) -> NodeInfo? {
        state.withLock { s in s.indexByName[name].map { s.nodeInfos[$0] } }
    }

    /// Nodes running at least one pod with (anti-)affinity terms. Filtered on each read: no
    /// plugin needs it per cycle, and keeping it per refresh cost a walk over every node.
    public var havePodsWithAffinityNodeInfos: [NodeInfo] { nodeInfos.filter { !$0.podsWithAffinity.isEmpty } }
    /// Nodes running at least one pod with required anti-affinity terms.
    public var havePodsWithRequiredAntiAffinityNodeInfos: [NodeInfo] { nodeInfos.filter { !$0.podsWithRequiredAntiAffinity.isEmpty } }

    public var generation: Int64 { state.withLock { $0.generation } }
}
