import KubeMachinery

/// The remaining built-in kinds: coordination, events, storage, policy, autoscaling, scheduling.
enum ClusterKindSchemas {
    static let lease = Schema.kind("io.k8s.api.coordination.v1.Lease", group: "coordination.k8s.io", version: "v1",
                                   kind: "Lease", "A lease used for leader election and heartbeats.", [
        "spec": .named("io.k8s.api.coordination.v1.LeaseSpec", "Who holds the lease and until when.", [
            "acquireTime": Meta.microTime,
            "holderIdentity": .string("Identity of the holder."),
            "leaseDurationSeconds": .int32("Seconds the holder keeps it without renewal."),
            "leaseTransitions": .int32("Times the holder changed."),
            "preferredHolder": .string("Holder the lease should pass to."),
            "renewTime": Meta.microTime,
            "strategy": .string("Leader election strategy."),
        ]),
    ])

    static let eventsEvent = Schema.kind("io.k8s.api.events.v1.Event", group: "events.k8s.io", version: "v1", kind: "Event",
                                         "A report of something that happened in the cluster.", required: ["eventTime"], [
        "action": .string("What was done or failed."),
        "deprecatedCount": .int32("core/v1 count."),
        "deprecatedFirstTimestamp": Meta.time,
        "deprecatedLastTimestamp": Meta.time,
        "deprecatedSource": CoreKindSchemas.eventSource,
        "eventTime": Meta.microTime,
        "note": .string("Human-readable description."),
        "reason": .string("Short machine-readable reason."),
        "regarding": ServiceSchemas.objectReference,
        "related": ServiceSchemas.objectReference,
        "reportingController": .string("Controller that emitted the event."),
        "reportingInstance": .string("Instance of that controller."),
        "series": .named("io.k8s.api.events.v1.EventSeries", "A series of repeated events.", required: ["count", "lastObservedTime"], [
            "count": .int32("Occurrences so far."),
            "lastObservedTime": Meta.microTime,
        ]),
        "type": .string("Normal or Warning."),
    ])

    static let storageClass = Schema.kind("io.k8s.api.storage.v1.StorageClass", group: "storage.k8s.io", version: "v1",
                                          kind: "StorageClass", "A class of dynamically provisioned storage.",
                                          required: ["provisioner"], [
        "allowVolumeExpansion": .boolean("Whether claims may grow."),
        "allowedTopologies": .list(of: .freeForm("A topology selector term."), "Where volumes may be provisioned."),
        "mountOptions": .stringList("Mount options of provisioned volumes."),
        "parameters": .stringMap("Provisioner parameters."),
        "provisioner": .string("Name of the provisioner."),
        "reclaimPolicy": .string("Delete or Retain."),
        "volumeBindingMode": .string("Immediate or WaitForFirstConsumer."),
    ])

    static let podDisruptionBudget = Schema.kind("io.k8s.api.policy.v1.PodDisruptionBudget", group: "policy", version: "v1",
                                                 kind: "PodDisruptionBudget", "Limits voluntary disruptions of a set of pods.", [
        "spec": .named("io.k8s.api.policy.v1.PodDisruptionBudgetSpec", "The budget.", [
            "maxUnavailable": Meta.intOrString,
            "minAvailable": Meta.intOrString,
            "selector": Meta.labelSelector.patched(strategy: "replace"),
            "unhealthyPodEvictionPolicy": .string("IfHealthyBudget or AlwaysAllow."),
        ]),
        "status": .named("io.k8s.api.policy.v1.PodDisruptionBudgetStatus", "The observed state of the budget.",
            required: ["disruptionsAllowed", "currentHealthy", "desiredHealthy", "expectedPods"], [
            "conditions": Meta.conditions,
            "currentHealthy": .int32("Healthy pods now."),
            "desiredHealthy": .int32("Healthy pods needed."),
            "disruptedPods": .map(of: Meta.time, "Pods being evicted and when."),
            "disruptionsAllowed": .int32("Disruptions allowed now."),
            "expectedPods": .int32("Pods counted by the budget."),
            "observedGeneration": .int64("Generation last acted upon."),
        ]),
    ])

    static func scaleTargetRef(_ version: String) -> Schema {
        .named("io.k8s.api.autoscaling.\(version).CrossVersionObjectReference", "The object to scale.", required: ["kind", "name"], [
            "apiVersion": .string("API version of the referent."),
            "kind": .string("Kind of the referent."),
            "name": .string("Name of the referent."),
        ])
    }
    static let hpaV1 = Schema.kind("io.k8s.api.autoscaling.v1.HorizontalPodAutoscaler", group: "autoscaling", version: "v1",
                                   kind: "HorizontalPodAutoscaler", "Scales a workload on CPU use.", [
        "spec": .named("io.k8s.api.autoscaling.v1.HorizontalPodAutoscalerSpec", "The scaling rule.",
                       required: ["scaleTargetRef", "maxReplicas"], [
            "maxReplicas": .int32("Upper replica bound."),
            "minReplicas": .int32("Lower replica bound."),
            "scaleTargetRef": scaleTargetRef("v1"),
            "targetCPUUtilizationPercentage": .int32("Target average CPU use."),
        ]),
        "status": .named("io.k8s.api.autoscaling.v1.HorizontalPodAutoscalerStatus", "The observed state.",
                         required: ["currentReplicas", "desiredReplicas"], [
            "currentCPUUtilizationPercentage": .int32("Current average CPU use."),
            "currentReplicas": .int32("Current replicas."),
            "desiredReplicas": .int32("Desired replicas."),
            "lastScaleTime": Meta.time,
            "observedGeneration": .int64("Generation last acted upon."),
        ]),
    ])
    static let hpaV2 = Schema.kind("io.k8s.api.autoscaling.v2.HorizontalPodAutoscaler", group: "autoscaling", version: "v2",
                                   kind: "HorizontalPodAutoscaler", "Scales a workload on metrics.", [
        "spec": .named("io.k8s.api.autoscaling.v2.HorizontalPodAutoscalerSpec", "The scaling rule.",
                       required: ["scaleTargetRef", "maxReplicas"], [
            "behavior": .freeForm("Scale-up and scale-down policies."),
            "maxReplicas": .int32("Upper replica bound."),
            "metrics": .list(of: .freeForm("A metric to scale on."), "Metrics to scale on."),
            "minReplicas": .int32("Lower replica bound."),
            "scaleTargetRef": scaleTargetRef("v2"),
        ]),
        "status": .named("io.k8s.api.autoscaling.v2.HorizontalPodAutoscalerStatus", "The observed state.",
                         required: ["desiredReplicas"], [
            "conditions": .keyedList(of: .freeForm("An autoscaler condition."), by: "type", "Current state observations."),
            "currentMetrics": .list(of: .freeForm("A metric's current value."), "Last read metric values."),
            "currentReplicas": .int32("Current replicas."),
            "desiredReplicas": .int32("Desired replicas."),
            "lastScaleTime": Meta.time,
            "observedGeneration": .int64("Generation last acted upon."),
        ]),
    ])

    static let priorityClass = Schema.kind("io.k8s.api.scheduling.v1.PriorityClass", group: "scheduling.k8s.io", version: "v1",
                                           kind: "PriorityClass", "A named pod priority.", required: ["value"], [
        "description": .string("When to use this class."),
        "globalDefault": .boolean("Default for pods without a class."),
        "preemptionPolicy": .string("Never or PreemptLowerPriority."),
        "value": .int32("The priority."),
    ])
}
