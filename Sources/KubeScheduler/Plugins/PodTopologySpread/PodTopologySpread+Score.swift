import Foundation
import KubeMachinery

extension PodTopologySpread {
    static let preScoreStateKey = "PreScore" + pluginName

    struct PreScoreState: Sendable {
        var constraints: [TopologySpreadConstraint] = []
        /// Per constraint: domain value → matching pods, for the domains of the filtered nodes.
        /// Hostname constraints: node name → matching pods on that node (one domain per node).
        var counts: [[String: Int64]] = []
        /// Per constraint: log(domains + 2), so that a skew weighs more where there are more domains.
        var weights: [Double] = []
        /// Filtered nodes lacking a required topology key: they score 0.
        var ignoredNodes: Set<String> = []
    }

    public func preScore(_ state: CycleState, _ pod: PodInfo, _ nodes: [NodeInfo]) -> Status {
        guard !nodes.isEmpty else { return .skip }
        let constraints = constraints(for: pod, .scheduleAnyway)
        guard !constraints.isEmpty else { return .skip }
        let requireAllTopologies = !pod.topologySpreadConstraints.isEmpty || !systemDefaulted

        var s = PreScoreState(constraints: constraints, counts: Array(repeating: [:], count: constraints.count))
        // Indexed loops throughout: copying a NodeInfo retains every array in it.
        for n in nodes.indices {
            let labels = nodes[n].labels
            if requireAllTopologies && !Self.hasAllKeys(labels, constraints) {
                s.ignoredNodes.insert(nodes[n].name)
                continue
            }
            for (i, c) in constraints.enumerated() where c.topologyKey != Self.hostnameLabel {
                // A node without the key still opens a domain "" upstream; kept for identical weights.
                let domain = labels[c.topologyKey] ?? ""
                if s.counts[i][domain] == nil { s.counts[i][domain] = 0 }
            }
        }
        s.weights = constraints.enumerated().map { i, c in
            let size = c.topologyKey == Self.hostnameLabel ? nodes.count - s.ignoredNodes.count : s.counts[i].count
            return log(Double(size + 2))
        }

        // Count over every node of the cluster, not only the filtered ones: pods on nodes that did
        // not pass still make their domain crowded. Only domains of filtered nodes are kept.
        let totals = domainTotals(pod, constraints, requireAllTopologies: requireAllTopologies)
        for i in constraints.indices {
            if constraints[i].topologyKey == Self.hostnameLabel {
                s.counts[i] = totals[i]  // per node name: Score reads the node's own count
            } else {
                for domain in s.counts[i].keys { s.counts[i][domain] = totals[i][domain] ?? 0 }
            }
        }
        state.write(Self.preScoreStateKey, FrozenState(s))
        return .success
    }

    /// Matching pods per domain for each constraint over every node of the snapshot (for
    /// hostname constraints, per node name, whatever the inclusion policies: Score counts a
    /// node's own pods), through the memo (see `PerNodeMemo`).
    func domainTotals(_ pod: PodInfo, _ constraints: [TopologySpreadConstraint], requireAllTopologies: Bool) -> [[String: Int64]] {
        let shape = SpreadShape(namespace: pod.namespace, constraints: constraints, requireAllTopologies: requireAllTopologies,
                                nodeSelector: pod.nodeSelector, requiredNodeAffinity: pod.requiredNodeAffinity, tolerations: pod.tolerations)
        return memo.totals(
            shape: shape, nodes: handle.snapshotNodeInfos(), empty: Array(repeating: [:], count: constraints.count),
            share: { node in
                guard !node.pods.isEmpty, node.node != nil else { return nil }
                let labels = node.labels
                if requireAllTopologies && !Self.hasAllKeys(labels, constraints) { return nil }
                var share: [DomainCount] = []
                for (i, c) in constraints.enumerated() {
                    let hostname = c.topologyKey == Self.hostnameLabel
                    guard hostname || Self.includes(c, pod: pod, node: node) else { continue }
                    let n = Self.countMatching(node.pods, c.selector, namespace: pod.namespace)
                    // A node without the key still counts under the domain "", as upstream.
                    let domain = hostname ? node.name : labels[c.topologyKey] ?? ""
                    if n > 0 { share.append(DomainCount(constraint: i, domain: domain, count: Int64(n))) }
                }
                return share.isEmpty ? nil : share
            },
            add: { totals, share, sign in
                for d in share {
                    let n = (totals[d.constraint][d.domain] ?? 0) + d.count * sign
                    totals[d.constraint][d.domain] = n == 0 ? nil : n
                }
            })
    }

    /// The sum over constraints of `count × weight + (maxSkew − 1)`: fewer matching pods nearby
    /// means a lower raw score, which NormalizeScore turns into a higher final one.
    public func score(_ state: CycleState, _ pod: PodInfo, _ nodeInfo: NodeInfo) -> (Int64, Status) {
        guard let box = state.read(Self.preScoreStateKey, as: FrozenState<PreScoreState>.self) else {
            return (0, .error("reading \"\(Self.preScoreStateKey)\" from cycleState: not found"))
        }
        if box.value.ignoredNodes.contains(nodeInfo.name) { return (0, .success) }
        var total = 0.0
        for (i, c) in box.value.constraints.enumerated() {
            guard let domain = nodeInfo.labels[c.topologyKey] else { continue }
            let count = c.topologyKey == Self.hostnameLabel
                ? box.value.counts[i][nodeInfo.name] ?? 0
                : box.value.counts[i][domain] ?? 0
            total += Double(count) * box.value.weights[i] + Double(c.maxSkew - 1)
        }
        return (Int64(total.rounded()), .success)
    }

    public var hasNormalizeScore: Bool { true }

    /// Inverts and scales to 0...100: `100 × (max + min − score) / max`; ignored nodes get 0 and,
    /// when every node scored 0, all get 100.
    public func normalizeScores(_ state: CycleState, _ pod: PodInfo, _ scores: inout [NodeScore]) -> Status {
        guard let box = state.read(Self.preScoreStateKey, as: FrozenState<PreScoreState>.self) else { return .success }
        let s = box.value
        var lo = Int64.max
        var hi: Int64 = 0
        for n in scores where !s.ignoredNodes.contains(n.name) {
            lo = min(lo, n.score)
            hi = max(hi, n.score)
        }
        for i in scores.indices {
            if s.ignoredNodes.contains(scores[i].name) {
                scores[i].score = 0
            } else if hi == 0 {
                scores[i].score = maxNodeScore
            } else {
                scores[i].score = maxNodeScore * (hi + lo - scores[i].score) / hi
            }
        }
        return .success
    }
}
