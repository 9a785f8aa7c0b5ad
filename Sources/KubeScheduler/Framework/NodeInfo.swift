import KubeAPI
import KubeMachinery

/// A node with the pods on it (bound and assumed) and the totals the filters compare against.
/// A value type: the cache keeps the master copies, a cycle's snapshot holds copies, and
/// preemption edits its own copies freely.
///
/// The fields live in one immutable box: every filter and score call over thousands of nodes
/// copies NodeInfos in and out of arrays, and with a dozen stored fields each copy cost a dozen
/// retains. Now a copy is one retain; a mutation (rare: cache updates, preemption) builds a new box.
public struct NodeInfo: Sendable {
    /// The fields, as plain values.
    struct Fields {
        var node: Node?
        var name: String
        var labels: [String: String] = [:]
        var taints: [Taint] = []
        var unschedulable = false
        var allocatable = Resource()
        var imageStates: [String: ImageStateSummary] = [:]
        var pods: [PodInfo] = []
        var podsWithAffinity: [PodInfo] = []
        var podsWithRequiredAntiAffinity: [PodInfo] = []
        var requested = Resource()
        var nonZeroRequested = Resource()
        var usedPorts: [HostPortInfo] = []
        var generation: Int64 = 0
    }

    /// Immutable, so it can be shared across tasks and read without exclusivity checks (a
    /// `var` in a class costs a runtime access check per read, and filters read per node).
    /// A mutation swaps in a new box.
    final class Storage: Sendable {
        let f: Fields
        init(_ f: Fields) { self.f = f }
    }

    private var storage: Storage

    /// Applies `change` to the fields and stores them in a fresh box.
    private mutating func mutate(_ change: (inout Fields) -> Void) {
        var f = storage.f
        // Drop this value's hold on the old box first, so arrays inside it that nobody else
        // shares are unique again and grow in place instead of being copied.
        storage = Self.empty
        change(&f)
        storage = Storage(f)
    }

    private static let empty = Storage(Fields(name: ""))

    public var node: Node? { storage.f.node }
    public var name: String { storage.f.name }
    public var labels: [String: String] { storage.f.labels }
    public var taints: [Taint] { storage.f.taints }
    public var unschedulable: Bool { storage.f.unschedulable }
    public var allocatable: Resource { storage.f.allocatable }
    /// Images present on the node (`status.images`), by every name they are known by, with sizes
    /// and how many nodes have them (filled in by the cache).
    public var imageStates: [String: ImageStateSummary] {
        get { storage.f.imageStates }
        set { mutate { $0.imageStates = newValue } }
    }

    public var pods: [PodInfo] { storage.f.pods }
    /// Pods with any (anti-)affinity: what InterPodAffinity looks at.
    public var podsWithAffinity: [PodInfo] { storage.f.podsWithAffinity }
    public var podsWithRequiredAntiAffinity: [PodInfo] { storage.f.podsWithRequiredAntiAffinity }
    public var requested: Resource { storage.f.requested }
    public var nonZeroRequested: Resource { storage.f.nonZeroRequested }
    public var usedPorts: [HostPortInfo] { storage.f.usedPorts }
    /// Bumped on every change; the snapshot copies only nodes whose generation moved.
    public internal(set) var generation: Int64 {
        get { storage.f.generation }
        set { mutate { $0.generation = newValue } }
    }

    public init(node: Node) {
        storage = Storage(Fields(name: node.name))
        setNode(node)
    }

    /// A node known only through its pods (a pod bound before its Node object arrived).
    public init(name: String) { storage = Storage(Fields(name: name)) }

    public mutating func setNode(_ node: Node) {
        let spec = node.json["spec"] ?? [:]
        mutate { s in
            s.node = node
            s.name = node.name
            s.labels = node.labels
            s.taints = spec["taints"]?.arrayValue?.compactMap(Taint.init(json:)) ?? []
            s.unschedulable = spec["unschedulable"]?.boolValue ?? false
            s.allocatable = Resource(list: node.json["status"]?["allocatable"])
        }
    }

    public mutating func removeNode() { mutate { $0.node = nil } }

    public mutating func addPod(_ p: PodInfo) {
        mutate { s in
            s.pods.append(p)
            if p.hasAffinityConstraints { s.podsWithAffinity.append(p) }
            if p.hasRequiredAntiAffinity { s.podsWithRequiredAntiAffinity.append(p) }
            s.requested.add(p.requests)
            s.nonZeroRequested.add(p.nonZeroRequests)
            s.usedPorts.append(contentsOf: p.hostPorts)
        }
    }

    /// Removes the pod with this uid (or key when uids are absent); false if it was not here.
    @discardableResult
    public mutating func removePod(_ p: PodInfo) -> Bool {
        guard let i = storage.f.pods.firstIndex(where: { Self.same($0, p) }) else { return false }
        mutate { s in
            let old = s.pods.remove(at: i)
            s.podsWithAffinity.removeAll { Self.same($0, p) }
            s.podsWithRequiredAntiAffinity.removeAll { Self.same($0, p) }
            s.requested.subtract(old.requests)
            s.nonZeroRequested.subtract(old.nonZeroRequests)
            for port in old.hostPorts {
                if let j = s.usedPorts.firstIndex(of: port) { s.usedPorts.remove(at: j) }
            }
        }
        return true
    }

    static func same(_ a: PodInfo, _ b: PodInfo) -> Bool {
        if !a.uid.isEmpty && !b.uid.isEmpty { return a.uid == b.uid }
        return a.key == b.key
    }
}

/// An image's size and spread, for ImageLocality.
public struct ImageStateSummary: Sendable, Equatable {
    public var size: Int64
    public var numNodes: Int
    public init(size: Int64, numNodes: Int) {
        self.size = size
        self.numNodes = numNodes
    }
}
