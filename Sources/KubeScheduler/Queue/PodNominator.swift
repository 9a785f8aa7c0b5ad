import Synchronization

/// Pods nominated to nodes (by preemption, or `status.nominatedNodeName` seen on the pod) that
/// are not bound yet. Filters count them as running on their node for pods of lower or equal
/// priority, so that the room preemption made is not taken by someone else.
public final class PodNominator: Sendable {
    struct State {
        var byNode: [String: [PodInfo]] = [:]
        var nodeOfPod: [String: String] = [:]
    }

    private let state = Mutex(State())

    public init() {}

    /// Nominates `pod` to `nodeName` when given (a preemption result; empty clears the
    /// nomination), else to its `status.nominatedNodeName`. Bound pods are never nominated.
    public func addNominatedPod(_ pod: PodInfo, nodeName override: String? = nil) {
        state.withLock { s in Self.add(&s, pod, override) }
    }

    public func deleteNominatedPodIfExists(_ pod: PodInfo) {
        state.withLock { s in Self.delete(&s, pod.queueKey) }
    }

    /// An update keeps a nomination the scheduler made itself when neither version of the pod
    /// carries one yet (the status write may not have landed).
    public func updateNominatedPod(old: PodInfo, new: PodInfo) {
        state.withLock { s in
            var override: String?
            if old.nominatedNodeName.isEmpty && new.nominatedNodeName.isEmpty, let kept = s.nodeOfPod[old.queueKey] {
                override = kept
            }
            Self.delete(&s, old.queueKey)
            Self.add(&s, new, override)
        }
    }

    public func nominatedPods(forNode nodeName: String) -> [PodInfo] {
        state.withLock { $0.byNode[nodeName] ?? [] }
    }

    public func nominatedNodeName(for pod: PodInfo) -> String? {
        state.withLock { $0.nodeOfPod[pod.queueKey] }
    }

    /// Every nomination, by node (one lock for a whole cycle's worth of lookups).
    public var nominatedPodsByNode: [String: [PodInfo]] { state.withLock { $0.byNode } }
    public var isEmpty: Bool { state.withLock { $0.nodeOfPod.isEmpty } }

    private static func add(_ s: inout State, _ pod: PodInfo, _ override: String?) {
        delete(&s, pod.queueKey)
        let node = override ?? pod.nominatedNodeName
        guard !node.isEmpty, pod.nodeName.isEmpty else { return }
        s.nodeOfPod[pod.queueKey] = node
        s.byNode[node, default: []].append(pod)
    }

    private static func delete(_ s: inout State, _ key: String) {
        guard let node = s.nodeOfPod.removeValue(forKey: key) else { return }
        s.byNode[node]?.removeAll { $0.queueKey == key }
        if s.byNode[node]?.isEmpty == true { s.byNode[node] = nil }
    }
}
