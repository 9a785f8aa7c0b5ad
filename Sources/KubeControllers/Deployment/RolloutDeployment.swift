import KubeAPI
import KubeMachinery

/// The Deployment fields the controller reads, decoded once per sync, with upstream's
/// defaults for anything missing. The object's JSON stays the truth for writes.
struct RolloutDeployment: Sendable {
    enum Strategy: Sendable, Hashable {
        case recreate
        case rollingUpdate(maxSurge: IntOrString, maxUnavailable: IntOrString)
    }

    var object: Deployment
    var status: DeploymentRolloutStatus

    init(_ object: Deployment) {
        self.object = object
        self.status = DeploymentRolloutStatus(json: object.json["status"])
    }

    var name: String { object.name }
    var namespace: String { object.namespace ?? "" }
    var uid: String { object.uid }
    var generation: Int64 { object.generation }
    var annotations: [String: String] { object.annotations }

    private var spec: JSONValue { object.json["spec"] ?? .object([:]) }

    /// `spec.replicas`, 1 when unset.
    var replicas: Int { Int(spec["replicas"]?.intValue ?? 1) }
    var selector: JSONValue? { spec["selector"] }
    var template: JSONValue { spec["template"] ?? .object([:]) }
    var paused: Bool { spec["paused"]?.boolValue ?? false }
    var minReadySeconds: Int64 { spec["minReadySeconds"]?.intValue ?? 0 }
    /// nil means keep every old ReplicaSet.
    var revisionHistoryLimit: Int? { spec["revisionHistoryLimit"]?.intValue.map { Int($0) } }

    /// nil when no deadline applies (unset, or MaxInt32 as upstream's "never").
    var progressDeadlineSeconds: Int? {
        guard let v = spec["progressDeadlineSeconds"]?.intValue, v != Int64(Int32.max) else { return nil }
        return Int(v)
    }
    var hasProgressDeadline: Bool { progressDeadlineSeconds != nil }

    var strategy: Strategy {
        let s = spec["strategy"]
        if s?["type"]?.stringValue == "Recreate" { return .recreate }
        let r = s?["rollingUpdate"]
        // Missing values mean upstream's defaults (25% each), as the API server would set.
        return .rollingUpdate(maxSurge: IntOrString(json: r?["maxSurge"]) ?? .string("25%"),
                              maxUnavailable: IntOrString(json: r?["maxUnavailable"]) ?? .string("25%"))
    }

    var isRollingUpdate: Bool { if case .rollingUpdate = strategy { return true } else { return false } }

    /// The rolling-update bounds at the current replica count (0 and 0 for Recreate).
    var fenceposts: Fenceposts { Fenceposts(strategy: strategy, replicas: replicas) }

    /// Upstream's `MaxSurge`: 0 for Recreate.
    var maxSurge: Int { fenceposts.maxSurge }

    /// Upstream's `MaxUnavailable`: never more than the replicas; 0 for Recreate or 0 replicas.
    var maxUnavailable: Int {
        guard isRollingUpdate, replicas > 0 else { return 0 }
        return min(fenceposts.maxUnavailable, replicas)
    }

    var progressingCondition: DeploymentCondition? { status.conditions.condition(DeploymentConditionType.progressing) }
}
