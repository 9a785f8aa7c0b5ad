import KubeAPI
import KubeClient
import Logging

/// A control loop: event handlers only enqueue keys; a reconcile reads from listers, never
/// mutates cached objects, writes through the API, and returns a requeue decision.
public protocol Controller: Sendable {
    /// The name used in `--controllers`, logs and the leader-election identity (`replicaset`, `deployment`).
    static var name: String { get }
    /// Builds the controller and registers its informer handlers; informers start after all
    /// controllers are built, so handlers see the initial list.
    init(context: ControllerContext) throws
    /// Runs the workers until the task is cancelled.
    func run(workers: Int) async
}

/// Settings controllers read; defaults are upstream's, tests shorten the timeouts.
public struct ControllerOptions: Sendable {
    /// Node lifecycle: a node whose lease/status is older than this turns Unknown (upstream 40 s).
    public var nodeMonitorGracePeriod: Duration = .seconds(40)
    public var nodeMonitorPeriod: Duration = .seconds(5)
    /// Pod GC: terminated pods kept before the oldest are deleted (upstream 12,500).
    public var terminatedPodGCThreshold: Int = 12_500
    public var podGCPeriod: Duration = .seconds(20)
    /// Node IPAM: the cluster CIDR and per-node mask (k3s defaults).
    public var clusterCIDR: String = "10.42.0.0/16"
    public var nodeCIDRMaskSize: Int = 24
    /// How long ReplicaSet and ReplicationController syncs wait to gather pod changes that
    /// can only raise their counts (a pod created, scheduled, running, turning ready), so a
    /// burst of pods starting costs one status write instead of one per pod. Changes that can
    /// lower a count (a pod turning unready, failing, terminating) sync at once, so status
    /// never overstates availability, which the Deployment controller relies on when it
    /// scales old ReplicaSets down. Zero syncs at once, as upstream does.
    public var replicaStatusBatchPeriod: Duration = .milliseconds(500)
    /// Workers per controller.
    public var workers: Int = 5
    public init() {}
}

/// What every controller is built from.
public struct ControllerContext: Sendable {
    public var client: KubeClient
    public var informers: SharedInformerFactory
    public var options: ControllerOptions
    public var logger: Logger
    /// Events are recorded as this component (`<name>-controller`, as upstream names them).
    public var makeRecorder: @Sendable (_ component: String) -> EventRecorder

    public init(client: KubeClient, informers: SharedInformerFactory, options: ControllerOptions = ControllerOptions(),
                logger: Logger, makeRecorder: @escaping @Sendable (String) -> EventRecorder) {
        self.client = client
        self.informers = informers
        self.options = options
        self.logger = logger
        self.makeRecorder = makeRecorder
    }
}
