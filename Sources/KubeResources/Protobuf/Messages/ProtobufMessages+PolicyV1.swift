/// Message tables for PolicyV1. Field numbers, names and types are upstream's `generated.proto`
/// facts as compiled into kubectl 1.33 (read from the descriptors embedded in its binary);
/// the `.omitEmpty`/`.keepEmpty` marks and inlined (`""`) fields follow the Go types. See
/// `ProtobufMessageDescriptor` for the rules.
extension ProtobufMessageDescriptor {
    static let policyV1: [ProtobufMessageDescriptor] = [
        .init("policy.v1.PodDisruptionBudget", [
            .init(1, "metadata", .message("meta.v1.ObjectMeta")),
            .init(2, "spec", .message("policy.v1.PodDisruptionBudgetSpec")),
            .init(3, "status", .message("policy.v1.PodDisruptionBudgetStatus")),
        ]),
        .init("policy.v1.PodDisruptionBudgetSpec", [
            .init(1, "minAvailable", .intOrString),
            .init(2, "selector", .message("meta.v1.LabelSelector")),
            .init(3, "maxUnavailable", .intOrString),
            .init(4, "unhealthyPodEvictionPolicy", .string),
        ]),
        .init("policy.v1.PodDisruptionBudgetStatus", [
            .init(1, "observedGeneration", .int64, .omitEmpty),
            .init(2, "disruptedPods", .map(.string, .time)),
            .init(3, "disruptionsAllowed", .int32, .omitEmpty),
            .init(4, "currentHealthy", .int32, .omitEmpty),
            .init(5, "desiredHealthy", .int32, .omitEmpty),
            .init(6, "expectedPods", .int32, .omitEmpty),
            .init(7, "conditions", .repeated(.message("meta.v1.Condition"))),
        ]),
        .init("policy.v1.Eviction", [
            .init(1, "metadata", .message("meta.v1.ObjectMeta")),
            .init(2, "deleteOptions", .message("meta.v1.DeleteOptions")),
        ]),
    ]
}
