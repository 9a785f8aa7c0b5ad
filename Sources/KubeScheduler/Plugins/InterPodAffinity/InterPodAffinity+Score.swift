import KubeMachinery

extension InterPodAffinity {
    static let preScoreStateKey = "PreScore" + pluginName

    /// What PreScore's sums depend on besides the nodes (`PerNodeMemo`'s key).
    struct PreScoreShape: Equatable, Sendable {
        var namespace: String
        var labels: [String: String]
        var namespaceLabels: [String: String]?
        var preferredAffinity: [WeightedAffinityTerm]
        var preferredAntiAffinity: [WeightedAffinityTerm]
    }

    /// Weights summed per topology key and value; a node scores the sum over its own labels.
    struct PreScoreState: Sendable {
        var topologyScore: [String: [String: Int64]] = [:]
    }

    public func preScore(_ state: CycleState, _ pod: PodInfo, _ nodes: [NodeInfo]) -> Status {
        guard !nodes.isEmpty else { return .skip }
        let hasPreferredTerms = !pod.preferredAffinityTerms.isEmpty || !pod.preferredAntiAffinityTerms.isEmpty
        if args.ignorePreferredTermsOfExistingPods && !hasPreferredTerms { return .skip }

        let namespaceLabels = handle.namespaceLabels(pod.namespace)
        // Existing pods only contribute through their own terms unless the incoming pod has
        // preferences, so without those only pods with affinity need visiting.
        let share = { (node: NodeInfo) -> PreScoreState? in
            let existingPods = hasPreferredTerms ? node.pods : node.podsWithAffinity
            guard !existingPods.isEmpty, node.node != nil, !node.labels.isEmpty else { return nil }
            var s = PreScoreState()
            for existing in existingPods {
                self.addScores(&s, incoming: pod, existing: existing, labels: node.labels, namespaceLabels: namespaceLabels)
            }
            return s.topologyScore.isEmpty ? nil : s
        }
        let add = { (totals: inout PreScoreState, s: PreScoreState, sign: Int64) in
            for (key, values) in s.topologyScore {
                for (value, weight) in values {
                    let n = (totals.topologyScore[key]?[value] ?? 0) + weight * sign
                    totals.topologyScore[key, default: [:]][value] = n == 0 ? nil : n
                }
            }
        }
        let nodeInfos = handle.snapshotNodeInfos()
        // Without preferences of its own, only pods with affinity can score: usually none.
        if !hasPreferredTerms && !nodeInfos.contains(where: { !$0.podsWithAffinity.isEmpty }) { return .skip }
        // The incoming pod's preferred terms with a namespaceSelector read other namespaces'
        // labels, which no node generation tracks: no shape, counted afresh.
        let readsOtherNamespaces = pod.preferredAffinityTerms.contains { $0.term.namespaceSelector != nil }
            || pod.preferredAntiAffinityTerms.contains { $0.term.namespaceSelector != nil }
        let shape = readsOtherNamespaces ? nil : PreScoreShape(
            namespace: pod.namespace, labels: pod.labels, namespaceLabels: namespaceLabels,
            preferredAffinity: pod.preferredAffinityTerms, preferredAntiAffinity: pod.preferredAntiAffinityTerms)
        var scores = scoreMemo.totals(shape: shape, nodes: nodeInfos, empty: PreScoreState(), share: share, add: add)
        scores.topologyScore = scores.topologyScore.filter { !$0.value.isEmpty }
        if scores.topologyScore.isEmpty { return .skip }
        state.write(Self.preScoreStateKey, FrozenState(scores))
        return .success
    }

    /// The five ways an existing pod moves the score of its topology domains: the incoming pod's
    /// preferred affinity (+) and anti-affinity (-) selecting it, and its own required affinity
    /// (+hardPodAffinityWeight), preferred affinity (+) and preferred anti-affinity (-) selecting
    /// the incoming pod.
    private func addScores(_ s: inout PreScoreState, incoming: PodInfo, existing: PodInfo,
                           labels: [String: String], namespaceLabels: [String: String]?) {
        func add(_ t: AffinityTerm, _ weight: Int64) {
            guard let v = labels[t.topologyKey] else { return }
            s.topologyScore[t.topologyKey, default: [:]][v, default: 0] += weight
        }
        for w in incoming.preferredAffinityTerms where term(w.term, selects: existing) { add(w.term, Int64(w.weight)) }
        for w in incoming.preferredAntiAffinityTerms where term(w.term, selects: existing) { add(w.term, -Int64(w.weight)) }
        if args.hardPodAffinityWeight > 0 {
            for t in existing.requiredAffinityTerms where t.matches(incoming, namespaceLabels: namespaceLabels) {
                add(t, Int64(args.hardPodAffinityWeight))
            }
        }
        for w in existing.preferredAffinityTerms where w.term.matches(incoming, namespaceLabels: namespaceLabels) {
            add(w.term, Int64(w.weight))
        }
        for w in existing.preferredAntiAffinityTerms where w.term.matches(incoming, namespaceLabels: namespaceLabels) {
            add(w.term, -Int64(w.weight))
        }
    }

    public func score(_ state: CycleState, _ pod: PodInfo, _ nodeInfo: NodeInfo) -> (Int64, Status) {
        guard let box = state.read(Self.preScoreStateKey, as: FrozenState<PreScoreState>.self) else {
            return (0, .error("reading \"\(Self.preScoreStateKey)\" from cycleState: not found"))
        }
        var total: Int64 = 0
        for (key, values) in box.value.topologyScore {
            if let v = nodeInfo.labels[key] { total += values[v] ?? 0 }
        }
        return (total, .success)
    }

    public var hasNormalizeScore: Bool { true }

    /// Min-max scaling to 0...100: raw scores can be negative (anti-affinity) and unbounded.
    public func normalizeScores(_ state: CycleState, _ pod: PodInfo, _ scores: inout [NodeScore]) -> Status {
        guard let box = state.read(Self.preScoreStateKey, as: FrozenState<PreScoreState>.self), !box.value.topologyScore.isEmpty,
              let lo = scores.map(\.score).min(), let hi = scores.map(\.score).max() else { return .success }
        let spread = hi - lo
        for i in scores.indices {
            scores[i].score = spread > 0 ? Int64(Double(maxNodeScore) * Double(scores[i].score - lo) / Double(spread)) : 0
        }
        return .success
    }
}
