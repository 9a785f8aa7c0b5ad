/// Message tables for AutoscalingV1. Field numbers, names and types are upstream's `generated.proto`
/// facts as compiled into kubectl 1.33 (read from the descriptors embedded in its binary);
/// the `.omitEmpty`/`.keepEmpty` marks and inlined (`""`) fields follow the Go types. See
/// `ProtobufMessageDescriptor` for the rules.
extension ProtobufMessageDescriptor {
    static let autoscalingV1: [ProtobufMessageDescriptor] = [
        .init("autoscaling.v1.HorizontalPodAutoscaler", [
            .init(1, "metadata", .message("meta.v1.ObjectMeta")),
            .init(2, "spec", .message("autoscaling.v1.HorizontalPodAutoscalerSpec")),
            .init(3, "status", .message("autoscaling.v1.HorizontalPodAutoscalerStatus")),
        ]),
        .init("autoscaling.v1.HorizontalPodAutoscalerSpec", [
            .init(1, "scaleTargetRef", .message("autoscaling.v1.CrossVersionObjectReference")),
            .init(2, "minReplicas", .int32),
            .init(3, "maxReplicas", .int32),
            .init(4, "targetCPUUtilizationPercentage", .int32),
        ]),
        .init("autoscaling.v1.CrossVersionObjectReference", [
            .init(1, "kind", .string),
            .init(2, "name", .string),
            .init(3, "apiVersion", .string),
        ]),
        .init("autoscaling.v1.HorizontalPodAutoscalerStatus", [
            .init(1, "observedGeneration", .int64, .omitEmpty),
            .init(2, "lastScaleTime", .time),
            .init(3, "currentReplicas", .int32, .omitEmpty),
            .init(4, "desiredReplicas", .int32, .omitEmpty),
            .init(5, "currentCPUUtilizationPercentage", .int32, .omitEmpty),
        ]),
        .init("autoscaling.v1.Scale", [
            .init(1, "metadata", .message("meta.v1.ObjectMeta")),
            .init(2, "spec", .message("autoscaling.v1.ScaleSpec")),
            .init(3, "status", .message("autoscaling.v1.ScaleStatus")),
        ]),
        .init("autoscaling.v1.ScaleSpec", [
            .init(1, "replicas", .int32),
        ]),
        .init("autoscaling.v1.ScaleStatus", [
            .init(1, "replicas", .int32, .omitEmpty),
            .init(2, "selector", .string),
        ]),
    ]
}
