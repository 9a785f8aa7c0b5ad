/// The result of running a plugin, with upstream's codes: what the scheduler does next depends
/// only on the code (try another node, give up on the pod for now, wait, skip the plugin).
public struct Status: Sendable, Equatable, CustomStringConvertible {
    public enum Code: Int, Sendable, Comparable {
        case success = 0
        /// An internal problem; the pod is retried with backoff.
        case error
        /// Does not fit now, but preemption might make it fit.
        case unschedulable
        /// Does not fit and preemption would not help (e.g. node affinity).
        case unschedulableAndUnresolvable
        /// A Permit plugin asks the pod to wait.
        case wait
        /// The plugin has nothing to do for this pod (PreFilter/PreScore): its Filter/Score is skipped.
        case skip
        /// Waiting on something outside the scheduler (PreEnqueue, or a Filter waiting for an external change).
        case pending

        public static func < (a: Code, b: Code) -> Bool { a.rawValue < b.rawValue }
    }

    public var code: Code
    /// Human-readable reasons, as shown in the FailedScheduling event (`Insufficient cpu`).
    public var reasons: [String]
    /// The plugin that produced this status (set by the framework runtime).
    public var plugin: String

    public init(_ code: Code = .success, _ reasons: [String] = [], plugin: String = "") {
        self.code = code
        self.reasons = reasons
        self.plugin = plugin
    }

    public static let success = Status()
    public static func unschedulable(_ reasons: String...) -> Status { Status(.unschedulable, reasons) }
    public static func unresolvable(_ reasons: String...) -> Status { Status(.unschedulableAndUnresolvable, reasons) }
    public static func error(_ message: String) -> Status { Status(.error, [message]) }
    public static let skip = Status(.skip)

    public var isSuccess: Bool { code == .success }
    public var isSkip: Bool { code == .skip }
    public var isWait: Bool { code == .wait }
    /// The pod was rejected (as opposed to an internal error).
    public var isRejected: Bool { code == .unschedulable || code == .unschedulableAndUnresolvable || code == .pending }

    public var message: String { reasons.joined(separator: ", ") }

    public func with(plugin: String) -> Status {
        var s = self
        if s.plugin.isEmpty { s.plugin = plugin }
        return s
    }

    public var description: String {
        let p = plugin.isEmpty ? "" : "[\(plugin)] "
        return "\(p)\(code)\(reasons.isEmpty ? "" : ": " + message)"
    }
}

/// The highest score a Score plugin may return after normalization (upstream MaxNodeScore).
public let maxNodeScore: Int64 = 100
public let minNodeScore: Int64 = 0

public struct NodeScore: Sendable, Equatable {
    public var name: String
    public var score: Int64
    public init(name: String, score: Int64) {
        self.name = name
        self.score = score
    }
}

/// What PreFilter may say about the nodes worth evaluating: nil means all of them.
public struct PreFilterResult: Sendable, Equatable {
    public var nodeNames: Set<String>?
    public init(nodeNames: Set<String>?) { self.nodeNames = nodeNames }

    /// The intersection of two results (nil = no restriction).
    public func merged(_ other: PreFilterResult?) -> PreFilterResult {
        guard let o = other?.nodeNames else { return self }
        guard let mine = nodeNames else { return PreFilterResult(nodeNames: o) }
        return PreFilterResult(nodeNames: mine.intersection(o))
    }
}

/// PostFilter's answer: the node the pod was nominated to after preemption.
public struct PostFilterResult: Sendable, Equatable {
    public var nominatedNodeName: String?
    public init(nominatedNodeName: String?) { self.nominatedNodeName = nominatedNodeName }
}

/// Why each node was rejected in one scheduling cycle; nodes not evaluated share `absent`.
public struct NodeToStatus: Sendable {
    public var statuses: [String: Status]
    /// The status of nodes that are not in `statuses` (e.g. filtered out by PreFilter's node set).
    public var absent: Status

    public init(statuses: [String: Status] = [:], absent: Status = Status(.unschedulableAndUnresolvable, ["node(s) didn't satisfy plugin(s)"])) {
        self.statuses = statuses
        self.absent = absent
    }

    public subscript(node: String) -> Status { statuses[node] ?? absent }
}
