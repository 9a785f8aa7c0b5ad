import KubeMachinery

/// A Deployment's `status`, decoded so that the controller can compute the next one and
/// compare: an unchanged status is never written.
struct DeploymentRolloutStatus: Sendable, Hashable {
    var observedGeneration: Int64 = 0
    var replicas = 0
    var updatedReplicas = 0
    var readyReplicas = 0
    var availableReplicas = 0
    var unavailableReplicas = 0
    var collisionCount: Int?
    var conditions: [DeploymentCondition] = []

    init() {}

    init(json: JSONValue?) {
        guard let json else { return }
        observedGeneration = json["observedGeneration"]?.intValue ?? 0
        replicas = Int(json["replicas"]?.intValue ?? 0)
        updatedReplicas = Int(json["updatedReplicas"]?.intValue ?? 0)
        readyReplicas = Int(json["readyReplicas"]?.intValue ?? 0)
        availableReplicas = Int(json["availableReplicas"]?.intValue ?? 0)
        unavailableReplicas = Int(json["unavailableReplicas"]?.intValue ?? 0)
        collisionCount = json["collisionCount"]?.intValue.map { Int($0) }
        conditions = json["conditions"]?.arrayValue?.map(DeploymentCondition.init(json:)) ?? []
    }

    /// Zero counts are left out, as upstream's `omitempty` fields are.
    var json: JSONValue {
        var o: [String: JSONValue] = [:]
        func put(_ key: String, _ v: Int) { if v != 0 { o[key] = .int(Int64(v)) } }
        if observedGeneration != 0 { o["observedGeneration"] = .int(observedGeneration) }
        put("replicas", replicas)
        put("updatedReplicas", updatedReplicas)
        put("readyReplicas", readyReplicas)
        put("availableReplicas", availableReplicas)
        put("unavailableReplicas", unavailableReplicas)
        if let collisionCount { o["collisionCount"] = .int(Int64(collisionCount)) }
        if !conditions.isEmpty { o["conditions"] = .array(conditions.map(\.json)) }
        return .object(o)
    }
}
