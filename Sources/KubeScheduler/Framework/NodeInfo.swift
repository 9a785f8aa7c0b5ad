import KubeAPI
import KubeMachinery

/// A node with the pods on it (bound and assumed) and the totals the filters compare against.
/// A value type: the cache keeps the master copies, a cycle's snapshot holds copies (cheap: the
/// arrays inside are shared until written), and preemption edits its own copies freely.
public struct NodeInfo: Sendable {
    public private(set) var node: Node?
    public private(set) var name: String
    public private(set) var labels: [String: String] = [:]
    public private(set) var taints: [Taint] = []
    public private(set) var unschedulable = false
    public private(set) var allocatable = Resource()
    /// Images present on the node (`status.images`), by every name they are known by, with sizes
    /// and how many nodes have them (filled in by the cache).
    public var imageStates: [String: ImageStateSummary] = [:]

    public private(set) var pods: [PodInfo] = []
    /// Pods with any (anti-)affinity: what InterPodAffinity looks at.
    public private(set) var podsWithAffinity: [PodInfo] = []
    public private(set) var podsWithRequiredAntiAffinity: [PodInfo] = []
    public private(set) var requested = Resource()
    public private(set) var nonZeroRequested = Resource()
    public private(set) var usedPorts: [HostPortInfo] = []
    /// Bumped on every change; the snapshot copies only nodes whose generation moved.
    public internal(set) var generation: Int64 = 0

    public init(node: Node) {
        self.name = node.name
        setNode(node)
    }

    /// A node known only through its pods (a pod bound before its Node object arrived).
    public init(name: String) { self.name = name }

    public mutating func setNode(_ node: Node) {
        self.node = node
        name = node.name
        labels = node.labels
        let spec = node.json["spec"] ?? [:]
        taints = spec["taints"]?.arrayValue?.compactMap(Taint.init(json:)) ?? []
        unschedulable = spec["unschedulable"]?.boolValue ?? false
        allocatable = Resource(list: node.json["status"]?["allocatable"])
    }

    public mutating func removeNode() { node = nil }

    public mutating func addPod(_ p: PodInfo) {
        pods.append(p)
        if p.hasAffinityConstraints { podsWithAffinity.append(p) }
        if p.hasRequiredAntiAffinity { podsWithRequiredAntiAffinity.append(p) }
        requested.add(p.requests)
        nonZeroRequested.add(p.nonZeroRequests)
        usedPorts.append(contentsOf: p.hostPorts)
    }

    /// Removes the pod with this uid (or key when uids are absent); false if it was not here.
    @discardableResult
    public mutating func removePod(_ p: PodInfo) -> Bool {
        guard let i = pods.firstIndex(where: { Self.same($0, p) }) else { return false }
        let old = pods.remove(at: i)
        podsWithAffinity.removeAll { Self.same($0, p) }
        podsWithRequiredAntiAffinity.removeAll { Self.same($0, p) }
        requested.subtract(old.requests)
        nonZeroRequested.subtract(old.nonZeroRequests)
        for port in old.hostPorts {
            if let j = usedPorts.firstIndex(of: port) { usedPorts.remove(at: j) }
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
