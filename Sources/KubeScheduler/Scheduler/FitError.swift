/// Why no node fit, as upstream's FitError: how many nodes there were, each node's rejection,
/// and what PreFilter and PostFilter (preemption) said.
public struct FitError: Error, Sendable, CustomStringConvertible {
    public var numAllNodes: Int
    public var diagnosis: Diagnosis

    public init(numAllNodes: Int, diagnosis: Diagnosis) {
        self.numAllNodes = numAllNodes
        self.diagnosis = diagnosis
    }

    /// `0/N nodes are available: <"K reason" entries, sorted, joined by ", ">.` then, when
    /// PostFilter ran and said something, ` preemption: <its message>`. A PreFilter rejection
    /// replaces the histogram (every node would repeat the same reason).
    public var message: String {
        var msg = "0/\(numAllNodes) nodes are available:"
        if !diagnosis.preFilterMessage.isEmpty {
            msg += " \(diagnosis.preFilterMessage)."
        } else {
            msg += " \(reasonsHistogram())."
        }
        let post = diagnosis.postFilterMessage
        if !post.isEmpty {
            msg += post.hasPrefix("preemption: ") ? " \(post)" : " preemption: \(post)"
        }
        return msg
    }

    public var description: String { message }

    /// "K reason" per distinct reason over every node (explicit statuses, plus the shared
    /// status of nodes that were never evaluated), sorted as strings like upstream.
    func reasonsHistogram() -> String {
        var counts: [String: Int] = [:]
        for status in diagnosis.nodeToStatus.statuses.values {
            for r in status.reasons { counts[r, default: 0] += 1 }
        }
        let absent = numAllNodes - diagnosis.nodeToStatus.statuses.count
        if absent > 0 {
            for r in diagnosis.nodeToStatus.absent.reasons { counts[r, default: 0] += absent }
        }
        return counts.map { "\($0.value) \($0.key)" }.sorted().joined(separator: ", ")
    }
}

/// What a failed cycle learned: per-node statuses and the plugins that rejected the pod
/// (the queue moves the pod back only on events those plugins care about).
public struct Diagnosis: Sendable {
    public var nodeToStatus: NodeToStatus
    public var unschedulablePlugins: Set<String>
    public var pendingPlugins: Set<String>
    public var preFilterMessage: String
    public var postFilterMessage: String

    public init(nodeToStatus: NodeToStatus = NodeToStatus(), unschedulablePlugins: Set<String> = [], pendingPlugins: Set<String> = [],
                preFilterMessage: String = "", postFilterMessage: String = "") {
        self.nodeToStatus = nodeToStatus
        self.unschedulablePlugins = unschedulablePlugins
        self.pendingPlugins = pendingPlugins
        self.preFilterMessage = preFilterMessage
        self.postFilterMessage = postFilterMessage
    }
}
