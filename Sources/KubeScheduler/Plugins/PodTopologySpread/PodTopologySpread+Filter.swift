import KubeMachinery

extension PodTopologySpread {
    static let preFilterStateKey = "PreFilter" + pluginName

    /// Matching-pod counts per domain for each DoNotSchedule constraint. A value type so that
    /// preemption can edit a cloned CycleState freely.
    struct PreFilterState: Sendable {
        var constraints: [TopologySpreadConstraint] = []
        /// Per constraint: domain value → matching pods. Every eligible domain has an entry, even at 0.
        var counts: [[String: Int]] = []
        /// Per constraint: the smallest count over its domains (kept up to date by add/removePod so
        /// Filter, called for every node, does not rescan the domains).
        var minCounts: [Int] = []

        /// The global minimum Filter compares against: 0 while there are fewer domains than
        /// minDomains (unset means 1), so pods may still go to new domains.
        func minMatch(_ i: Int) -> Int {
            let minDomains = Int(constraints[i].minDomains ?? 1)
            return counts[i].count < minDomains ? 0 : minCounts[i]
        }

        mutating func recomputeMin(_ i: Int) {
            minCounts[i] = counts[i].values.min() ?? 0
        }
    }

    public func preFilter(_ state: CycleState, _ pod: PodInfo, _ nodes: [NodeInfo]) -> (PreFilterResult?, Status) {
        let constraints = constraints(for: pod, .doNotSchedule)
        guard !constraints.isEmpty else { return (nil, .skip) }
        var s = PreFilterState(constraints: constraints, counts: Array(repeating: [:], count: constraints.count),
                               minCounts: Array(repeating: 0, count: constraints.count))
        for nodeInfo in nodes where nodeInfo.node != nil && Self.hasAllKeys(nodeInfo.labels, constraints) {
            for (i, c) in constraints.enumerated() where Self.includes(c, pod: pod, node: nodeInfo) {
                let domain = nodeInfo.labels[c.topologyKey]!
                s.counts[i][domain, default: 0] += Self.countMatching(nodeInfo.pods, c.selector, namespace: pod.namespace)
            }
        }
        for i in constraints.indices { s.recomputeMin(i) }
        state.write(Self.preFilterStateKey, s)
        return (nil, .success)
    }

    public var hasPreFilterExtensions: Bool { true }

    public func addPod(_ state: CycleState, podToSchedule: PodInfo, podToAdd: PodInfo, node: NodeInfo) -> Status {
        update(state, podToSchedule, podToAdd, node, by: 1)
    }

    public func removePod(_ state: CycleState, podToSchedule: PodInfo, podToRemove: PodInfo, node: NodeInfo) -> Status {
        update(state, podToSchedule, podToRemove, node, by: -1)
    }

    private func update(_ state: CycleState, _ incoming: PodInfo, _ changed: PodInfo, _ node: NodeInfo, by delta: Int) -> Status {
        guard var s = state.read(Self.preFilterStateKey, as: PreFilterState.self), !s.constraints.isEmpty else { return .success }
        guard changed.namespace == incoming.namespace, node.node != nil, Self.hasAllKeys(node.labels, s.constraints) else { return .success }
        for (i, c) in s.constraints.enumerated() where c.selector.matches(changed.labels) && Self.includes(c, pod: incoming, node: node) {
            let domain = node.labels[c.topologyKey]!
            s.counts[i][domain, default: 0] += delta
            s.recomputeMin(i)
        }
        state.write(Self.preFilterStateKey, s)
        return .success
    }

    /// `count(domain) + selfMatch − globalMin ≤ maxSkew` for every constraint.
    public func filter(_ state: CycleState, _ pod: PodInfo, _ nodeInfo: NodeInfo) -> Status {
        guard let s = state.read(Self.preFilterStateKey, as: PreFilterState.self) else {
            return .error("reading \"\(Self.preFilterStateKey)\" from cycleState: not found")
        }
        for (i, c) in s.constraints.enumerated() {
            guard let domain = nodeInfo.labels[c.topologyKey] else {
                return Status(.unschedulableAndUnresolvable, [Self.errReasonNodeLabelNotMatch])
            }
            let selfMatch = c.selector.matches(pod.labels) ? 1 : 0
            let skew = (s.counts[i][domain] ?? 0) + selfMatch - s.minMatch(i)
            if skew > Int(c.maxSkew) {
                return .unschedulable(Self.errReasonConstraintsNotMatch)
            }
        }
        return .success
    }
}
