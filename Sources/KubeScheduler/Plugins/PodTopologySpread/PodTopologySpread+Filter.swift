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
        /// Per constraint: 1 when the incoming pod matches its own selector (it will count once placed).
        /// Computed once here rather than for every node in Filter.
        var selfMatches: [Int] = []

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
                               minCounts: Array(repeating: 0, count: constraints.count),
                               selfMatches: constraints.map { $0.selector.matches(pod.labels) ? 1 : 0 })
        // Node inclusion policies only cost something when they can exclude a node.
        let needsInclusionCheck = constraints.contains { c in
            (c.nodeAffinityPolicy == .honor && (!pod.nodeSelector.isEmpty || pod.requiredNodeAffinity != nil))
                || c.nodeTaintsPolicy == .honor
        }
        // Every node carrying all the keys opens its domains (at 0 if nothing matches there),
        // for the constraints whose inclusion policies let it count.
        let share = { (node: NodeInfo) -> [DomainCount]? in
            guard node.node != nil, Self.hasAllKeys(node.labels, constraints) else { return nil }
            var out: [DomainCount] = []
            out.reserveCapacity(constraints.count)
            for (i, c) in constraints.enumerated() {
                if needsInclusionCheck && !Self.includes(c, pod: pod, node: node) { continue }
                out.append(DomainCount(constraint: i, domain: node.labels[c.topologyKey]!,
                                       count: Int64(Self.countMatching(node.pods, c.selector, namespace: pod.namespace))))
            }
            return out
        }
        let shape = SpreadShape(namespace: pod.namespace, constraints: constraints, requireAllTopologies: true,
                                nodeSelector: pod.nodeSelector, requiredNodeAffinity: pod.requiredNodeAffinity, tolerations: pod.tolerations)
        let totals = filterMemo.totals(
            shape: shape, nodes: nodes, empty: Array(repeating: [:], count: constraints.count), share: share,
            add: { totals, share, sign in
                for d in share {
                    var t = totals[d.constraint][d.domain] ?? DomainTally()
                    t.nodes += Int(sign)
                    t.pods += Int(d.count * sign)
                    totals[d.constraint][d.domain] = t.nodes == 0 ? nil : t
                }
            })
        for i in constraints.indices { s.counts[i] = totals[i].mapValues(\.pods) }
        for i in constraints.indices { s.recomputeMin(i) }
        state.write(Self.preFilterStateKey, FrozenState(s))
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
        guard let box = state.read(Self.preFilterStateKey, as: FrozenState<PreFilterState>.self), !box.value.constraints.isEmpty else { return .success }
        var s = box.value
        guard changed.namespace == incoming.namespace, node.node != nil, Self.hasAllKeys(node.labels, s.constraints) else { return .success }
        for (i, c) in s.constraints.enumerated() where c.selector.matches(changed.labels) && Self.includes(c, pod: incoming, node: node) {
            let domain = node.labels[c.topologyKey]!
            s.counts[i][domain, default: 0] += delta
            s.recomputeMin(i)
        }
        state.write(Self.preFilterStateKey, FrozenState(s))
        return .success
    }

    /// `count(domain) + selfMatch − globalMin ≤ maxSkew` for every constraint.
    public func filter(_ state: CycleState, _ pod: PodInfo, _ nodeInfo: NodeInfo) -> Status {
        guard let box = state.read(Self.preFilterStateKey, as: FrozenState<PreFilterState>.self) else {
            return .error("reading \"\(Self.preFilterStateKey)\" from cycleState: not found")
        }
        let labels = nodeInfo.labels
        for i in box.value.constraints.indices {
            guard let domain = labels[box.value.constraints[i].topologyKey] else {
                return Status(.unschedulableAndUnresolvable, [Self.errReasonNodeLabelNotMatch])
            }
            let skew = (box.value.counts[i][domain] ?? 0) + box.value.selfMatches[i] - box.value.minMatch(i)
            if skew > Int(box.value.constraints[i].maxSkew) {
                return .unschedulable(Self.errReasonConstraintsNotMatch)
            }
        }
        return .success
    }
}
