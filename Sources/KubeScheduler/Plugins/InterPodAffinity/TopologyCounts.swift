/// Pod counts per topology pair (`zone=a`), grouped by topology key. Terms name only a few keys,
/// so Filter asks "does this node sit in a counted domain" with one label lookup per key instead of
/// hashing a (key, value) pair for every label of the node.
struct TopologyCounts: Sendable {
    private(set) var keys: [String] = []
    private var counts: [[String: Int64]] = []

    /// No pair has a non-zero count.
    var isEmpty: Bool { keys.isEmpty }

    /// Adds `delta` to the pair; pairs that reach zero are dropped (and keys left without pairs),
    /// because the first-pod affinity rule asks whether any pair is left.
    mutating func add(_ key: String, _ value: String, _ delta: Int64) {
        let i: Int
        if let j = keys.firstIndex(of: key) {
            i = j
        } else {
            guard delta != 0 else { return }
            keys.append(key)
            counts.append([:])
            i = keys.count - 1
        }
        let n = (counts[i][value] ?? 0) + delta
        counts[i][value] = n == 0 ? nil : n
        if counts[i].isEmpty {
            keys.remove(at: i)
            counts.remove(at: i)
        }
    }

    func count(_ key: String, _ value: String) -> Int64 {
        guard let i = keys.firstIndex(of: key) else { return 0 }
        return counts[i][value] ?? 0
    }

    /// Whether one of the node's labels is a pair with a positive count.
    func anyPositive(in labels: [String: String]) -> Bool {
        for i in keys.indices {
            if let v = labels[keys[i]], (counts[i][v] ?? 0) > 0 { return true }
        }
        return false
    }

    /// Adds every pair of `other`, multiplied by `sign`.
    mutating func add(_ other: TopologyCounts, times sign: Int64) {
        for i in other.keys.indices {
            for (value, n) in other.counts[i] { add(other.keys[i], value, n * sign) }
        }
    }

    /// The counts as nested dictionaries, for comparisons that must not depend on key order.
    var byKey: [String: [String: Int64]] {
        Dictionary(uniqueKeysWithValues: keys.indices.map { (keys[$0], counts[$0]) })
    }
}
