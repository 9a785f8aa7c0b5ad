import KubeAPI
import KubeMachinery

/// Pod affinity and anti-affinity between pods (`spec.affinity.podAffinity`/`podAntiAffinity`),
/// required terms as a filter and preferred terms as a score.
///
/// PreFilter counts, per topology pair (`zone=a`), the pods that make a node (in)eligible; Filter
/// only looks those counts up for the node's labels. Preemption keeps the counts right through
/// `addPod`/`removePod` rather than recomputing them.
public struct InterPodAffinity: PreFilterPlugin, FilterPlugin, PreScorePlugin, ScorePlugin, EnqueueExtensions {
    public static let pluginName = "InterPodAffinity"

    public static let errReasonExistingAntiAffinityRulesNotMatch = "node(s) didn't satisfy existing pods anti-affinity rules"
    public static let errReasonAffinityRulesNotMatch = "node(s) didn't match pod affinity rules"
    public static let errReasonAntiAffinityRulesNotMatch = "node(s) didn't match pod anti-affinity rules"

    public var name: String { Self.pluginName }
    public let args: InterPodAffinityArgs
    let handle: any FrameworkHandle
    /// PreFilter counts remembered from the previous cycle (see `PerNodeMemo`).
    let memo = PreFilterMemo()
    /// PreScore sums remembered from the previous cycle.
    let scoreMemo = PerNodeMemo<PreScoreShape, PreScoreState, PreScoreState>()

    public init(args: InterPodAffinityArgs = InterPodAffinityArgs(), handle: any FrameworkHandle) {
        self.args = args
        self.handle = handle
    }

    public static let factory: PluginFactory = { args, handle in
        InterPodAffinity(args: try InterPodAffinityArgs(json: args), handle: handle)
    }

    /// A pod appearing, leaving or relabelled can satisfy or break terms; so can a node gaining
    /// (or being relabelled into) a topology domain.
    public var eventsToRegister: [ClusterEvent] {
        [ClusterEvent(.pod, [.add, .updatePodLabel, .delete]),
         ClusterEvent(.node, [.add, .updateNodeLabel])]
    }

    /// Whether `term` of some pod selects `pod`. The namespace labels are looked up only when the
    /// term lists no matching namespace and carries a namespaceSelector, because that lookup is
    /// the expensive part for clusters with many pods.
    func term(_ term: AffinityTerm, selects pod: PodInfo) -> Bool {
        // Almost every term names one namespace (the pod's own): compare instead of hashing.
        let namespaces = term.namespaces
        let listed = namespaces.count == 1 ? namespaces.first! == pod.namespace : namespaces.contains(pod.namespace)
        if listed { return term.selector.matches(pod.labels) }
        guard term.namespaceSelector != nil else { return false }
        return term.matches(pod, namespaceLabels: handle.namespaceLabels(pod.namespace))
    }

    /// Whether one pod satisfies every required affinity term at once (upstream requires a single
    /// pod to match all terms for it to count towards affinity).
    func podMatchesAll(_ terms: [AffinityTerm], _ pod: PodInfo) -> Bool {
        guard !terms.isEmpty else { return false }
        return terms.allSatisfy { term($0, selects: pod) }
    }
}
