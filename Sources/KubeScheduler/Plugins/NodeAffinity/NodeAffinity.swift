import KubeMachinery

/// Places pods only on nodes whose labels satisfy `spec.nodeSelector` and the required node
/// affinity (plus the profile's `addedAffinity`), and ranks nodes by the weights of the
/// preferred terms they match.
public struct NodeAffinity: PreFilterPlugin, FilterPlugin, PreScorePlugin, ScorePlugin, EnqueueExtensions {
    public static let name = "NodeAffinity"
    public var name: String { Self.name }

    public static let errReasonPod = "node(s) didn't match Pod's node affinity/selector"
    public static let errReasonEnforced = "node(s) didn't match scheduler-enforced node affinity"
    public static let errReasonConflict = "pod affinity terms conflict"

    static let preFilterStateKey = "PreFilter" + name
    static let preScoreStateKey = "PreScore" + name
    struct PreFilterState: Sendable { var required: RequiredNodeAffinity }
    struct PreScoreState: Sendable { var preferred: [PreferredSchedulingTerm] }

    public let args: NodeAffinityArgs

    public init(args: NodeAffinityArgs = NodeAffinityArgs()) { self.args = args }
    public init(json: JSONValue?) throws { self.init(args: try NodeAffinityArgs(json: json)) }

    // MARK: Filter

    public func preFilter(_ state: CycleState, _ pod: PodInfo, _ nodes: [NodeInfo]) -> (PreFilterResult?, Status) {
        if pod.requiredNodeAffinity == nil && args.addedRequired == nil && pod.nodeSelector.isEmpty {
            return (nil, .skip)
        }
        state.write(Self.preFilterStateKey, PreFilterState(required: RequiredNodeAffinity(pod: pod)))
        guard let terms = pod.requiredNodeAffinity?.terms, !terms.isEmpty else { return (nil, .success) }
        guard let names = Self.nodeNamesNamedBy(terms) else { return (nil, .success) }
        if names.isEmpty { return (nil, .unresolvable(Self.errReasonConflict)) }
        return (PreFilterResult(nodeNames: names), .success)
    }

    /// The only nodes the terms can match when every term pins `metadata.name In [...]` (the
    /// way DaemonSet pods target their node), or nil when some term allows any name. Within a
    /// term the requirements are ANDed (intersection); the terms are ORed (union).
    static func nodeNamesNamedBy(_ terms: [NodeSelectorTerm]) -> Set<String>? {
        var union = Set<String>()
        for term in terms {
            var termNames: Set<String>?
            for r in term.matchFields where r.key == "metadata.name" && r.operator == .in {
                termNames = termNames.map { $0.intersection(r.values) } ?? Set(r.values)
            }
            guard let termNames else { return nil }
            union.formUnion(termNames)
        }
        return union
    }

    public func filter(_ state: CycleState, _ pod: PodInfo, _ node: NodeInfo) -> Status {
        if let added = args.addedRequired, !added.matches(labels: node.labels, nodeName: node.name) {
            return .unresolvable(Self.errReasonEnforced)
        }
        let required = state.read(Self.preFilterStateKey, as: PreFilterState.self)?.required ?? RequiredNodeAffinity(pod: pod)
        return required.matches(node) ? .success : .unresolvable(Self.errReasonPod)
    }

    // MARK: Score

    public func preScore(_ state: CycleState, _ pod: PodInfo, _ nodes: [NodeInfo]) -> Status {
        if nodes.isEmpty { return .success }
        if pod.preferredNodeAffinity.isEmpty && args.addedPreferred.isEmpty { return .skip }
        state.write(Self.preScoreStateKey, PreScoreState(preferred: pod.preferredNodeAffinity))
        return .success
    }

    public func score(_ state: CycleState, _ pod: PodInfo, _ node: NodeInfo) -> (Int64, Status) {
        let preferred = state.read(Self.preScoreStateKey, as: PreScoreState.self)?.preferred ?? pod.preferredNodeAffinity
        return (Self.sumOfMatchingWeights(args.addedPreferred, node) + Self.sumOfMatchingWeights(preferred, node), .success)
    }

    static func sumOfMatchingWeights(_ terms: [PreferredSchedulingTerm], _ node: NodeInfo) -> Int64 {
        var sum: Int64 = 0
        for t in terms where t.weight != 0 && t.preference.matches(labels: node.labels, nodeName: node.name) {
            sum += Int64(t.weight)
        }
        return sum
    }

    public var hasNormalizeScore: Bool { true }

    public func normalizeScores(_ state: CycleState, _ pod: PodInfo, _ scores: inout [NodeScore]) -> Status {
        scores.normalizeByMax(reverse: false)
        return .success
    }

    /// Only label changes (or new nodes) can make a node match.
    public var eventsToRegister: [ClusterEvent] {
        [ClusterEvent(.node, [.add, .updateNodeLabel])]
    }
}
