/// The formulas behind NodeResourcesFit's `scoringStrategy.type`, each a weighted mean over the
/// configured resources of a per-resource score in 0...maxNodeScore. Integer arithmetic
/// (truncating) as upstream, so scores match upstream's to the point.
enum ScoringStrategies {
    static func scorer(for strategy: ScoringStrategy) -> ResourceAllocationScorer.Strategy {
        let weights = strategy.resources.map(\.weight)
        switch strategy.type {
        case .leastAllocated:
            return { requested, allocatable in weightedMean(requested, allocatable, weights, leastRequested) }
        case .mostAllocated:
            return { requested, allocatable in weightedMean(requested, allocatable, weights, mostRequested) }
        case .requestedToCapacityRatio:
            let shape = strategy.shape.map {
                ScoringStrategy.UtilizationShapePoint(utilization: $0.utilization,
                                                      score: $0.score * (maxNodeScore / ScoringStrategy.maxCustomPriorityScore))
            }
            return { requested, allocatable in requestedToCapacityRatio(requested, allocatable, weights, shape) }
        }
    }

    /// Free share of the node after placing the pod: empty nodes score highest (spreading).
    static func leastRequested(_ requested: Int64, _ capacity: Int64) -> Int64 {
        if capacity == 0 || requested > capacity { return 0 }
        return (capacity - requested) * maxNodeScore / capacity
    }

    /// Used share of the node after placing the pod: full nodes score highest (bin packing).
    static func mostRequested(_ requested: Int64, _ capacity: Int64) -> Int64 {
        if capacity == 0 { return 0 }
        return min(requested, capacity) * maxNodeScore / capacity
    }

    private static func weightedMean(_ requested: UnsafeBufferPointer<Int64>, _ allocatable: UnsafeBufferPointer<Int64>, _ weights: [Int64],
                                     _ perResource: (Int64, Int64) -> Int64) -> Int64 {
        var total: Int64 = 0, weightSum: Int64 = 0
        for i in requested.indices where allocatable[i] != 0 {
            total += perResource(requested[i], allocatable[i]) * weights[i]
            weightSum += weights[i]
        }
        return weightSum == 0 ? 0 : total / weightSum
    }

    static func requestedToCapacityRatio(_ requested: UnsafeBufferPointer<Int64>, _ allocatable: UnsafeBufferPointer<Int64>, _ weights: [Int64],
                                         _ shape: [ScoringStrategy.UtilizationShapePoint]) -> Int64 {
        let maxUtilization: Int64 = 100
        var total: Int64 = 0, weightSum: Int64 = 0
        for i in requested.indices where allocatable[i] != 0 {
            let utilization = requested[i] > allocatable[i] ? maxUtilization : requested[i] * maxUtilization / allocatable[i]
            let s = brokenLinear(shape, utilization)
            // Upstream leaves resources that score zero out of the mean entirely.
            if s > 0 {
                total += s * weights[i]
                weightSum += weights[i]
            }
        }
        return weightSum == 0 ? 0 : Int64((Double(total) / Double(weightSum)).rounded())
    }

    /// The piecewise-linear curve through the shape's points, flat before the first point and
    /// after the last.
    static func brokenLinear(_ shape: [ScoringStrategy.UtilizationShapePoint], _ p: Int64) -> Int64 {
        guard let first = shape.first, let last = shape.last else { return 0 }
        if p <= first.utilization { return first.score }
        for i in 1..<shape.count where p <= shape[i].utilization {
            let a = shape[i - 1], b = shape[i]
            return a.score + (b.score - a.score) * (p - a.utilization) / (b.utilization - a.utilization)
        }
        return last.score
    }
}
