import KubeMachinery

/// batch/v1 Job and CronJob.
enum BatchSchemas {
    static let podFailurePolicyRule = Schema.named(Def.batch + "PodFailurePolicyRule", "How one kind of pod failure is handled.",
        required: ["action"], [
        "action": .string("FailJob, FailIndex, Ignore or Count."),
        "onExitCodes": .named(Def.batch + "PodFailurePolicyOnExitCodesRequirement", "Matches container exit codes.",
                              required: ["operator", "values"], [
            "containerName": .string("Restricts the match to one container."),
            "operator": .string("In or NotIn."),
            "values": .list(of: .int32(), "Exit codes.", listType: "set"),
        ]),
        "onPodConditions": .list(of: .named(Def.batch + "PodFailurePolicyOnPodConditionsPattern", "Matches a pod condition.",
                                            required: ["type"], [
            "status": .string("Condition status to match."),
            "type": .string("Condition type to match."),
        ]), "Pod conditions to match."),
    ])
    static let successPolicyRule = Schema.named(Def.batch + "SuccessPolicyRule", "When a Job counts as succeeded early.", [
        "succeededCount": .int32("Succeeded indexes needed."),
        "succeededIndexes": .string("Indexes that must succeed, e.g. 1-3,5."),
    ])
    static let jobCondition = Schema.named(Def.batch + "JobCondition", "One aspect of a Job's state.", required: ["type", "status"], [
        "lastProbeTime": Meta.time,
        "lastTransitionTime": Meta.time,
        "message": .string("Human-readable detail."),
        "reason": .string("Machine-readable reason."),
        "status": .string("True, False or Unknown."),
        "type": .string("Complete, Failed, Suspended..."),
    ])
    static let jobSpec = Schema.named(Def.batch + "JobSpec", "The desired behaviour of a Job.", required: ["template"], [
        "activeDeadlineSeconds": .int64("Seconds the Job may run."),
        "backoffLimit": .int32("Retries before the Job fails."),
        "backoffLimitPerIndex": .int32("Retries per index for Indexed Jobs."),
        "completionMode": .string("NonIndexed or Indexed."),
        "completions": .int32("Successful pods needed."),
        "managedBy": .string("Controller that manages the Job."),
        "manualSelector": .boolean("Use the given selector as is."),
        "maxFailedIndexes": .int32("Failed indexes before the Job fails."),
        "parallelism": .int32("Pods to run at once."),
        "podFailurePolicy": .named(Def.batch + "PodFailurePolicy", "How pod failures affect the Job.", required: ["rules"], [
            "rules": .list(of: podFailurePolicyRule, "Rules evaluated in order."),
        ]),
        "podReplacementPolicy": .string("TerminatingOrFailed or Failed."),
        "selector": Meta.labelSelector,
        "successPolicy": .named(Def.batch + "SuccessPolicy", "When the Job succeeds early.", required: ["rules"], [
            "rules": .list(of: successPolicyRule, "Rules; any may declare success."),
        ]),
        "suspend": .boolean("Suspend the Job."),
        "template": PodSchemas.podTemplateSpec,
        "ttlSecondsAfterFinished": .int32("Seconds to keep the finished Job."),
    ])
    static let jobStatus = Schema.named(Def.batch + "JobStatus", "The observed state of a Job.", [
        "active": .int32("Running pods."),
        "completedIndexes": .string("Completed indexes, compressed."),
        "completionTime": Meta.time,
        "conditions": .list(of: jobCondition, "Current state observations.", listType: "atomic",
                            mergeKey: "type", patchStrategy: "merge"),
        "failed": .int32("Failed pods."),
        "failedIndexes": .string("Failed indexes, compressed."),
        "ready": .int32("Ready pods."),
        "startTime": Meta.time,
        "succeeded": .int32("Succeeded pods."),
        "terminating": .int32("Terminating pods."),
        "uncountedTerminatedPods": .named(Def.batch + "UncountedTerminatedPods", "Finished pods not yet counted.", [
            "failed": .stringList("UIDs of failed pods.", listType: "set"),
            "succeeded": .stringList("UIDs of succeeded pods.", listType: "set"),
        ]),
    ])
    static let job = Schema.kind(Def.batch + "Job", group: "batch", version: "v1", kind: "Job",
                                 "Runs pods until a number of them succeed.", [
        "spec": jobSpec,
        "status": jobStatus,
    ])
    static let cronJob = Schema.kind(Def.batch + "CronJob", group: "batch", version: "v1", kind: "CronJob",
                                     "Runs Jobs on a schedule.", [
        "spec": .named(Def.batch + "CronJobSpec", "The schedule and the Job to run.", required: ["schedule", "jobTemplate"], [
            "concurrencyPolicy": .string("Allow, Forbid or Replace."),
            "failedJobsHistoryLimit": .int32("Failed Jobs to keep."),
            "jobTemplate": .named(Def.batch + "JobTemplateSpec", "The Job to create.", [
                "metadata": Meta.objectMeta,
                "spec": jobSpec,
            ]),
            "schedule": .string("Cron schedule."),
            "startingDeadlineSeconds": .int64("Deadline for starting a missed run."),
            "successfulJobsHistoryLimit": .int32("Successful Jobs to keep."),
            "suspend": .boolean("Suspend future runs."),
            "timeZone": .string("Time zone of the schedule."),
        ]),
        "status": .named(Def.batch + "CronJobStatus", "The observed state of a CronJob.", [
            "active": .list(of: ServiceSchemas.objectReference, "Running Jobs."),
            "lastScheduleTime": Meta.time,
            "lastSuccessfulTime": Meta.time,
        ]),
    ])
}
