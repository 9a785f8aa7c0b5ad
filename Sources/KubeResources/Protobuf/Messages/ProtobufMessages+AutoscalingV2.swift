/// Message tables for AutoscalingV2. Field numbers, names and types are upstream's `generated.proto`
/// facts as compiled into kubectl 1.33 (read from the descriptors embedded in its binary);
/// the `.omitEmpty`/`.keepEmpty` marks and inlined (`""`) fields follow the Go types. See
/// `ProtobufMessageDescriptor` for the rules.
extension ProtobufMessageDescriptor {
    static let autoscalingV2: [ProtobufMessageDescriptor] = [
        .init("autoscaling.v2.HorizontalPodAutoscaler", [
            .init(1, "metadata", .message("meta.v1.ObjectMeta")),
            .init(2, "spec", .message("autoscaling.v2.HorizontalPodAutoscalerSpec")),
            .init(3, "status", .message("autoscaling.v2.HorizontalPodAutoscalerStatus")),
        ]),
        .init("autoscaling.v2.HorizontalPodAutoscalerSpec", [
            .init(1, "scaleTargetRef", .message("autoscaling.v2.CrossVersionObjectReference")),
            .init(2, "minReplicas", .int32),
            .init(3, "maxReplicas", .int32),
            .init(4, "metrics", .repeated(.message("autoscaling.v2.MetricSpec"))),
            .init(5, "behavior", .message("autoscaling.v2.HorizontalPodAutoscalerBehavior")),
        ]),
        .init("autoscaling.v2.CrossVersionObjectReference", [
            .init(1, "kind", .string),
            .init(2, "name", .string),
            .init(3, "apiVersion", .string),
        ]),
        .init("autoscaling.v2.MetricSpec", [
            .init(1, "type", .string),
            .init(2, "object", .message("autoscaling.v2.ObjectMetricSource")),
            .init(3, "pods", .message("autoscaling.v2.PodsMetricSource")),
            .init(4, "resource", .message("autoscaling.v2.ResourceMetricSource")),
            .init(5, "external", .message("autoscaling.v2.ExternalMetricSource")),
            .init(7, "containerResource", .message("autoscaling.v2.ContainerResourceMetricSource")),
        ]),
        .init("autoscaling.v2.ObjectMetricSource", [
            .init(1, "describedObject", .message("autoscaling.v2.CrossVersionObjectReference")),
            .init(2, "target", .message("autoscaling.v2.MetricTarget")),
            .init(3, "metric", .message("autoscaling.v2.MetricIdentifier")),
        ]),
        .init("autoscaling.v2.MetricTarget", [
            .init(1, "type", .string),
            .init(2, "value", .quantity),
            .init(3, "averageValue", .quantity),
            .init(4, "averageUtilization", .int32),
        ]),
        .init("autoscaling.v2.MetricIdentifier", [
            .init(1, "name", .string),
            .init(2, "selector", .message("meta.v1.LabelSelector")),
        ]),
        .init("autoscaling.v2.PodsMetricSource", [
            .init(1, "metric", .message("autoscaling.v2.MetricIdentifier")),
            .init(2, "target", .message("autoscaling.v2.MetricTarget")),
        ]),
        .init("autoscaling.v2.ResourceMetricSource", [
            .init(1, "name", .string),
            .init(2, "target", .message("autoscaling.v2.MetricTarget")),
        ]),
        .init("autoscaling.v2.ContainerResourceMetricSource", [
            .init(1, "name", .string),
            .init(2, "target", .message("autoscaling.v2.MetricTarget")),
            .init(3, "container", .string),
        ]),
        .init("autoscaling.v2.ExternalMetricSource", [
            .init(1, "metric", .message("autoscaling.v2.MetricIdentifier")),
            .init(2, "target", .message("autoscaling.v2.MetricTarget")),
        ]),
        .init("autoscaling.v2.HorizontalPodAutoscalerBehavior", [
            .init(1, "scaleUp", .message("autoscaling.v2.HPAScalingRules")),
            .init(2, "scaleDown", .message("autoscaling.v2.HPAScalingRules")),
        ]),
        .init("autoscaling.v2.HPAScalingRules", [
            .init(1, "selectPolicy", .string),
            .init(2, "policies", .repeated(.message("autoscaling.v2.HPAScalingPolicy"))),
            .init(3, "stabilizationWindowSeconds", .int32),
            .init(4, "tolerance", .quantity),
        ]),
        .init("autoscaling.v2.HPAScalingPolicy", [
            .init(1, "type", .string),
            .init(2, "value", .int32),
            .init(3, "periodSeconds", .int32, .omitEmpty),
        ]),
        .init("autoscaling.v2.HorizontalPodAutoscalerStatus", [
            .init(1, "observedGeneration", .int64, .omitEmpty),
            .init(2, "lastScaleTime", .time),
            .init(3, "currentReplicas", .int32, .omitEmpty),
            .init(4, "desiredReplicas", .int32, .omitEmpty),
            .init(5, "currentMetrics", .repeated(.message("autoscaling.v2.MetricStatus"))),
            .init(6, "conditions", .repeated(.message("autoscaling.v2.HorizontalPodAutoscalerCondition"))),
        ]),
        .init("autoscaling.v2.MetricStatus", [
            .init(1, "type", .string),
            .init(2, "object", .message("autoscaling.v2.ObjectMetricStatus")),
            .init(3, "pods", .message("autoscaling.v2.PodsMetricStatus")),
            .init(4, "resource", .message("autoscaling.v2.ResourceMetricStatus")),
            .init(5, "external", .message("autoscaling.v2.ExternalMetricStatus")),
            .init(7, "containerResource", .message("autoscaling.v2.ContainerResourceMetricStatus")),
        ]),
        .init("autoscaling.v2.ObjectMetricStatus", [
            .init(1, "metric", .message("autoscaling.v2.MetricIdentifier")),
            .init(2, "current", .message("autoscaling.v2.MetricValueStatus")),
            .init(3, "describedObject", .message("autoscaling.v2.CrossVersionObjectReference")),
        ]),
        .init("autoscaling.v2.MetricValueStatus", [
            .init(1, "value", .quantity),
            .init(2, "averageValue", .quantity),
            .init(3, "averageUtilization", .int32, .omitEmpty),
        ]),
        .init("autoscaling.v2.PodsMetricStatus", [
            .init(1, "metric", .message("autoscaling.v2.MetricIdentifier")),
            .init(2, "current", .message("autoscaling.v2.MetricValueStatus")),
        ]),
        .init("autoscaling.v2.ResourceMetricStatus", [
            .init(1, "name", .string),
            .init(2, "current", .message("autoscaling.v2.MetricValueStatus")),
        ]),
        .init("autoscaling.v2.ContainerResourceMetricStatus", [
            .init(1, "name", .string),
            .init(2, "current", .message("autoscaling.v2.MetricValueStatus")),
            .init(3, "container", .string),
        ]),
        .init("autoscaling.v2.ExternalMetricStatus", [
            .init(1, "metric", .message("autoscaling.v2.MetricIdentifier")),
            .init(2, "current", .message("autoscaling.v2.MetricValueStatus")),
        ]),
        .init("autoscaling.v2.HorizontalPodAutoscalerCondition", [
            .init(1, "type", .string),
            .init(2, "status", .string),
            .init(3, "lastTransitionTime", .time),
            .init(4, "reason", .string),
            .init(5, "message", .string),
        ]),
    ]
}
