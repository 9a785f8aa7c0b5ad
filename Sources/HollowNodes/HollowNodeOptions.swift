/// How a set of hollow nodes presents itself: names, size, placement labels, taints and the
/// rhythm of its heartbeats.
public struct HollowNodeOptions: Sendable {
    /// How many nodes to simulate.
    public var count: Int
    /// Node `i` is named `namePrefix + i`.
    public var namePrefix: String
    /// `status.capacity` (and `status.allocatable`, which hollow nodes report equal).
    public var capacity: [String: String]
    /// Labels every node carries, on top of the kubelet's own (`kubernetes.io/hostname`,
    /// `kubernetes.io/os`, `kubernetes.io/arch`).
    public var labels: [String: String]
    /// `topology.kubernetes.io/zone` values, assigned round-robin by node index; none when empty.
    public var zones: [String]
    public var taints: [Taint]
    /// `spec.leaseDurationSeconds` of each node's Lease.
    public var leaseDuration: Duration
    /// How often each Lease is renewed; renewals of different nodes are spread over the interval.
    public var renewInterval: Duration
    /// How often each node's status (condition heartbeat times) is re-posted.
    public var statusUpdateInterval: Duration
    /// Delay between a pod appearing on a node and it being reported Running.
    public var podStartLatency: Duration
    /// Whether pods bound to hollow nodes are reported Running (off: they stay Pending).
    public var markPodsRunning: Bool
    /// API writes in flight at once across all nodes (registration, heartbeats, pod status).
    public var maxConcurrentWrites: Int

    public init(count: Int, namePrefix: String = "hollow-node-",
                capacity: [String: String] = HollowNodeOptions.defaultCapacity,
                labels: [String: String] = [:], zones: [String] = [], taints: [Taint] = [],
                leaseDuration: Duration = .seconds(40), renewInterval: Duration = .seconds(10),
                statusUpdateInterval: Duration = .seconds(60), podStartLatency: Duration = .zero,
                markPodsRunning: Bool = true, maxConcurrentWrites: Int = 16) {
        self.count = count
        self.namePrefix = namePrefix
        self.capacity = capacity
        self.labels = labels
        self.zones = zones
        self.taints = taints
        self.leaseDuration = leaseDuration
        self.renewInterval = renewInterval
        self.statusUpdateInterval = statusUpdateInterval
        self.podStartLatency = podStartLatency
        self.markPodsRunning = markPodsRunning
        self.maxConcurrentWrites = max(1, maxConcurrentWrites)
    }

    public static let defaultCapacity: [String: String] = [
        "cpu": "4", "memory": "16Gi", "pods": "110", "ephemeral-storage": "100Gi",
    ]

    /// The name of node `index`.
    public func nodeName(_ index: Int) -> String { namePrefix + String(index) }
}

/// A node taint (`spec.taints[]`).
public struct Taint: Sendable, Hashable {
    public enum Effect: String, Sendable, CaseIterable {
        case noSchedule = "NoSchedule", preferNoSchedule = "PreferNoSchedule", noExecute = "NoExecute"
    }
    public var key: String
    public var value: String
    public var effect: Effect

    public init(key: String, value: String = "", effect: Effect) {
        self.key = key
        self.value = value
        self.effect = effect
    }

    /// Parses kubectl's `key=value:Effect` (or `key:Effect`) form.
    public init?(parsing text: String) {
        guard let colon = text.lastIndex(of: ":"),
              let effect = Effect(rawValue: String(text[text.index(after: colon)...])) else { return nil }
        let kv = text[..<colon]
        if let eq = kv.firstIndex(of: "=") {
            key = String(kv[..<eq])
            value = String(kv[kv.index(after: eq)...])
        } else {
            key = String(kv)
            value = ""
        }
        if key.isEmpty { return nil }
        self.effect = effect
    }
}
