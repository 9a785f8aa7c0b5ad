/// The part NodeResourcesFit's strategies and NodeResourcesBalancedAllocation share: for each
/// configured resource, the node's allocatable and what would be requested once the pod lands,
/// handed to a strategy that turns the two lists into a 0...100 score.
struct ResourceAllocationScorer: Sendable {
    var resources: [ResourceSpec]
    /// true: compare real requests (BalancedAllocation). false: use the non-zero defaults for
    /// containers without requests (Fit's strategies), so request-less pods still spread.
    var useRequested: Bool
    var strategy: @Sendable (_ requested: [Int64], _ allocatable: [Int64]) -> Int64

    /// The pod's request for each configured resource, in `resources` order.
    func podRequests(_ pod: PodInfo) -> [Int64] {
        let r = useRequested ? pod.requests : pod.nonZeroRequests
        return resources.map { r.amount($0.name) }
    }

    func score(_ node: NodeInfo, podRequests: [Int64]) -> Int64 {
        var requested = [Int64](repeating: 0, count: resources.count)
        var allocatable = [Int64](repeating: 0, count: resources.count)
        for (i, spec) in resources.enumerated() {
            let (alloc, req) = allocatableAndRequested(node, spec.name, podRequests[i])
            // A resource the node does not have (or the pod does not ask for, for extended
            // resources) does not take part: its entry stays zero and strategies skip it.
            if alloc == 0 { continue }
            allocatable[i] = alloc
            requested[i] = req
        }
        return strategy(requested, allocatable)
    }

    private func allocatableAndRequested(_ node: NodeInfo, _ name: String, _ podRequest: Int64) -> (Int64, Int64) {
        let onNode = useRequested ? node.requested : node.nonZeroRequested
        switch name {
        case "cpu": return (node.allocatable.milliCPU, onNode.milliCPU + podRequest)
        case "memory": return (node.allocatable.memory, onNode.memory + podRequest)
        case "ephemeral-storage": return (node.allocatable.ephemeralStorage, node.requested.ephemeralStorage + podRequest)
        default:
            // Scoring an extended resource the pod does not use would favour nodes without it
            // for reasons unrelated to this pod; upstream bypasses it the same way.
            if podRequest == 0 { return (0, 0) }
            guard let alloc = node.allocatable.scalar[name] else { return (0, 0) }
            return (alloc, (node.requested.scalar[name] ?? 0) + podRequest)
        }
    }
}
