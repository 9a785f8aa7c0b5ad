/// Message tables for BatchV1. Field numbers, names and types are upstream's `generated.proto`
/// facts as compiled into kubectl 1.33 (read from the descriptors embedded in its binary);
/// the `.omitEmpty`/`.keepEmpty` marks and inlined (`""`) fields follow the Go types. See
/// `ProtobufMessageDescriptor` for the rules.
extension ProtobufMessageDescriptor {
    static let batchV1: [ProtobufMessageDescriptor] = [
        .init("batch.v1.Job", [
            .init(1, "metadata", .message("meta.v1.ObjectMeta")),
            .init(2, "spec", .message("batch.v1.JobSpec")),
            .init(3, "status", .message("batch.v1.JobStatus")),
        ]),
        .init("batch.v1.JobSpec", [
            .init(1, "parallelism", .int32),
            .init(2, "completions", .int32),
            .init(3, "activeDeadlineSeconds", .int64),
            .init(4, "selector", .message("meta.v1.LabelSelector")),
            .init(5, "manualSelector", .bool),
            .init(6, "template", .message("core.v1.PodTemplateSpec")),
            .init(7, "backoffLimit", .int32),
            .init(8, "ttlSecondsAfterFinished", .int32),
            .init(9, "completionMode", .string),
            .init(10, "suspend", .bool),
            .init(11, "podFailurePolicy", .message("batch.v1.PodFailurePolicy")),
            .init(12, "backoffLimitPerIndex", .int32),
            .init(13, "maxFailedIndexes", .int32),
            .init(14, "podReplacementPolicy", .string),
            .init(15, "managedBy", .string),
            .init(16, "successPolicy", .message("batch.v1.SuccessPolicy")),
        ]),
        .init("batch.v1.PodFailurePolicy", [
            .init(1, "rules", .repeated(.message("batch.v1.PodFailurePolicyRule"))),
        ]),
        .init("batch.v1.PodFailurePolicyRule", [
            .init(1, "action", .string),
            .init(2, "onExitCodes", .message("batch.v1.PodFailurePolicyOnExitCodesRequirement")),
            .init(3, "onPodConditions", .repeated(.message("batch.v1.PodFailurePolicyOnPodConditionsPattern"))),
        ]),
        .init("batch.v1.PodFailurePolicyOnExitCodesRequirement", [
            .init(1, "containerName", .string),
            .init(2, "operator", .string),
            .init(3, "values", .repeated(.int32)),
        ]),
        .init("batch.v1.PodFailurePolicyOnPodConditionsPattern", [
            .init(1, "type", .string),
            .init(2, "status", .string),
        ]),
        .init("batch.v1.SuccessPolicy", [
            .init(1, "rules", .repeated(.message("batch.v1.SuccessPolicyRule"))),
        ]),
        .init("batch.v1.SuccessPolicyRule", [
            .init(1, "succeededIndexes", .string),
            .init(2, "succeededCount", .int32),
        ]),
        .init("batch.v1.JobStatus", [
            .init(1, "conditions", .repeated(.message("batch.v1.JobCondition"))),
            .init(2, "startTime", .time),
            .init(3, "completionTime", .time),
            .init(4, "active", .int32, .omitEmpty),
            .init(5, "succeeded", .int32, .omitEmpty),
            .init(6, "failed", .int32, .omitEmpty),
            .init(7, "completedIndexes", .string),
            .init(8, "uncountedTerminatedPods", .message("batch.v1.UncountedTerminatedPods")),
            .init(9, "ready", .int32),
            .init(10, "failedIndexes", .string),
            .init(11, "terminating", .int32),
        ]),
        .init("batch.v1.JobCondition", [
            .init(1, "type", .string),
            .init(2, "status", .string),
            .init(3, "lastProbeTime", .time),
            .init(4, "lastTransitionTime", .time),
            .init(5, "reason", .string),
            .init(6, "message", .string),
        ]),
        .init("batch.v1.UncountedTerminatedPods", [
            .init(1, "succeeded", .repeated(.string)),
            .init(2, "failed", .repeated(.string)),
        ]),
        .init("batch.v1.CronJob", [
            .init(1, "metadata", .message("meta.v1.ObjectMeta")),
            .init(2, "spec", .message("batch.v1.CronJobSpec")),
            .init(3, "status", .message("batch.v1.CronJobStatus")),
        ]),
        .init("batch.v1.CronJobSpec", [
            .init(1, "schedule", .string),
            .init(2, "startingDeadlineSeconds", .int64),
            .init(3, "concurrencyPolicy", .string),
            .init(4, "suspend", .bool),
            .init(5, "jobTemplate", .message("batch.v1.JobTemplateSpec")),
            .init(6, "successfulJobsHistoryLimit", .int32),
            .init(7, "failedJobsHistoryLimit", .int32),
            .init(8, "timeZone", .string),
        ]),
        .init("batch.v1.JobTemplateSpec", [
            .init(1, "metadata", .message("meta.v1.ObjectMeta")),
            .init(2, "spec", .message("batch.v1.JobSpec")),
        ]),
        .init("batch.v1.CronJobStatus", [
            .init(1, "active", .repeated(.message("core.v1.ObjectReference"))),
            .init(4, "lastScheduleTime", .time),
            .init(5, "lastSuccessfulTime", .time),
        ]),
    ]
}
