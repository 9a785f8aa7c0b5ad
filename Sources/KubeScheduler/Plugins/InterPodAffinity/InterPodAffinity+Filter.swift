import KubeMachinery

extension InterPodAffinity {
    static let preFilterStateKey = "PreFilter" + pluginName

    /// What Filter needs, computed once per cycle. A value type so that preemption's cloned
    /// CycleState can be edited (`addPod`/`removePod`) without touching the real cycle.
    struct PreFilterState: Sendable {
        /// Topology pairs holding an existing pod whose required anti-affinity selects the incoming pod.
        var existingAntiAffinityCounts = TopologyCounts()
        /// Topology pairs holding pods that match all of the incoming pod's required affinity terms.
        var affinityCounts = TopologyCounts()
        /// Topology pairs holding pods selected by the incoming pod's required anti-affinity terms.
        var antiAffinityCounts = TopologyCounts()
        /// Labels of the incoming pod's namespace, for existing pods' namespaceSelectors.
        var namespaceLabels: [String: String]?
    }

    public func preFilter(_ state: CycleState, _ pod: PodInfo, _ nodes: [NodeInfo]) -> (PreFilterResult?, Status) {
        if let problem = pod.parseError {
            return (nil, Status(.unschedulableAndUnresolvable, [problem]))
        }
        let s = counts(pod, nodes, namespaceLabels: handle.namespaceLabels(pod.namespace))
        let hasRequiredTerms = !pod.requiredAffinityTerms.isEmpty || !pod.requiredAntiAffinityTerms.isEmpty
        if s.existingAntiAffinityCounts.isEmpty && !hasRequiredTerms {
            return (nil, .skip)
        }
        state.write(Self.preFilterStateKey, FrozenState(s))
        return (nil, .success)
    }

    public var hasPreFilterExtensions: Bool { true }

    public func addPod(_ state: CycleState, podToSchedule: PodInfo, podToAdd: PodInfo, node: NodeInfo) -> Status {
        updateState(state, podToSchedule, podToAdd, node, by: 1)
    }

    public func removePod(_ state: CycleState, podToSchedule: PodInfo, podToRemove: PodInfo, node: NodeInfo) -> Status {
        updateState(state, podToSchedule, podToRemove, node, by: -1)
    }

    private func updateState(_ state: CycleState, _ incoming: PodInfo, _ changed: PodInfo, _ node: NodeInfo, by delta: Int64) -> Status {
        // No state means PreFilter skipped this pod: nothing to keep up to date.
        guard let box = state.read(Self.preFilterStateKey, as: FrozenState<PreFilterState>.self), node.node != nil else { return .success }
        var s = box.value
        s.addExistingAntiAffinity(of: changed, against: incoming, labels: node.labels, by: delta)
        update(&s, incoming: incoming, with: changed, labels: node.labels, by: delta)
        state.write(Self.preFilterStateKey, FrozenState(s))
        return .success
    }

    /// Adds `delta` for `existing` (on a node with `labels`) to the counts of the incoming pod's own terms.
    func update(_ s: inout PreFilterState, incoming: PodInfo, with existing: PodInfo, labels: [String: String], by delta: Int64) {
        if podMatchesAll(incoming.requiredAffinityTerms, existing) {
            for t in incoming.requiredAffinityTerms {
                if let v = labels[t.topologyKey] { s.affinityCounts.add(t.topologyKey, v, delta) }
            }
        }
        for t in incoming.requiredAntiAffinityTerms where term(t, selects: existing) {
            if let v = labels[t.topologyKey] { s.antiAffinityCounts.add(t.topologyKey, v, delta) }
        }
    }

    public func filter(_ state: CycleState, _ pod: PodInfo, _ nodeInfo: NodeInfo) -> Status {
        guard let box = state.read(Self.preFilterStateKey, as: FrozenState<PreFilterState>.self) else {
            return .error("reading \"\(Self.preFilterStateKey)\" from cycleState: not found")
        }
        guard nodeInfo.node != nil else { return .error("node not found") }
        let labels = nodeInfo.labels
        if !satisfiesPodAffinity(box.value.affinityCounts, pod, labels) {
            return Status(.unschedulableAndUnresolvable, [Self.errReasonAffinityRulesNotMatch])
        }
        if !satisfiesPodAntiAffinity(box.value.antiAffinityCounts, pod, labels) {
            return .unschedulable(Self.errReasonAntiAffinityRulesNotMatch)
        }
        if box.value.existingAntiAffinityCounts.anyPositive(in: labels) {
            return .unschedulable(Self.errReasonExistingAntiAffinityRulesNotMatch)
        }
        return .success
    }

    private func satisfiesPodAntiAffinity(_ counts: TopologyCounts, _ pod: PodInfo, _ labels: [String: String]) -> Bool {
        guard !counts.isEmpty else { return true }
        for t in pod.requiredAntiAffinityTerms {
            if let v = labels[t.topologyKey], counts.count(t.topologyKey, v) > 0 {
                return false
            }
        }
        return true
    }

    private func satisfiesPodAffinity(_ counts: TopologyCounts, _ pod: PodInfo, _ labels: [String: String]) -> Bool {
        var podsExist = true
        for t in pod.requiredAffinityTerms {
            // The node must carry every topology key the terms name.
            guard let v = labels[t.topologyKey] else { return false }
            if counts.count(t.topologyKey, v) <= 0 { podsExist = false }
        }
        if podsExist { return true }
        // The first pod of a group with affinity to itself: no pod anywhere matches the terms, but
        // the pod matches them itself, so it may go anywhere that has the topology keys; otherwise
        // such a group could never start.
        return counts.isEmpty && podMatchesAll(pod.requiredAffinityTerms, pod)
    }
}

extension InterPodAffinity.PreFilterState {
    /// Counts the existing pod's required anti-affinity terms that select the incoming pod.
    mutating func addExistingAntiAffinity(of existing: PodInfo, against incoming: PodInfo, labels: [String: String], by delta: Int64) {
        for t in existing.requiredAntiAffinityTerms where t.matches(incoming, namespaceLabels: namespaceLabels) {
            if let v = labels[t.topologyKey] { existingAntiAffinityCounts.add(t.topologyKey, v, delta) }
        }
    }
}
