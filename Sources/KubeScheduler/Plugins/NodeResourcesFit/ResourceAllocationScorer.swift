/// The part NodeResourcesFit's strategies and NodeResourcesBalancedAllocation share: for each
/// configured resource, the node's allocatable and what would be requested once the pod lands,
/// handed to a strategy that turns the two lists into a 0...100 score.
///
/// Runs once per plugin per feasible node, so the two lists live in a stack buffer (no heap
/// allocation per node) and resource names are resolved to a kind once, at configuration.
/// A class: plugins are structs called through existentials, and each call copied this value
/// (arrays and a closure: several retains per node); a reference copies with one.
final class ResourceAllocationScorer: Sendable {
    /// A strategy reads `requested[i]` and `allocatable[i]` for each configured resource;
    /// entries with allocatable 0 do not take part.
    typealias Strategy = @Sendable (_ requested: UnsafeBufferPointer<Int64>, _ allocatable: UnsafeBufferPointer<Int64>) -> Int64

    enum Kind: Sendable {
        case cpu, memory, ephemeralStorage
        case scalar(String)

        init(_ name: String) {
            switch name {
            case "cpu": self = .cpu
            case "memory": self = .memory
            case "ephemeral-storage": self = .ephemeralStorage
            default: self = .scalar(name)
            }
        }
    }

    let resources: [ResourceSpec]
    let kinds: [Kind]
    /// true: compare real requests (BalancedAllocation). false: use the non-zero defaults for
    /// containers without requests (Fit's strategies), so request-less pods still spread.
    let useRequested: Bool
    let strategy: Strategy

    init(resources: [ResourceSpec], useRequested: Bool, strategy: @escaping Strategy) {
        self.resources = resources
        self.kinds = resources.map { Kind($0.name) }
        self.useRequested = useRequested
        self.strategy = strategy
    }

    /// The pod's request for each configured resource, in `resources` order.
    func podRequests(_ pod: PodInfo) -> [Int64] {
        let r = useRequested ? pod.requests : pod.nonZeroRequests
        return resources.map { r.amount($0.name) }
    }

    /// Scores with the pod's requests read straight from the pod (what PreScore would store),
    /// sparing a cycle-state read and an array per node.
    func score(_ node: NodeInfo, pod: PodInfo) -> Int64 {
        let r = useRequested ? pod.requests : pod.nonZeroRequests
        return score(node) { i in
            switch kinds[i] {
            case .cpu: return r.milliCPU
            case .memory: return r.memory
            case .ephemeralStorage: return r.ephemeralStorage
            case let .scalar(name): return r.scalar[name] ?? 0
            }
        }
    }

    func score(_ node: NodeInfo, podRequests: [Int64]) -> Int64 {
        score(node) { podRequests[$0] }
    }

    private func score(_ node: NodeInfo, podRequest: (Int) -> Int64) -> Int64 {
        let n = kinds.count
        let onNode = useRequested ? node.requested : node.nonZeroRequested
        let nodeAllocatable = node.allocatable
        return withUnsafeTemporaryAllocation(of: Int64.self, capacity: max(2 * n, 1)) { buf in
            buf.initialize(repeating: 0)
            for i in 0..<n {
                let (alloc, req) = Self.allocatableAndRequested(kinds[i], nodeAllocatable, onNode, node.requested, podRequest(i))
                // A resource the node does not have (or the pod does not ask for, for extended
                // resources) does not take part: its entry stays zero and strategies skip it.
                if alloc == 0 { continue }
                buf[n + i] = alloc
                buf[i] = req
            }
            let base = UnsafePointer(buf.baseAddress!)
            return strategy(UnsafeBufferPointer(start: base, count: n), UnsafeBufferPointer(start: base + n, count: n))
        }
    }

    private static func allocatableAndRequested(_ kind: Kind, _ allocatable: Resource, _ onNode: Resource, _ requested: Resource,
                                                _ podRequest: Int64) -> (Int64, Int64) {
        switch kind {
        case .cpu: return (allocatable.milliCPU, onNode.milliCPU + podRequest)
        case .memory: return (allocatable.memory, onNode.memory + podRequest)
        case .ephemeralStorage: return (allocatable.ephemeralStorage, requested.ephemeralStorage + podRequest)
        case let .scalar(name):
            // Scoring an extended resource the pod does not use would favour nodes without it
            // for reasons unrelated to this pod; upstream bypasses it the same way.
            if podRequest == 0 { return (0, 0) }
            guard let alloc = allocatable.scalar[name] else { return (0, 0) }
            return (alloc, (requested.scalar[name] ?? 0) + podRequest)
        }
    }
}
