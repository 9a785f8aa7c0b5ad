import KubeAPI
import KubeMachinery

/// Makes room for a pod that fits nowhere by evicting lower-priority pods from one node
/// (PostFilter). The pod is then nominated to that node and retried once the victims are gone.
///
/// Steps, as upstream: check the pod may preempt; dry-run every node the filters rejected as
/// `unschedulable` (not `unschedulableAndUnresolvable`: evicting pods cannot fix a node selector),
/// finding the fewest victims that make the pod fit; pick the least harmful candidate; delete its
/// victims and clear lower-priority nominations to that node.
public struct DefaultPreemption: PostFilterPlugin {
    public static let pluginName = "DefaultPreemption"

    public var name: String { Self.pluginName }
    public let args: DefaultPreemptionArgs
    let handle: any FrameworkHandle
    /// Where the dry run starts among the potential nodes (given their count). Random as upstream,
    /// so that concurrent schedulers and successive cycles do not all crowd the first nodes.
    let startOffset: @Sendable (Int) -> Int

    public init(args: DefaultPreemptionArgs = DefaultPreemptionArgs(), handle: any FrameworkHandle,
                startOffset: @escaping @Sendable (Int) -> Int = { Int.random(in: 0..<max($0, 1)) }) {
        self.args = args
        self.handle = handle
        self.startOffset = startOffset
    }

    public static let factory: PluginFactory = { args, handle in
        DefaultPreemption(args: try DefaultPreemptionArgs(json: args), handle: handle)
    }

    static let notHelpfulReason = "Preemption is not helpful for scheduling"
    static let noVictimsReason = "No preemption victims found for incoming pod"

    /// The returned message is the part after "preemption: " (the scheduler core adds that prefix).
    /// A failed preemption answers a result with an empty nominated node name, as upstream: the
    /// pod's stale nomination, if any, should be cleared.
    public func postFilter(_ state: CycleState, _ pod: PodInfo, _ filtered: NodeToStatus) async -> (PostFilterResult?, Status) {
        if let reason = ineligibilityReason(pod, filtered) {
            return (nil, .unschedulable(reason))
        }
        let allNodes = handle.snapshotNodeInfos()
        if allNodes.isEmpty { return (nil, .error("no nodes available")) }
        let potential = allNodes.filter { $0.node != nil && filtered[$0.name].code == .unschedulable }
        if potential.isEmpty {
            if !pod.nominatedNodeName.isEmpty { await clearNominatedNodeName([pod]) }
            return (PostFilterResult(nominatedNodeName: ""),
                    .unschedulable(Self.fitErrorMessage(numAllNodes: allNodes.count, statuses: [:])))
        }

        let (candidates, statuses) = await dryRun(state, pod, potential)
        if candidates.isEmpty {
            if let failure = statuses.values.first(where: { $0.code == .error }) {
                return (nil, failure)
            }
            return (PostFilterResult(nominatedNodeName: ""),
                    .unschedulable(Self.fitErrorMessage(numAllNodes: allNodes.count, statuses: statuses)))
        }
        guard let best = Self.selectCandidate(candidates) else {
            return (nil, .unschedulable("no candidate node for preemption"))
        }
        let prepared = await prepare(best, for: pod)
        guard prepared.isSuccess else { return (nil, prepared) }
        return (PostFilterResult(nominatedNodeName: best.nodeName), .success)
    }

    /// Why the pod may not preempt now, or nil when it may.
    func ineligibilityReason(_ pod: PodInfo, _ filtered: NodeToStatus) -> String? {
        if pod.preemptionPolicy == "Never" {
            return "not eligible due to preemptionPolicy=Never."
        }
        let nominated = pod.nominatedNodeName
        guard !nominated.isEmpty else { return nil }
        // The nominated node no longer suits the pod at all: look elsewhere.
        if filtered[nominated].code == .unschedulableAndUnresolvable { return nil }
        // An earlier preemption for this pod is still under way there: wait for the victims to go
        // instead of evicting more pods.
        if let nodeInfo = handle.snapshotNodeInfo(named: nominated),
           nodeInfo.pods.contains(where: { $0.priority < pod.priority && Self.isTerminatingByPreemption($0) }) {
            return "not eligible due to a terminating pod on the nominated node."
        }
        return nil
    }

    /// A pod being deleted that carries the DisruptionTarget condition preemption sets.
    static func isTerminatingByPreemption(_ p: PodInfo) -> Bool {
        guard p.isTerminating else { return false }
        let conditions = p.pod.json["status"]?["conditions"]?.arrayValue ?? []
        return conditions.contains {
            $0["type"]?.stringValue == "DisruptionTarget" && $0["reason"]?.stringValue == "PreemptionByScheduler"
                && $0["status"]?.stringValue == "True"
        }
    }

    /// Upstream's FitError text: "0/N nodes are available: <count> <reason>, ...", with the nodes
    /// that were not evaluated counted under "Preemption is not helpful for scheduling".
    static func fitErrorMessage(numAllNodes: Int, statuses: [String: Status]) -> String {
        var histogram: [String: Int] = [:]
        for status in statuses.values {
            for reason in status.reasons { histogram[reason, default: 0] += 1 }
        }
        let absent = numAllNodes - statuses.count
        if absent > 0 { histogram[notHelpfulReason, default: 0] += absent }
        let reasons = histogram.map { "\($0.value) \($0.key)" }.sorted()
        var message = "0/\(numAllNodes) nodes are available:"
        if !reasons.isEmpty { message += " " + reasons.joined(separator: ", ") + "." }
        return message
    }
}
