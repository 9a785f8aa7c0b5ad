import KubeMachinery

/// Amounts of compute resources, in the units the scheduler compares: milli-CPU, bytes, counts.
public struct Resource: Sendable, Equatable {
    public var milliCPU: Int64 = 0
    public var memory: Int64 = 0
    public var ephemeralStorage: Int64 = 0
    /// Node capacity for pods ("pods"); for a pod's request it stays 0.
    public var allowedPodNumber: Int64 = 0
    /// Extended and hugepage resources (`nvidia.com/gpu`, `hugepages-2Mi`), by name.
    public var scalar: [String: Int64] = [:]

    public init(milliCPU: Int64 = 0, memory: Int64 = 0, ephemeralStorage: Int64 = 0, allowedPodNumber: Int64 = 0, scalar: [String: Int64] = [:]) {
        self.milliCPU = milliCPU
        self.memory = memory
        self.ephemeralStorage = ephemeralStorage
        self.allowedPodNumber = allowedPodNumber
        self.scalar = scalar
    }

    /// From a ResourceList JSON object (`{"cpu": "500m", "memory": "1Gi"}`); unparsable entries are ignored.
    public init(list json: JSONValue?) {
        guard let o = json?.objectValue else { return }
        for (name, v) in o {
            guard let s = v.stringValue ?? v.intValue.map({ String($0) }), let q = try? Quantity(parsing: s) else { continue }
            set(name, q)
        }
    }

    public mutating func set(_ name: String, _ q: Quantity) {
        switch name {
        case "cpu": milliCPU = q.milliValue
        case "memory": memory = q.value
        case "ephemeral-storage": ephemeralStorage = q.value
        case "pods": allowedPodNumber = q.value
        default: scalar[name] = Self.isMilliScalar(name) ? q.milliValue : q.value
        }
    }

    /// The amount of a named resource in its comparison unit.
    public func amount(_ name: String) -> Int64 {
        switch name {
        case "cpu": return milliCPU
        case "memory": return memory
        case "ephemeral-storage": return ephemeralStorage
        case "pods": return allowedPodNumber
        default: return scalar[name] ?? 0
        }
    }

    static func isMilliScalar(_ name: String) -> Bool { false }

    public mutating func add(_ o: Resource) {
        milliCPU += o.milliCPU
        memory += o.memory
        ephemeralStorage += o.ephemeralStorage
        allowedPodNumber += o.allowedPodNumber
        for (k, v) in o.scalar { scalar[k, default: 0] += v }
    }

    public mutating func subtract(_ o: Resource) {
        milliCPU -= o.milliCPU
        memory -= o.memory
        ephemeralStorage -= o.ephemeralStorage
        allowedPodNumber -= o.allowedPodNumber
        for (k, v) in o.scalar { scalar[k, default: 0] -= v }
    }

    /// Element-wise maximum (init containers run one at a time, so a pod needs the largest of them).
    public mutating func setMax(_ o: Resource) {
        milliCPU = max(milliCPU, o.milliCPU)
        memory = max(memory, o.memory)
        ephemeralStorage = max(ephemeralStorage, o.ephemeralStorage)
        allowedPodNumber = max(allowedPodNumber, o.allowedPodNumber)
        for (k, v) in o.scalar { scalar[k] = max(scalar[k] ?? 0, v) }
    }

    /// Resource names with a non-zero amount.
    public var names: [String] {
        var n: [String] = []
        if milliCPU != 0 { n.append("cpu") }
        if memory != 0 { n.append("memory") }
        if ephemeralStorage != 0 { n.append("ephemeral-storage") }
        n.append(contentsOf: scalar.filter { $0.value != 0 }.keys.sorted())
        return n
    }
}

/// Upstream's defaults for containers without requests, used only for scoring so that
/// request-less pods still spread (framework/util: DefaultMilliCPURequest, DefaultMemoryRequest).
public enum DefaultRequests {
    public static let milliCPU: Int64 = 100
    public static let memory: Int64 = 200 * 1024 * 1024
}
