import KubeMachinery

/// One entry of a Deployment's `status.conditions`, with upstream's condition types, reasons
/// and the two timestamps `kubectl rollout status` and `kubectl describe` read.
struct DeploymentCondition: Sendable, Hashable {
    var type: String
    var status: String
    var reason: String
    var message: String
    var lastUpdateTime: String
    var lastTransitionTime: String

    init(type: String, status: String, reason: String, message: String, now: String) {
        self.type = type
        self.status = status
        self.reason = reason
        self.message = message
        self.lastUpdateTime = now
        self.lastTransitionTime = now
    }

    init(json: JSONValue) {
        type = json["type"]?.stringValue ?? ""
        status = json["status"]?.stringValue ?? ""
        reason = json["reason"]?.stringValue ?? ""
        message = json["message"]?.stringValue ?? ""
        lastUpdateTime = json["lastUpdateTime"]?.stringValue ?? ""
        lastTransitionTime = json["lastTransitionTime"]?.stringValue ?? ""
    }

    var json: JSONValue {
        var o: [String: JSONValue] = ["type": .string(type), "status": .string(status)]
        if !reason.isEmpty { o["reason"] = .string(reason) }
        if !message.isEmpty { o["message"] = .string(message) }
        if !lastUpdateTime.isEmpty { o["lastUpdateTime"] = .string(lastUpdateTime) }
        if !lastTransitionTime.isEmpty { o["lastTransitionTime"] = .string(lastTransitionTime) }
        return .object(o)
    }
}

/// Condition types and reasons exactly as upstream spells them: `kubectl rollout status`
/// matches on `ProgressDeadlineExceeded`, and users' scripts match on the rest.
enum DeploymentConditionType {
    static let available = "Available"
    static let progressing = "Progressing"
    static let replicaFailure = "ReplicaFailure"
}

enum DeploymentConditionReason {
    static let newReplicaSetCreated = "NewReplicaSetCreated"
    static let foundNewReplicaSet = "FoundNewReplicaSet"
    static let replicaSetUpdated = "ReplicaSetUpdated"
    static let newReplicaSetAvailable = "NewReplicaSetAvailable"
    static let progressDeadlineExceeded = "ProgressDeadlineExceeded"
    static let failedReplicaSetCreate = "ReplicaSetCreateError"
    static let paused = "DeploymentPaused"
    static let resumed = "DeploymentResumed"
    static let minimumReplicasAvailable = "MinimumReplicasAvailable"
    static let minimumReplicasUnavailable = "MinimumReplicasUnavailable"
}

extension [DeploymentCondition] {
    func condition(_ type: String) -> DeploymentCondition? { first { $0.type == type } }

    /// Upstream's `SetDeploymentCondition`: nothing changes when status and reason are the
    /// same (so a steady condition keeps its timestamps); a new reason with the same status
    /// keeps the transition time; the condition moves to the end of the list.
    mutating func set(_ new: DeploymentCondition) {
        var new = new
        if let current = condition(new.type) {
            if current.status == new.status && current.reason == new.reason { return }
            if current.status == new.status { new.lastTransitionTime = current.lastTransitionTime }
        }
        removeAll { $0.type == new.type }
        append(new)
    }

    mutating func remove(_ type: String) { removeAll { $0.type == type } }
}
