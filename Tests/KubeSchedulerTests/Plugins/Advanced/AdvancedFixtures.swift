import KubeAPI
import KubeClient
import KubeMachinery
import Synchronization
@testable import KubeScheduler

// Small builders and fakes for the InterPodAffinity, PodTopologySpread and DefaultPreemption tests.

enum Advanced {
    static let zone = "topology.kubernetes.io/zone"
    static let hostname = "kubernetes.io/hostname"

    /// A node with a hostname label, the given extra labels and `cpu` cores allocatable.
    static func node(_ name: String, zone: String? = nil, labels: [String: String] = [:], cpu: String = "4",
                     taints: [JSONValue] = []) -> Node {
        var all = labels
        all[hostname] = name
        if let zone { all[Self.zone] = zone }
        var spec: [String: JSONValue] = [:]
        if !taints.isEmpty { spec["taints"] = .array(taints) }
        return Node(json: [
            "metadata": ["name": .string(name), "labels": .stringMap(all)],
            "spec": .object(spec),
            "status": ["allocatable": ["cpu": .string(cpu), "memory": "8Gi", "pods": "110"]],
        ])
    }

    /// A pod; `spec` entries are merged into the spec (affinity, topologySpreadConstraints, ...).
    static func pod(_ name: String, namespace: String = "default", labels: [String: String] = [:], node: String = "",
                    priority: Int64 = 0, cpu: String? = nil, spec: [String: JSONValue] = [:],
                    status: [String: JSONValue] = [:], terminating: Bool = false) -> PodInfo {
        var container: [String: JSONValue] = ["name": "c", "image": "busybox"]
        if let cpu { container["resources"] = ["requests": ["cpu": .string(cpu)]] }
        var s: [String: JSONValue] = ["containers": [.object(container)], "priority": .int(priority)]
        if !node.isEmpty { s["nodeName"] = .string(node) }
        for (k, v) in spec { s[k] = v }
        var meta: [String: JSONValue] = ["name": .string(name), "namespace": .string(namespace), "uid": .string("uid-\(name)")]
        if !labels.isEmpty { meta["labels"] = .stringMap(labels) }
        if terminating { meta["deletionTimestamp"] = "2026-01-01T00:00:00Z" }
        return PodInfo(json: ["metadata": .object(meta), "spec": .object(s), "status": .object(status)])
    }

    /// A PodAffinityTerm selecting `matchLabels` over `topologyKey`.
    static func term(_ matchLabels: [String: String], _ topologyKey: String, namespaceSelector: [String: String]? = nil) -> JSONValue {
        var t: [String: JSONValue] = ["labelSelector": ["matchLabels": .stringMap(matchLabels)], "topologyKey": .string(topologyKey)]
        if let ns = namespaceSelector { t["namespaceSelector"] = ["matchLabels": .stringMap(ns)] }
        return .object(t)
    }

    static func weighted(_ weight: Int64, _ term: JSONValue) -> JSONValue {
        ["weight": .int(weight), "podAffinityTerm": term]
    }

    /// `spec.affinity` with the given required/preferred pod (anti-)affinity terms.
    static func affinity(required: [JSONValue] = [], preferred: [JSONValue] = [],
                         requiredAnti: [JSONValue] = [], preferredAnti: [JSONValue] = []) -> [String: JSONValue] {
        var a: [String: JSONValue] = [:]
        if !required.isEmpty || !preferred.isEmpty {
            a["podAffinity"] = ["requiredDuringSchedulingIgnoredDuringExecution": .array(required),
                                "preferredDuringSchedulingIgnoredDuringExecution": .array(preferred)]
        }
        if !requiredAnti.isEmpty || !preferredAnti.isEmpty {
            a["podAntiAffinity"] = ["requiredDuringSchedulingIgnoredDuringExecution": .array(requiredAnti),
                                    "preferredDuringSchedulingIgnoredDuringExecution": .array(preferredAnti)]
        }
        return ["affinity": .object(a)]
    }

    static func spread(_ key: String, maxSkew: Int64 = 1, _ when: String = "DoNotSchedule", matchLabels: [String: String],
                       extra: [String: JSONValue] = [:]) -> JSONValue {
        var c: [String: JSONValue] = ["maxSkew": .int(maxSkew), "topologyKey": .string(key), "whenUnsatisfiable": .string(when),
                                      "labelSelector": ["matchLabels": .stringMap(matchLabels)]]
        for (k, v) in extra { c[k] = v }
        return .object(c)
    }

    /// NodeInfos for the nodes with the pods whose `nodeName` names them.
    static func nodeInfos(_ nodes: [Node], _ pods: [PodInfo]) -> [NodeInfo] {
        nodes.map { n in
            var info = NodeInfo(node: n)
            for p in pods where p.nodeName == n.name { info.addPod(p) }
            return info
        }
    }
}

/// A stand-in for NodeResourcesFit: CPU only, enough to make preemption meaningful.
struct AdvancedCPUFit: FilterPlugin {
    var name: String { "AdvancedCPUFit" }
    func filter(_ state: CycleState, _ pod: PodInfo, _ node: NodeInfo) -> Status {
        node.requested.milliCPU + pod.requests.milliCPU > node.allocatable.milliCPU ? .unschedulable("Insufficient cpu") : .success
    }
}

/// Records every request and answers 200 `{}`.
final class AdvancedRecordingTransport: KubeTransport {
    struct Call: Sendable, Equatable {
        var method: String
        var path: String
        var body: String
    }
    private let calls = Mutex<[Call]>([])
    var recorded: [Call] { calls.withLock { $0 } }

    func send(_ request: ClientRequest) async throws -> ClientResponse {
        calls.withLock { $0.append(Call(method: request.method, path: request.path, body: String(decoding: request.body, as: UTF8.self))) }
        return ClientResponse(status: 200, body: Array("{}".utf8))
    }

    func stream(_ request: ClientRequest) async throws -> ClientStreamResponse {
        ClientStreamResponse(status: 404, body: AsyncThrowingStream { $0.finish() })
    }
}

/// A FrameworkHandle over a fixed snapshot. Its filter run composes `AdvancedCPUFit` with the
/// plugins under test, honouring PreFilter skips, the way the real runtime does.
final class AdvancedFakeHandle: FrameworkHandle {
    let transport = AdvancedRecordingTransport()
    let client: KubeClient
    var profileName: String { "default-scheduler" }
    private let nodeList: Mutex<[NodeInfo]>
    /// The snapshot's nodes; `setNodes` swaps them, as a new cycle's snapshot would.
    var nodes: [NodeInfo] { nodeList.withLock { $0 } }
    func setNodes(_ nodes: [NodeInfo]) { nodeList.withLock { $0 = nodes } }
    let namespaces: [String: [String: String]]
    let pdbs: [PodDisruptionBudget]
    let owners: [LabelSelector]
    let nominated: [String: [PodInfo]]
    private let plugins = Mutex<[any Plugin]>([])

    init(nodes: [NodeInfo], namespaces: [String: [String: String]] = [:], pdbs: [PodDisruptionBudget] = [],
         owners: [LabelSelector] = [], nominated: [String: [PodInfo]] = [:]) {
        client = KubeClient(transport: transport)
        self.nodeList = Mutex(nodes)
        self.namespaces = namespaces
        self.pdbs = pdbs
        self.owners = owners
        self.nominated = nominated
    }

    /// The plugins the filter run uses besides `AdvancedCPUFit` (set after creating them with this handle).
    func use(_ p: [any Plugin]) { plugins.withLock { $0 = p } }

    func snapshotNodeInfos() -> [NodeInfo] { nodes }
    func snapshotNodeInfo(named: String) -> NodeInfo? { nodes.first { $0.name == named } }
    func namespaceLabels(_ namespace: String) -> [String: String]? { namespaces[namespace] }
    func podDisruptionBudgets(namespace: String) -> [PodDisruptionBudget] { pdbs.filter { $0.namespace == namespace } }
    func ownerSelectors(for pod: PodInfo) -> [LabelSelector] { owners }
    func nominatedPods(forNode: String) -> [PodInfo] { nominated[forNode] ?? [] }

    private var preFilters: [any PreFilterPlugin] { plugins.withLock { $0.compactMap { $0 as? any PreFilterPlugin } } }

    /// Runs every PreFilter like the runtime: skips recorded, first rejection returned.
    func runPreFilter(_ state: CycleState, _ pod: PodInfo) -> Status {
        for p in preFilters {
            let (_, s) = p.preFilter(state, pod, nodes)
            if s.isSkip { state.skipFilterPlugins.insert(p.name); continue }
            if !s.isSuccess { return s }
        }
        return .success
    }

    func runPreFilterExtensionAddPod(_ state: CycleState, podToSchedule: PodInfo, podToAdd: PodInfo, node: NodeInfo) -> Status {
        for p in preFilters where p.hasPreFilterExtensions && !state.skipFilterPlugins.contains(p.name) {
            let s = p.addPod(state, podToSchedule: podToSchedule, podToAdd: podToAdd, node: node)
            if !s.isSuccess { return s }
        }
        return .success
    }

    func runPreFilterExtensionRemovePod(_ state: CycleState, podToSchedule: PodInfo, podToRemove: PodInfo, node: NodeInfo) -> Status {
        for p in preFilters where p.hasPreFilterExtensions && !state.skipFilterPlugins.contains(p.name) {
            let s = p.removePod(state, podToSchedule: podToSchedule, podToRemove: podToRemove, node: node)
            if !s.isSuccess { return s }
        }
        return .success
    }

    func runFilterPlugins(_ state: CycleState, _ pod: PodInfo, _ node: NodeInfo) -> Status {
        let filters: [any FilterPlugin] = [AdvancedCPUFit()] + plugins.withLock { $0.compactMap { $0 as? any FilterPlugin } }
        for f in filters where !state.skipFilterPlugins.contains(f.name) {
            let s = f.filter(state, pod, node)
            if !s.isSuccess { return s.with(plugin: f.name) }
        }
        return .success
    }

    func runFilterPluginsWithNominatedPods(_ state: CycleState, _ pod: PodInfo, _ node: NodeInfo) -> Status {
        runFilterPlugins(state, pod, node)
    }

    /// Every node's filter status, as the scheduler would hand them to PostFilter.
    func filterAll(_ state: CycleState, _ pod: PodInfo) -> NodeToStatus {
        var out = NodeToStatus()
        for n in nodes { out.statuses[n.name] = runFilterPlugins(state, pod, n) }
        return out
    }
}
