/// What a pod demands of a node's labels before it may run there: every `spec.nodeSelector`
/// pair AND (when present) one of the required node affinity terms. Shared by NodeAffinity's
/// Filter and by anyone who must ask the same question (topology spread's nodeAffinityPolicy).
public struct RequiredNodeAffinity: Sendable {
    public var nodeSelector: [String: String]
    public var affinity: NodeSelector?

    public init(nodeSelector: [String: String] = [:], affinity: NodeSelector? = nil) {
        self.nodeSelector = nodeSelector
        self.affinity = affinity
    }

    public init(pod: PodInfo) {
        self.init(nodeSelector: pod.nodeSelector, affinity: pod.requiredNodeAffinity)
    }

    public func matches(_ node: NodeInfo) -> Bool {
        matches(labels: node.labels, nodeName: node.name)
    }

    public func matches(labels: [String: String], nodeName: String) -> Bool {
        for (k, v) in nodeSelector where labels[k] != v { return false }
        // A required affinity with no terms matches no node (upstream semantics).
        if let affinity { return affinity.matches(labels: labels, nodeName: nodeName) }
        return true
    }
}
