/// The question InterPodAffinity's PreFilter counts answer, for `PerNodeMemo`: everything
/// besides the nodes that the counts depend on.
struct PreFilterShape: Equatable, Sendable {
    var namespace: String
    var labels: [String: String]
    var namespaceLabels: [String: String]?
    var requiredAffinity: [AffinityTerm]
    var requiredAntiAffinity: [AffinityTerm]
}

extension InterPodAffinity {
    typealias PreFilterMemo = PerNodeMemo<PreFilterShape, PreFilterState, PreFilterState>

    /// The memo's shape for this pod, or nil when the counts also depend on something no node
    /// generation tracks: the incoming pod's own terms with a namespaceSelector read other
    /// namespaces' labels, which can change on their own.
    func memoShape(_ pod: PodInfo, namespaceLabels: [String: String]?) -> PreFilterShape? {
        if pod.requiredAffinityTerms.contains(where: { $0.namespaceSelector != nil })
            || pod.requiredAntiAffinityTerms.contains(where: { $0.namespaceSelector != nil }) { return nil }
        return PreFilterShape(namespace: pod.namespace, labels: pod.labels, namespaceLabels: namespaceLabels,
                              requiredAffinity: pod.requiredAffinityTerms, requiredAntiAffinity: pod.requiredAntiAffinityTerms)
    }

    /// The counts over `nodes`, from the memo where the shape allows.
    func counts(_ pod: PodInfo, _ nodes: [NodeInfo], namespaceLabels: [String: String]?) -> PreFilterState {
        var empty = PreFilterState()
        empty.namespaceLabels = namespaceLabels
        // Most pods have no terms and most clusters no required anti-affinity: one cheap look
        // per node (as upstream's list of nodes with such pods) settles it.
        if pod.requiredAffinityTerms.isEmpty && pod.requiredAntiAffinityTerms.isEmpty
            && !nodes.contains(where: { !$0.podsWithRequiredAntiAffinity.isEmpty }) {
            return empty
        }
        return memo.totals(shape: memoShape(pod, namespaceLabels: namespaceLabels), nodes: nodes, empty: empty,
                           share: { node in self.share(pod, node, namespaceLabels) },
                           add: { totals, s, sign in totals.add(s, times: sign) })
    }

    /// One node's contribution to the counts: existing pods there whose required anti-affinity
    /// selects the incoming pod, and pods there that the incoming pod's required terms select.
    func share(_ pod: PodInfo, _ node: NodeInfo, _ namespaceLabels: [String: String]?) -> PreFilterState? {
        guard node.node != nil, !node.pods.isEmpty else { return nil }
        var s = PreFilterState()
        s.namespaceLabels = namespaceLabels
        let labels = node.labels
        for existing in node.podsWithRequiredAntiAffinity {
            s.addExistingAntiAffinity(of: existing, against: pod, labels: labels, by: 1)
        }
        if !pod.requiredAffinityTerms.isEmpty || !pod.requiredAntiAffinityTerms.isEmpty {
            for existing in node.pods {
                update(&s, incoming: pod, with: existing, labels: labels, by: 1)
            }
        }
        return s.existingAntiAffinityCounts.isEmpty && s.affinityCounts.isEmpty && s.antiAffinityCounts.isEmpty ? nil : s
    }
}

extension InterPodAffinity.PreFilterState {
    /// Adds (or, with -1, takes away) another state's counts.
    mutating func add(_ other: Self, times sign: Int64) {
        existingAntiAffinityCounts.add(other.existingAntiAffinityCounts, times: sign)
        affinityCounts.add(other.affinityCounts, times: sign)
        antiAffinityCounts.add(other.antiAffinityCounts, times: sign)
    }
}
