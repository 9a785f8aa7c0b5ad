import KubeMachinery

/// apps/v1 workload kinds.
enum AppsSchemas {
    /// The condition types of apps kinds share one shape; only Deployment adds lastUpdateTime.
    static func condition(_ kind: String, withUpdateTime: Bool = false) -> Schema {
        var props: [(name: String, schema: Schema)] = [("lastTransitionTime", Meta.time)]
        if withUpdateTime { props.append(("lastUpdateTime", Meta.time)) }
        props += [
            ("message", .string("Human-readable detail.")),
            ("reason", .string("Machine-readable reason.")),
            ("status", .string("True, False or Unknown.")),
            ("type", .string("Condition type.")),
        ]
        return Schema(kind: .object, description: "One aspect of a \(kind)'s state.", properties: props,
                      required: ["type", "status"], definitionName: Def.apps + kind + "Condition")
    }
    static func conditions(_ kind: String, withUpdateTime: Bool = false) -> Schema {
        .keyedList(of: condition(kind, withUpdateTime: withUpdateTime), by: "type", "Current state observations.")
    }

    static let rollingUpdateDeployment = Schema.named(Def.apps + "RollingUpdateDeployment", "Rolling update parameters.", [
        "maxSurge": Meta.intOrString,
        "maxUnavailable": Meta.intOrString,
    ])
    static let deploymentStrategy = Schema.named(Def.apps + "DeploymentStrategy", "How old pods are replaced.", [
        "rollingUpdate": rollingUpdateDeployment,
        "type": .string("Recreate or RollingUpdate.", enum: ["Recreate", "RollingUpdate"]),
    ])
    static let deployment = Schema.kind(Def.apps + "Deployment", group: "apps", version: "v1", kind: "Deployment",
                                        "Declarative updates for pods and ReplicaSets.", [
        "spec": .named(Def.apps + "DeploymentSpec", "The desired state of a Deployment.", required: ["selector", "template"], [
            "minReadySeconds": .int32("Seconds a pod must be ready to count as available."),
            "paused": .boolean("Pause the rollout."),
            "progressDeadlineSeconds": .int32("Seconds before a stalled rollout is reported."),
            "replicas": .int32("Desired number of pods."),
            "revisionHistoryLimit": .int32("Old ReplicaSets to keep."),
            "selector": Meta.labelSelector,
            "strategy": deploymentStrategy.patched(strategy: "retainKeys"),
            "template": PodSchemas.podTemplateSpec,
        ]),
        "status": .named(Def.apps + "DeploymentStatus", "The observed state of a Deployment.", [
            "availableReplicas": .int32("Available pods."),
            "collisionCount": .int32("Hash collisions of the template."),
            "conditions": conditions("Deployment", withUpdateTime: true),
            "observedGeneration": .int64("Generation last acted upon."),
            "readyReplicas": .int32("Ready pods."),
            "replicas": .int32("Non-terminating pods."),
            "terminatingReplicas": .int32("Terminating pods."),
            "unavailableReplicas": .int32("Unavailable pods."),
            "updatedReplicas": .int32("Pods with the latest template."),
        ]),
    ])
    static let replicaSet = Schema.kind(Def.apps + "ReplicaSet", group: "apps", version: "v1", kind: "ReplicaSet",
                                        "Keeps a number of identical pods running.", [
        "spec": .named(Def.apps + "ReplicaSetSpec", "The desired state of a ReplicaSet.", required: ["selector"], [
            "minReadySeconds": .int32("Seconds a pod must be ready to count as available."),
            "replicas": .int32("Desired number of pods."),
            "selector": Meta.labelSelector,
            "template": PodSchemas.podTemplateSpec,
        ]),
        "status": .named(Def.apps + "ReplicaSetStatus", "The observed state of a ReplicaSet.", required: ["replicas"], [
            "availableReplicas": .int32("Available pods."),
            "conditions": conditions("ReplicaSet"),
            "fullyLabeledReplicas": .int32("Pods whose labels match the template."),
            "observedGeneration": .int64("Generation last acted upon."),
            "readyReplicas": .int32("Ready pods."),
            "replicas": .int32("Non-terminating pods."),
            "terminatingReplicas": .int32("Terminating pods."),
        ]),
    ])
    static let daemonSet = Schema.kind(Def.apps + "DaemonSet", group: "apps", version: "v1", kind: "DaemonSet",
                                       "Runs a pod on every eligible node.", [
        "spec": .named(Def.apps + "DaemonSetSpec", "The desired state of a DaemonSet.", required: ["selector", "template"], [
            "minReadySeconds": .int32("Seconds a pod must be ready to count as available."),
            "revisionHistoryLimit": .int32("Old revisions to keep."),
            "selector": Meta.labelSelector,
            "template": PodSchemas.podTemplateSpec,
            "updateStrategy": .named(Def.apps + "DaemonSetUpdateStrategy", "How daemon pods are replaced.", [
                "rollingUpdate": .named(Def.apps + "RollingUpdateDaemonSet", "Rolling update parameters.", [
                    "maxSurge": Meta.intOrString,
                    "maxUnavailable": Meta.intOrString,
                ]),
                "type": .string("RollingUpdate or OnDelete."),
            ]),
        ]),
        "status": .named(Def.apps + "DaemonSetStatus", "The observed state of a DaemonSet.",
            required: ["currentNumberScheduled", "numberMisscheduled", "desiredNumberScheduled", "numberReady"], [
            "collisionCount": .int32("Hash collisions of the template."),
            "conditions": conditions("DaemonSet"),
            "currentNumberScheduled": .int32("Nodes running a daemon pod that should."),
            "desiredNumberScheduled": .int32("Nodes that should run a daemon pod."),
            "numberAvailable": .int32("Nodes with an available daemon pod."),
            "numberMisscheduled": .int32("Nodes running a daemon pod that should not."),
            "numberReady": .int32("Nodes with a ready daemon pod."),
            "numberUnavailable": .int32("Nodes without an available daemon pod."),
            "observedGeneration": .int64("Generation last acted upon."),
            "updatedNumberScheduled": .int32("Nodes running the latest template."),
        ]),
    ])
    static let statefulSet = Schema.kind(Def.apps + "StatefulSet", group: "apps", version: "v1", kind: "StatefulSet",
                                         "Pods with stable identities and storage.", [
        "spec": .named(Def.apps + "StatefulSetSpec", "The desired state of a StatefulSet.", required: ["selector", "template"], [
            "minReadySeconds": .int32("Seconds a pod must be ready to count as available."),
            "ordinals": .named(Def.apps + "StatefulSetOrdinals", "Numbering of replicas.", [
                "start": .int32("First ordinal."),
            ]),
            "persistentVolumeClaimRetentionPolicy": .named(Def.apps + "StatefulSetPersistentVolumeClaimRetentionPolicy",
                                                           "What happens to claims on delete and scale-down.", [
                "whenDeleted": .string("Retain or Delete."),
                "whenScaled": .string("Retain or Delete."),
            ]),
            "podManagementPolicy": .string("OrderedReady or Parallel."),
            "replicas": .int32("Desired number of pods."),
            "revisionHistoryLimit": .int32("Old revisions to keep."),
            "selector": Meta.labelSelector,
            "serviceName": .string("Governing headless Service."),
            "template": PodSchemas.podTemplateSpec,
            "updateStrategy": .named(Def.apps + "StatefulSetUpdateStrategy", "How pods are replaced.", [
                "rollingUpdate": .named(Def.apps + "RollingUpdateStatefulSetStrategy", "Rolling update parameters.", [
                    "maxUnavailable": Meta.intOrString,
                    "partition": .int32("Ordinal at and above which pods are updated."),
                ]),
                "type": .string("RollingUpdate or OnDelete."),
            ]),
            "volumeClaimTemplates": .list(of: StorageSchemas.pvc, "Claims each pod gets."),
        ]),
        "status": .named(Def.apps + "StatefulSetStatus", "The observed state of a StatefulSet.", required: ["replicas"], [
            "availableReplicas": .int32("Available pods."),
            "collisionCount": .int32("Hash collisions of the template."),
            "conditions": conditions("StatefulSet"),
            "currentReplicas": .int32("Pods at currentRevision."),
            "currentRevision": .string("Revision of the current pods."),
            "observedGeneration": .int64("Generation last acted upon."),
            "readyReplicas": .int32("Ready pods."),
            "replicas": .int32("Pods created."),
            "updateRevision": .string("Revision being rolled out."),
            "updatedReplicas": .int32("Pods at updateRevision."),
        ]),
    ])
    static let controllerRevision = Schema.kind(Def.apps + "ControllerRevision", group: "apps", version: "v1",
                                                kind: "ControllerRevision", "An immutable snapshot of state.",
                                                required: ["revision"], [
        "data": .freeForm("The serialized state."),
        "revision": .int64("Revision number."),
    ])
}
