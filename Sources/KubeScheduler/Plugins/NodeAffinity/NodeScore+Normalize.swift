extension Array where Element == NodeScore {
    /// Upstream's DefaultNormalizeScore: scales scores so the highest becomes `maxPriority`
    /// (integer division, as upstream). `reverse` turns "more is worse" counts (untolerated
    /// PreferNoSchedule taints) into "fewer is better"; when every count is zero, all nodes are
    /// equally good, which is 0 forward and `maxPriority` reversed.
    mutating func normalizeByMax(_ maxPriority: Int64 = maxNodeScore, reverse: Bool) {
        let highest = self.reduce(Int64(0)) { Swift.max($0, $1.score) }
        if highest == 0 {
            if reverse { for i in indices { self[i].score = maxPriority } }
            return
        }
        for i in indices {
            let scaled = maxPriority * self[i].score / highest
            self[i].score = reverse ? maxPriority - scaled : scaled
        }
    }
}
