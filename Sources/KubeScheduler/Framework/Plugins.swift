import KubeMachinery

// The extension points of the scheduling framework. A plugin is one small type that conforms to
// the points it implements; a profile enables plugins by name per point (see Config/).

public protocol Plugin: Sendable {
    var name: String { get }
}

/// Orders the active queue (one per profile set; upstream: PrioritySort).
public protocol QueueSortPlugin: Plugin {
    func less(_ a: QueuedPodInfo, _ b: QueuedPodInfo) -> Bool
}

/// Gates a pod before it may enter the active queue (e.g. scheduling gates).
public protocol PreEnqueuePlugin: Plugin {
    func preEnqueue(_ pod: PodInfo) -> Status
}

/// Runs once per cycle before filtering; may narrow the node set and precompute state.
/// `nodes` is every node in the cycle's snapshot.
public protocol PreFilterPlugin: Plugin {
    func preFilter(_ state: CycleState, _ pod: PodInfo, _ nodes: [NodeInfo]) -> (PreFilterResult?, Status)
    /// Whether `addPod`/`removePod` keep this plugin's PreFilter state right when preemption
    /// simulates removing victims or adding nominated pods.
    var hasPreFilterExtensions: Bool { get }
    func addPod(_ state: CycleState, podToSchedule: PodInfo, podToAdd: PodInfo, node: NodeInfo) -> Status
    func removePod(_ state: CycleState, podToSchedule: PodInfo, podToRemove: PodInfo, node: NodeInfo) -> Status
}

extension PreFilterPlugin {
    public var hasPreFilterExtensions: Bool { false }
    public func addPod(_ state: CycleState, podToSchedule: PodInfo, podToAdd: PodInfo, node: NodeInfo) -> Status { .success }
    public func removePod(_ state: CycleState, podToSchedule: PodInfo, podToRemove: PodInfo, node: NodeInfo) -> Status { .success }
}

/// Says whether the pod may run on one node. Called concurrently for many nodes: must not mutate shared state.
public protocol FilterPlugin: Plugin {
    func filter(_ state: CycleState, _ pod: PodInfo, _ node: NodeInfo) -> Status
}

/// Runs when no node passed the filters (upstream: DefaultPreemption).
public protocol PostFilterPlugin: Plugin {
    func postFilter(_ state: CycleState, _ pod: PodInfo, _ filtered: NodeToStatus) async -> (PostFilterResult?, Status)
}

/// Runs once before scoring with the nodes that passed filtering.
public protocol PreScorePlugin: Plugin {
    func preScore(_ state: CycleState, _ pod: PodInfo, _ nodes: [NodeInfo]) -> Status
}

/// Ranks one feasible node (0...100 after normalization). Called concurrently for many nodes.
public protocol ScorePlugin: Plugin {
    func score(_ state: CycleState, _ pod: PodInfo, _ node: NodeInfo) -> (Int64, Status)
    /// Whether `normalizeScores` does anything (upstream: ScoreExtensions() != nil).
    var hasNormalizeScore: Bool { get }
    func normalizeScores(_ state: CycleState, _ pod: PodInfo, _ scores: inout [NodeScore]) -> Status
}

extension ScorePlugin {
    public var hasNormalizeScore: Bool { false }
    public func normalizeScores(_ state: CycleState, _ pod: PodInfo, _ scores: inout [NodeScore]) -> Status { .success }
}

/// Claims (and on failure releases) per-node resources the plugin tracks itself.
public protocol ReservePlugin: Plugin {
    func reserve(_ state: CycleState, _ pod: PodInfo, nodeName: String) async -> Status
    func unreserve(_ state: CycleState, _ pod: PodInfo, nodeName: String) async
}

/// Approves, rejects or delays (`.wait` with a timeout) the binding of a reserved pod.
public protocol PermitPlugin: Plugin {
    func permit(_ state: CycleState, _ pod: PodInfo, nodeName: String) async -> (Status, Duration)
}

public protocol PreBindPlugin: Plugin {
    func preBind(_ state: CycleState, _ pod: PodInfo, nodeName: String) async -> Status
}

/// Binds the pod; the first bind plugin that does not return `.skip` wins (upstream: DefaultBinder).
public protocol BindPlugin: Plugin {
    func bind(_ state: CycleState, _ pod: PodInfo, nodeName: String) async -> Status
}

public protocol PostBindPlugin: Plugin {
    func postBind(_ state: CycleState, _ pod: PodInfo, nodeName: String) async
}

/// The cluster events after which a pod this plugin rejected may fit: the queue moves such pods
/// out of the unschedulable sub-queue only on these events (upstream EnqueueExtensions).
public protocol EnqueueExtensions: Plugin {
    var eventsToRegister: [ClusterEvent] { get }
}

/// Makes a plugin from its args (the profile's `pluginConfig[].args`, if any) and the framework handle.
public typealias PluginFactory = @Sendable (_ args: JSONValue?, _ handle: any FrameworkHandle) throws -> any Plugin

/// A change in the cluster that may make unschedulable pods schedulable.
public struct ClusterEvent: Sendable, Hashable, CustomStringConvertible {
    public enum Resource: String, Sendable, Hashable {
        case pod = "Pod", assignedPod = "AssignedPod", unscheduledPod = "UnscheduledPod", node = "Node",
             namespace = "Namespace", podDisruptionBudget = "PodDisruptionBudget", wildcard = "*"
    }
    public struct Action: OptionSet, Sendable, Hashable {
        public let rawValue: UInt32
        public init(rawValue: UInt32) { self.rawValue = rawValue }
        public static let add = Action(rawValue: 1 << 0)
        public static let delete = Action(rawValue: 1 << 1)
        public static let updateNodeAllocatable = Action(rawValue: 1 << 2)
        public static let updateNodeLabel = Action(rawValue: 1 << 3)
        public static let updateNodeTaint = Action(rawValue: 1 << 4)
        public static let updateNodeCondition = Action(rawValue: 1 << 5)
        public static let updatePodLabel = Action(rawValue: 1 << 6)
        public static let updatePodScaleDown = Action(rawValue: 1 << 7)
        public static let updatePodTolerations = Action(rawValue: 1 << 8)
        public static let updateOther = Action(rawValue: 1 << 9)
        public static let update: Action = [.updateNodeAllocatable, .updateNodeLabel, .updateNodeTaint, .updateNodeCondition,
                                            .updatePodLabel, .updatePodScaleDown, .updatePodTolerations, .updateOther]
        public static let all: Action = [.add, .delete, .update]
    }
    public var resource: Resource
    public var action: Action
    public init(_ resource: Resource, _ action: Action) {
        self.resource = resource
        self.action = action
    }

    /// Whether an event that happened (`self`) is one that `registered` asked for.
    public func matches(_ registered: ClusterEvent) -> Bool {
        let resourceMatches = registered.resource == .wildcard || registered.resource == resource
            || (registered.resource == .pod && (resource == .assignedPod || resource == .unscheduledPod))
        return resourceMatches && !registered.action.intersection(action).isEmpty
    }

    public var description: String { "\(resource.rawValue)/\(action.rawValue)" }
}
