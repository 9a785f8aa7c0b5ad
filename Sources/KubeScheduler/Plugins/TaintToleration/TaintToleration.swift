/// Keeps pods off nodes with NoSchedule/NoExecute taints they do not tolerate, and prefers nodes
/// with fewer untolerated PreferNoSchedule taints.
public struct TaintToleration: FilterPlugin, PreScorePlugin, ScorePlugin, EnqueueExtensions {
    public static let name = "TaintToleration"
    public var name: String { Self.name }

    static let preScoreStateKey = "PreScore" + name
    struct PreScoreState: Sendable { var tolerationsPreferNoSchedule: [Toleration] }

    public init() {}

    /// Built once: a set literal in `filter` would be built per node.
    static let filterEffects: Set<Taint.Effect> = [.noSchedule, .noExecute]

    public func filter(_ state: CycleState, _ pod: PodInfo, _ node: NodeInfo) -> Status {
        let taints = node.taints
        // Most nodes have no taints at all.
        if taints.isEmpty { return .success }
        guard let taint = Self.firstUntoleratedTaint(taints, pod.tolerations, effects: Self.filterEffects) else {
            return .success
        }
        // Preemption cannot remove a taint, hence unresolvable.
        return .unresolvable("node(s) had untolerated taint \(taint.untoleratedDescription)")
    }

    /// The first taint with one of `effects` that no toleration tolerates (upstream
    /// FindMatchingUntoleratedTaint with the DoNotSchedule filter).
    public static func firstUntoleratedTaint(_ taints: [Taint], _ tolerations: [Toleration], effects: Set<Taint.Effect>) -> Taint? {
        taints.first { t in effects.contains(t.effect) && !tolerations.contains { $0.tolerates(t) } }
    }

    // MARK: Score

    public func preScore(_ state: CycleState, _ pod: PodInfo, _ nodes: [NodeInfo]) -> Status {
        if nodes.isEmpty { return .success }
        // Only tolerations that can apply to PreferNoSchedule taints matter for scoring.
        let relevant = pod.tolerations.filter { $0.effect == nil || $0.effect == .preferNoSchedule }
        state.write(Self.preScoreStateKey, PreScoreState(tolerationsPreferNoSchedule: relevant))
        return .success
    }

    /// The raw score is a count of untolerated PreferNoSchedule taints; normalization reverses it.
    public func score(_ state: CycleState, _ pod: PodInfo, _ node: NodeInfo) -> (Int64, Status) {
        let taints = node.taints
        // No taints, nothing to count: skip reading the cycle state (this runs per node).
        if taints.isEmpty { return (0, .success) }
        let tolerations = state.read(Self.preScoreStateKey, as: PreScoreState.self)?.tolerationsPreferNoSchedule
            ?? pod.tolerations.filter { $0.effect == nil || $0.effect == .preferNoSchedule }
        var count: Int64 = 0
        for t in taints where t.effect == .preferNoSchedule && !tolerations.contains(where: { $0.tolerates(t) }) {
            count += 1
        }
        return (count, .success)
    }

    public var hasNormalizeScore: Bool { true }

    public func normalizeScores(_ state: CycleState, _ pod: PodInfo, _ scores: inout [NodeScore]) -> Status {
        scores.normalizeByMax(reverse: true)
        return .success
    }

    /// A taint removed from a node, a new node, or a toleration added to the pod.
    public var eventsToRegister: [ClusterEvent] {
        [ClusterEvent(.node, [.add, .updateNodeTaint]), ClusterEvent(.pod, .updatePodTolerations)]
    }
}
