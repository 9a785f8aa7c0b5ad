import KubeAPI
import KubeClient
import KubeMachinery
import Synchronization
@testable import KubeScheduler

/// Builders for the scheduler-core tests (runtime, queue, cache, loop): small pods and nodes
/// from JSON literals, a recording API transport, and fake plugins for every extension point.
enum CoreFixtures {
    static func pod(_ name: String, uid: String? = nil, namespace: String = "default", priority: Int64 = 0, cpu: String? = nil,
                    nodeName: String? = nil, nominatedNodeName: String? = nil, schedulerName: String? = nil,
                    labels: [String: String] = [:]) -> PodInfo {
        var container: [String: JSONValue] = ["name": "c", "image": "busybox"]
        if let cpu { container["resources"] = ["requests": ["cpu": .string(cpu)]] }
        var spec: [String: JSONValue] = ["containers": [.object(container)], "priority": .int(priority)]
        if let nodeName { spec["nodeName"] = .string(nodeName) }
        if let schedulerName { spec["schedulerName"] = .string(schedulerName) }
        var json: JSONValue = ["apiVersion": "v1", "kind": "Pod",
                               "metadata": ["name": .string(name), "namespace": .string(namespace), "uid": .string(uid ?? "uid-\(name)"),
                                            "labels": .stringMap(labels)],
                               "spec": .object(spec)]
        if let nominatedNodeName { json["status"] = ["nominatedNodeName": .string(nominatedNodeName)] }
        return PodInfo(json: json)
    }

    static func node(_ name: String, cpu: String = "4", memory: String = "8Gi", pods: Int64 = 110, labels: [String: String] = [:],
                     images: [(names: [String], size: Int64)] = []) -> Node {
        var status: [String: JSONValue] = ["allocatable": ["cpu": .string(cpu), "memory": .string(memory), "pods": .int(pods)]]
        if !images.isEmpty {
            status["images"] = .array(images.map { ["names": .array($0.names.map(JSONValue.string)), "sizeBytes": .int($0.size)] })
        }
        return Node(json: ["apiVersion": "v1", "kind": "Node", "metadata": ["name": .string(name), "labels": .stringMap(labels)],
                           "spec": [:], "status": .object(status)])
    }

    static func nodeInfo(_ name: String, cpu: String = "4", pods: [PodInfo] = []) -> NodeInfo {
        var n = NodeInfo(node: node(name, cpu: cpu))
        for p in pods { n.addPod(p) }
        return n
    }

    static func client(_ transport: RecordingTransport = RecordingTransport()) -> KubeClient {
        KubeClient(transport: transport)
    }

    /// A registry that hands out the given plugin instances by name.
    static func registry(_ plugins: [any Plugin]) -> [String: PluginFactory] {
        var r: [String: PluginFactory] = [:]
        for p in plugins { r[p.name] = { _, _ in p } }
        return r
    }

    /// A profile enabling `names` through MultiPoint only (no defaults).
    static func profile(_ names: [String], weights: [String: Int32] = [:], schedulerName: String = "default-scheduler") -> KubeSchedulerProfile {
        KubeSchedulerProfile(schedulerName: schedulerName,
                             plugins: Plugins([.multiPoint: PluginSet(enabled: names.map { PluginReference($0, weight: weights[$0] ?? 0) })]))
    }

    static func framework(_ plugins: [any Plugin], weights: [String: Int32] = [:], nodes: [NodeInfo] = [],
                          nominator: PodNominator = PodNominator()) throws -> Framework {
        let all: [any Plugin] = plugins + [FakeQueueSort(), FakeBinder(name: "FakeBinder")]
        return try Framework(profile: profile(all.map(\.name), weights: weights), registry: registry(all), client: client(),
                             snapshot: Snapshot(nodeInfos: nodes), nominator: nominator, parallelism: 4)
    }
}

/// Records every request; answers 200 with `{}` (or what `respond` says).
final class RecordingTransport: KubeTransport {
    let requests = Mutex<[ClientRequest]>([])
    let respond: @Sendable (ClientRequest) -> ClientResponse

    init(respond: @escaping @Sendable (ClientRequest) -> ClientResponse = { _ in ClientResponse(status: 200, body: Array("{}".utf8)) }) {
        self.respond = respond
    }

    func send(_ request: ClientRequest) async throws -> ClientResponse {
        requests.withLock { $0.append(request) }
        return respond(request)
    }

    func stream(_ request: ClientRequest) async throws -> ClientStreamResponse {
        throw TransportError("no watches in this test")
    }

    var recorded: [ClientRequest] { requests.withLock { $0 } }
}

/// An ordered log shared by fake plugins, to check call order.
final class CallLog: Sendable {
    private let entries = Mutex<[String]>([])
    func append(_ s: String) { entries.withLock { $0.append(s) } }
    var all: [String] { entries.withLock { $0 } }
}

struct FakeQueueSort: QueueSortPlugin {
    var name = "FakeQueueSort"
    func less(_ a: QueuedPodInfo, _ b: QueuedPodInfo) -> Bool {
        a.podInfo.priority != b.podInfo.priority ? a.podInfo.priority > b.podInfo.priority : a.timestamp < b.timestamp
    }
}

struct FakePreFilter: PreFilterPlugin {
    var name: String
    var nodes: Set<String>?
    var status: Status = .success
    func preFilter(_ state: CycleState, _ pod: PodInfo, _ nodes: [NodeInfo]) -> (PreFilterResult?, Status) {
        (self.nodes.map { PreFilterResult(nodeNames: $0) }, status)
    }
}

/// Rejects the nodes in `reject` with `reason`; counts calls.
struct FakeFilter: FilterPlugin, EnqueueExtensions {
    var name: String
    var reject: Set<String> = []
    var reason = "node(s) were unschedulable"
    var code: Status.Code = .unschedulable
    var calls = SharedCounter()
    var events: [ClusterEvent] = [ClusterEvent(.node, .add)]
    func filter(_ state: CycleState, _ pod: PodInfo, _ node: NodeInfo) -> Status {
        _ = calls.increment()
        return reject.contains(node.name) ? Status(code, [reason]) : .success
    }
    var eventsToRegister: [ClusterEvent] { events }
}

/// Fits while the node's pods (including nominated ones added by the framework) stay under `maxPods`.
struct FakePodCountFilter: FilterPlugin {
    var name = "FakePodCountFilter"
    var maxPods: Int
    func filter(_ state: CycleState, _ pod: PodInfo, _ node: NodeInfo) -> Status {
        node.pods.count < maxPods ? .success : .unschedulable("Too many pods")
    }
}

struct FakeScore: ScorePlugin {
    var name: String
    var scores: [String: Int64]
    /// Scale so the best node gets 100 (like many in-tree plugins).
    var normalize = false
    func score(_ state: CycleState, _ pod: PodInfo, _ node: NodeInfo) -> (Int64, Status) { (scores[node.name] ?? 0, .success) }
    var hasNormalizeScore: Bool { normalize }
    func normalizeScores(_ state: CycleState, _ pod: PodInfo, _ scores: inout [NodeScore]) -> Status {
        let m = scores.map(\.score).max() ?? 0
        guard m > 0 else { return .success }
        for i in scores.indices { scores[i].score = scores[i].score * maxNodeScore / m }
        return .success
    }
}

struct FakePreScore: PreScorePlugin {
    var name: String
    var status: Status
    func preScore(_ state: CycleState, _ pod: PodInfo, _ nodes: [NodeInfo]) -> Status { status }
}

struct FakeReserve: ReservePlugin {
    var name: String
    var log: CallLog
    var fail = false
    func reserve(_ state: CycleState, _ pod: PodInfo, nodeName: String) async -> Status {
        log.append("reserve \(name)")
        return fail ? .unschedulable("\(name) refused") : .success
    }
    func unreserve(_ state: CycleState, _ pod: PodInfo, nodeName: String) async { log.append("unreserve \(name)") }
}

struct FakePermit: PermitPlugin {
    var name: String
    var status: Status
    var timeout: Duration = .seconds(30)
    func permit(_ state: CycleState, _ pod: PodInfo, nodeName: String) async -> (Status, Duration) { (status, timeout) }
}

/// Binds by recording (or fails / skips as told).
struct FakeBinder: BindPlugin {
    var name: String
    var status: Status = .success
    var log = CallLog()
    func bind(_ state: CycleState, _ pod: PodInfo, nodeName: String) async -> Status {
        if status.isSuccess { log.append("\(pod.key)->\(nodeName)") }
        return status
    }
}

/// Records events instead of posting them.
final class FakeEventRecorder: SchedulerEventRecorder {
    struct Recorded: Sendable, Equatable {
        var object: String
        var type: String
        var reason: String
        var message: String
    }
    let events = Mutex<[Recorded]>([])
    func event(regarding object: JSONValue, type: EventType, reason: String, message: String) {
        let key = "\(object["metadata"]?["namespace"]?.stringValue ?? "")/\(object["metadata"]?["name"]?.stringValue ?? "")"
        events.withLock { $0.append(Recorded(object: key, type: type.rawValue, reason: reason, message: message)) }
    }
    var all: [Recorded] { events.withLock { $0 } }
}

/// A clock tests move by hand.
final class ManualClock: Sendable {
    private let current = Mutex(ContinuousClock.now)
    var now: ContinuousClock.Instant { current.withLock { $0 } }
    func advance(_ d: Duration) { current.withLock { $0 += d } }
}
