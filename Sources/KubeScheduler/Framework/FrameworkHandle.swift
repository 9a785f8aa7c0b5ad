import KubeAPI
import KubeClient
import KubeMachinery

/// What plugins may use besides their arguments: the API client, the cycle's snapshot, listers
/// for the few other kinds they read, and the framework itself for simulations (preemption
/// re-runs the filters with victims removed).
public protocol FrameworkHandle: Sendable {
    var client: KubeClient { get }
    /// The scheduler's profile name (schedulerName), for events and messages.
    var profileName: String { get }
    /// Every node of the snapshot the current cycle works on.
    func snapshotNodeInfos() -> [NodeInfo]
    func snapshotNodeInfo(named: String) -> NodeInfo?
    /// Labels of a namespace (for affinity terms with a namespaceSelector); nil when unknown.
    func namespaceLabels(_ namespace: String) -> [String: String]?
    /// PodDisruptionBudgets in a namespace, for preemption.
    func podDisruptionBudgets(namespace: String) -> [PodDisruptionBudget]
    /// Selectors of the Services, ReplicationControllers, ReplicaSets and StatefulSets that
    /// select this pod (for PodTopologySpread's system default constraints).
    func ownerSelectors(for pod: PodInfo) -> [LabelSelector]
    /// Pods nominated (by earlier preemptions) to run on a node, not yet bound.
    func nominatedPods(forNode: String) -> [PodInfo]

    /// Records an Event about an object as this profile (e.g. `Preempted` on a preemption victim).
    func recordEvent(regarding object: JSONValue, type: String, reason: String, message: String)
    /// Rejects a pod waiting at Permit (preemption of a waiting victim); false if it was not waiting.
    func rejectWaitingPod(uid: String) -> Bool

    /// Runs PreFilter extensions' `addPod`/`removePod` for every enabled PreFilter plugin.
    func runPreFilterExtensionAddPod(_ state: CycleState, podToSchedule: PodInfo, podToAdd: PodInfo, node: NodeInfo) -> Status
    func runPreFilterExtensionRemovePod(_ state: CycleState, podToSchedule: PodInfo, podToRemove: PodInfo, node: NodeInfo) -> Status
    /// Runs every enabled Filter plugin on one node (stopping at the first failure).
    func runFilterPlugins(_ state: CycleState, _ pod: PodInfo, _ node: NodeInfo) -> Status
    /// As upstream's RunFilterPluginsWithNominatedPods: filters also pass with higher-or-equal
    /// priority pods nominated to the node counted as running there.
    func runFilterPluginsWithNominatedPods(_ state: CycleState, _ pod: PodInfo, _ node: NodeInfo) -> Status
}

extension FrameworkHandle {
    public func recordEvent(regarding object: JSONValue, type: String, reason: String, message: String) {}
    public func rejectWaitingPod(uid: String) -> Bool { false }
}
