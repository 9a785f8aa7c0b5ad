import KubeAPI
import KubeClient
import KubeMachinery
import Synchronization
@testable import KubeScheduler

/// Small builders for the basic plugins' tests: pods and nodes from JSON literals, a handle
/// over a fixed snapshot, and a transport that records what the binder sends.
enum BasicFixtures {
    static func container(cpu: String? = nil, memory: String? = nil, ephemeralStorage: String? = nil, scalar: [String: String] = [:],
                          image: String = "busybox", ports: [JSONValue] = [], restartPolicy: String? = nil) -> JSONValue {
        var requests: [String: JSONValue] = [:]
        if let cpu { requests["cpu"] = .string(cpu) }
        if let memory { requests["memory"] = .string(memory) }
        if let ephemeralStorage { requests["ephemeral-storage"] = .string(ephemeralStorage) }
        for (k, v) in scalar { requests[k] = .string(v) }
        var c: [String: JSONValue] = ["name": "c", "image": .string(image), "resources": ["requests": .object(requests)]]
        if !ports.isEmpty { c["ports"] = .array(ports) }
        if let restartPolicy { c["restartPolicy"] = .string(restartPolicy) }
        return .object(c)
    }

    static func hostPort(_ port: Int64, ip: String? = nil, proto: String? = nil) -> JSONValue {
        var p: [String: JSONValue] = ["containerPort": .int(port), "hostPort": .int(port)]
        if let ip { p["hostIP"] = .string(ip) }
        if let proto { p["protocol"] = .string(proto) }
        return .object(p)
    }

    /// A pod; `spec` entries are merged over the containers.
    static func pod(_ name: String = "p", namespace: String = "default", uid: String = "", labels: [String: String] = [:],
                    containers: [JSONValue] = [container()], initContainers: [JSONValue] = [], spec: [String: JSONValue] = [:]) -> PodInfo {
        var s: [String: JSONValue] = ["containers": .array(containers)]
        if !initContainers.isEmpty { s["initContainers"] = .array(initContainers) }
        for (k, v) in spec { s[k] = v }
        var meta: [String: JSONValue] = ["name": .string(name), "namespace": .string(namespace)]
        if !uid.isEmpty { meta["uid"] = .string(uid) }
        if !labels.isEmpty { meta["labels"] = .stringMap(labels) }
        return PodInfo(json: ["apiVersion": "v1", "kind": "Pod", "metadata": .object(meta), "spec": .object(s)])
    }

    /// A node with allocatable cpu/memory/pods (and any extra resources), labels, taints.
    static func node(_ name: String = "n1", cpu: String = "4", memory: String = "8Gi", pods: Int64 = 110,
                     extra: [String: String] = [:], labels: [String: String] = [:], taints: [JSONValue] = [],
                     unschedulable: Bool = false, existing: [PodInfo] = []) -> NodeInfo {
        var allocatable: [String: JSONValue] = ["cpu": .string(cpu), "memory": .string(memory), "pods": .string(String(pods))]
        for (k, v) in extra { allocatable[k] = .string(v) }
        var spec: [String: JSONValue] = [:]
        if !taints.isEmpty { spec["taints"] = .array(taints) }
        if unschedulable { spec["unschedulable"] = true }
        var meta: [String: JSONValue] = ["name": .string(name)]
        if !labels.isEmpty { meta["labels"] = .stringMap(labels) }
        var info = NodeInfo(node: Node(json: ["apiVersion": "v1", "kind": "Node", "metadata": .object(meta), "spec": .object(spec),
                                              "status": ["allocatable": .object(allocatable)]]))
        for p in existing { info.addPod(p) }
        return info
    }

    static func taint(_ key: String, _ value: String = "", _ effect: String) -> JSONValue {
        ["key": .string(key), "value": .string(value), "effect": .string(effect)]
    }

    static func toleration(_ key: String = "", op: String = "Equal", _ value: String = "", effect: String = "") -> JSONValue {
        var t: [String: JSONValue] = ["operator": .string(op)]
        if !key.isEmpty { t["key"] = .string(key) }
        if !value.isEmpty { t["value"] = .string(value) }
        if !effect.isEmpty { t["effect"] = .string(effect) }
        return .object(t)
    }

    /// Runs a normalizing score plugin over nodes as the framework would: PreScore, Score per
    /// node, NormalizeScore.
    static func scores(_ plugin: some PreScorePlugin & ScorePlugin, _ pod: PodInfo, _ nodes: [NodeInfo]) -> [Int64] {
        let state = CycleState()
        _ = plugin.preScore(state, pod, nodes)
        var list = nodes.map { NodeScore(name: $0.name, score: plugin.score(state, pod, $0).0) }
        if plugin.hasNormalizeScore { _ = plugin.normalizeScores(state, pod, &list) }
        return list.map(\.score)
    }
}

/// Answers every request with one canned response and remembers the requests.
final class BasicRecordingTransport: KubeTransport {
    let response: ClientResponse
    private let sent = Mutex<[ClientRequest]>([])

    init(status: Int = 201, body: JSONValue = [:]) {
        response = ClientResponse(status: status, body: body.serialized())
    }

    var requests: [ClientRequest] { sent.withLock { $0 } }

    func send(_ request: ClientRequest) async throws -> ClientResponse {
        sent.withLock { $0.append(request) }
        return response
    }

    func stream(_ request: ClientRequest) async throws -> ClientStreamResponse {
        throw TransportError("streams are not used by these tests")
    }
}

/// A FrameworkHandle over a fixed list of nodes; everything else is empty.
struct BasicFakeHandle: FrameworkHandle {
    var client: KubeClient
    var nodes: [NodeInfo]
    var profileName: String { "default-scheduler" }

    init(nodes: [NodeInfo] = [], transport: any KubeTransport = BasicRecordingTransport()) {
        self.nodes = nodes
        client = KubeClient(transport: transport)
    }

    func snapshotNodeInfos() -> [NodeInfo] { nodes }
    func snapshotNodeInfo(named: String) -> NodeInfo? { nodes.first { $0.name == named } }
    func namespaceLabels(_ namespace: String) -> [String: String]? { nil }
    func podDisruptionBudgets(namespace: String) -> [PodDisruptionBudget] { [] }
    func ownerSelectors(for pod: PodInfo) -> [LabelSelector] { [] }
    func nominatedPods(forNode: String) -> [PodInfo] { [] }
    func runPreFilterExtensionAddPod(_ state: CycleState, podToSchedule: PodInfo, podToAdd: PodInfo, node: NodeInfo) -> Status { .success }
    func runPreFilterExtensionRemovePod(_ state: CycleState, podToSchedule: PodInfo, podToRemove: PodInfo, node: NodeInfo) -> Status { .success }
    func runFilterPlugins(_ state: CycleState, _ pod: PodInfo, _ node: NodeInfo) -> Status { .success }
    func runFilterPluginsWithNominatedPods(_ state: CycleState, _ pod: PodInfo, _ node: NodeInfo) -> Status { .success }
}
