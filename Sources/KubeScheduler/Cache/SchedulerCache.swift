import KubeAPI
import KubeMachinery
import Synchronization

/// The scheduler's view of nodes and the pods on them, including pods it has *assumed* onto a
/// node before their binding is confirmed: binding runs in the background while the next cycles
/// already count the assumed pod against its node, so nothing is double-booked.
///
/// Thread-safe. Every node change bumps a cache-wide generation and stamps it on the node;
/// `updateSnapshot(_:)` copies only nodes stamped after the snapshot's generation.
public final class SchedulerCache: Sendable {
    struct PodState {
        var pod: PodInfo
        var assumed: Bool
    }

    struct NodeImage {
        var names: [String]
        var size: Int64
    }

    struct State {
        var nodes: [String: NodeInfo] = [:]
        var pods: [String: PodState] = [:]
        var generation: Int64 = 0
        /// (generation, node name) per change, oldest first; deduplicated when it grows.
        var changeLog: [(generation: Int64, name: String)] = []
        var nodeImages: [String: [NodeImage]] = [:]
        /// Image name → nodes that have it.
        var imageNodes: [String: Set<String>] = [:]
    }

    let state = Mutex(State())

    public init() {}

    // MARK: Nodes

    public func addNode(_ node: Node) { updateNode(node) }

    public func updateNode(_ node: Node) {
        state.withLock { s in
            let name = node.name
            var info = s.nodes[name] ?? NodeInfo(name: name)
            info.setNode(node)
            Self.setImages(&s, node: name, images: Self.parseImages(node))
            s.nodes[name] = info
            Self.touch(&s, name)
        }
    }

    /// Removes a node. Its pods stay accounted (under a node-less entry) until they are deleted.
    public func removeNode(_ node: Node) {
        state.withLock { s in
            let name = node.name
            guard var info = s.nodes[name] else { return }
            Self.setImages(&s, node: name, images: [])
            if info.pods.isEmpty {
                s.nodes[name] = nil
            } else {
                info.removeNode()
                s.nodes[name] = info
            }
            Self.touch(&s, name)
        }
    }

    // MARK: Pods

    /// Counts `pod` (its `spec.nodeName` already set to the chosen node) on that node ahead of binding.
    public func assumePod(_ pod: PodInfo) throws {
        try state.withLock { s in
            let key = pod.queueKey
            guard s.pods[key] == nil else { throw SchedulerCacheError("pod \(pod.key) (\(key)) is in the cache, so can't be assumed") }
            Self.addToNode(&s, pod)
            s.pods[key] = PodState(pod: pod, assumed: true)
        }
    }

    /// Takes back an assumed pod whose binding failed.
    public func forgetPod(_ pod: PodInfo) {
        state.withLock { s in
            let key = pod.queueKey
            guard let st = s.pods[key], st.assumed else { return }
            Self.removeFromNode(&s, st.pod)
            s.pods[key] = nil
        }
    }

    public func isAssumedPod(_ pod: PodInfo) -> Bool {
        state.withLock { $0.pods[pod.queueKey]?.assumed ?? false }
    }

    /// A bound pod seen by the informer: confirms an assumed pod (moving it if it landed on a
    /// different node than assumed), or adds it.
    public func addPod(_ pod: PodInfo) {
        state.withLock { s in
            let key = pod.queueKey
            if let st = s.pods[key] {
                Self.removeFromNode(&s, st.pod)
            }
            Self.addToNode(&s, pod)
            s.pods[key] = PodState(pod: pod, assumed: false)
        }
    }

    public func updatePod(old: PodInfo, new: PodInfo) {
        state.withLock { s in
            if let st = s.pods[old.queueKey] { Self.removeFromNode(&s, st.pod) }
            s.pods[old.queueKey] = nil
            Self.addToNode(&s, new)
            s.pods[new.queueKey] = PodState(pod: new, assumed: false)
        }
    }

    public func removePod(_ pod: PodInfo) {
        state.withLock { s in
            guard let st = s.pods.removeValue(forKey: pod.queueKey) else { return }
            Self.removeFromNode(&s, st.pod)
        }
    }

    // MARK: Inspection

    public var nodeCount: Int { state.withLock { s in s.nodes.values.filter { $0.node != nil }.count } }
    public var podCount: Int { state.withLock { $0.pods.count } }
    public var assumedPodCount: Int { state.withLock { s in s.pods.values.filter(\.assumed).count } }
    public func nodeInfo(named name: String) -> NodeInfo? { state.withLock { $0.nodes[name] } }
    public var generation: Int64 { state.withLock { $0.generation } }

    // MARK: Internals

    static func touch(_ s: inout State, _ name: String) {
        s.generation += 1
        s.nodes[name]?.generation = s.generation
        s.changeLog.append((s.generation, name))
        if s.changeLog.count > 1024 + 2 * s.nodes.count { compactLog(&s) }
    }

    /// Keeps only the latest entry per node name: enough for any snapshot to find what changed.
    static func compactLog(_ s: inout State) {
        var latest: [String: Int64] = [:]
        for e in s.changeLog { latest[e.name] = e.generation }
        s.changeLog = latest.map { (generation: $0.value, name: $0.key) }.sorted { $0.generation < $1.generation }
    }

    static func addToNode(_ s: inout State, _ pod: PodInfo) {
        let name = pod.nodeName
        var info = s.nodes[name] ?? NodeInfo(name: name)
        info.addPod(pod)
        s.nodes[name] = info
        touch(&s, name)
    }

    static func removeFromNode(_ s: inout State, _ pod: PodInfo) {
        let name = pod.nodeName
        guard var info = s.nodes[name] else { return }
        info.removePod(pod)
        if info.node == nil && info.pods.isEmpty {
            s.nodes[name] = nil
        } else {
            s.nodes[name] = info
        }
        touch(&s, name)
    }

    static func parseImages(_ node: Node) -> [NodeImage] {
        (node.json["status"]?["images"]?.arrayValue ?? []).compactMap { img in
            let names = img["names"]?.arrayValue?.compactMap(\.stringValue) ?? []
            guard !names.isEmpty else { return nil }
            return NodeImage(names: names, size: img["sizeBytes"]?.intValue ?? 0)
        }
    }

    static func setImages(_ s: inout State, node: String, images: [NodeImage]) {
        for old in s.nodeImages[node] ?? [] {
            for n in old.names {
                s.imageNodes[n]?.remove(node)
                if s.imageNodes[n]?.isEmpty == true { s.imageNodes[n] = nil }
            }
        }
        s.nodeImages[node] = images.isEmpty ? nil : images
        for img in images { for n in img.names { s.imageNodes[n, default: []].insert(node) } }
    }

    /// Image summaries for one node, with spread counted across the whole cache.
    static func imageStates(_ s: State, node: String) -> [String: ImageStateSummary] {
        guard let images = s.nodeImages[node] else { return [:] }
        var out: [String: ImageStateSummary] = [:]
        for img in images {
            for n in img.names { out[n] = ImageStateSummary(size: img.size, numNodes: s.imageNodes[n]?.count ?? 1) }
        }
        return out
    }
}

public struct SchedulerCacheError: Error, Sendable, CustomStringConvertible {
    public var description: String
    public init(_ d: String) { description = d }
}
