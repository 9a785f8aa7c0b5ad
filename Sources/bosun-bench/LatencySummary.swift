/// Order statistics of a set of latencies, in seconds.
struct LatencySummary: Sendable {
    let count: Int
    let p50: Double
    let p99: Double
    let max: Double
    let mean: Double

    init(seconds samples: [Double]) {
        let sorted = samples.sorted()
        count = sorted.count
        p50 = Self.percentile(sorted, 0.50)
        p99 = Self.percentile(sorted, 0.99)
        max = sorted.last ?? 0
        mean = sorted.isEmpty ? 0 : sorted.reduce(0, +) / Double(sorted.count)
    }

    /// Nearest-rank percentile: the smallest sample with at least `q` of the samples at or
    /// below it. With 20 samples p99 is therefore the maximum, which is the honest reading.
    static func percentile(_ sorted: [Double], _ q: Double) -> Double {
        guard !sorted.isEmpty else { return 0 }
        let rank = Int((q * Double(sorted.count)).rounded(.up))
        return sorted[Swift.max(0, Swift.min(sorted.count - 1, rank - 1))]
    }
}
