/// One resource a node lacks for a pod, as NodeResourcesFit's Filter reports it.
public struct InsufficientResource: Sendable, Equatable {
    public var resourceName: String
    /// `Insufficient cpu`, `Too many pods`: the text of the FailedScheduling event.
    public var reason: String
    public var requested: Int64
    public var used: Int64
    public var capacity: Int64
    /// The pod asks for more than the node's whole allocatable: evicting pods cannot help.
    public var unresolvable: Bool

    public init(resourceName: String, reason: String, requested: Int64, used: Int64, capacity: Int64, unresolvable: Bool) {
        self.resourceName = resourceName
        self.reason = reason
        self.requested = requested
        self.used = used
        self.capacity = capacity
        self.unresolvable = unresolvable
    }
}

extension NodeResourcesFit {
    /// Every resource the node cannot spare for `podRequest`, in upstream's order: pod count,
    /// cpu, memory, ephemeral-storage, then extended resources (sorted by name here, so that
    /// messages are stable).
    public static func insufficientResources(_ podRequest: Resource, _ node: NodeInfo,
                                             ignoredResources: Set<String> = [], ignoredResourceGroups: Set<String> = []) -> [InsufficientResource] {
        var out: [InsufficientResource] = []
        let allocatable = node.allocatable
        let podCount = Int64(node.pods.count)
        if podCount + 1 > allocatable.allowedPodNumber {
            out.append(InsufficientResource(resourceName: "pods", reason: "Too many pods", requested: 1, used: podCount,
                                            capacity: allocatable.allowedPodNumber, unresolvable: false))
        }
        if podRequest.milliCPU == 0 && podRequest.memory == 0 && podRequest.ephemeralStorage == 0
            && podRequest.scalar.values.allSatisfy({ $0 == 0 }) {
            return out
        }
        func check(_ name: String, _ want: Int64, _ have: Int64, _ used: Int64) {
            guard want > 0, want > have - used else { return }
            out.append(InsufficientResource(resourceName: name, reason: "Insufficient \(name)", requested: want, used: used,
                                            capacity: have, unresolvable: want > have))
        }
        check("cpu", podRequest.milliCPU, allocatable.milliCPU, node.requested.milliCPU)
        check("memory", podRequest.memory, allocatable.memory, node.requested.memory)
        check("ephemeral-storage", podRequest.ephemeralStorage, allocatable.ephemeralStorage, node.requested.ephemeralStorage)
        for name in podRequest.scalar.keys.sorted() {
            if isExtendedResourceName(name) {
                if ignoredResources.contains(name) { continue }
                if let slash = name.firstIndex(of: "/"), ignoredResourceGroups.contains(String(name[..<slash])) { continue }
            }
            check(name, podRequest.scalar[name] ?? 0, allocatable.scalar[name] ?? 0, node.requested.scalar[name] ?? 0)
        }
        return out
    }

    /// Extended resources are vendor-named (`example.com/gpu`): a `/`, outside `kubernetes.io/`,
    /// and not a quota `requests.` name. Only these may be ignored by configuration.
    static func isExtendedResourceName(_ name: String) -> Bool {
        name.contains("/") && !name.contains("kubernetes.io/") && !name.hasPrefix("requests.")
    }
}
