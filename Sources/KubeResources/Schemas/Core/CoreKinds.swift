import KubeMachinery

/// core/v1 configuration and identity kinds: ConfigMap, Secret, Namespace, ServiceAccount, Event.
enum CoreKindSchemas {
    static let configMap = Schema.kind(Def.core + "ConfigMap", group: "", version: "v1", kind: "ConfigMap",
                                       "Non-confidential configuration as key/value pairs.", [
        "binaryData": .map(of: .bytes(), "Binary values, base64 on the wire."),
        "data": .stringMap("UTF-8 values."),
        "immutable": .boolean("If true, data cannot be changed."),
    ])
    static let secret = Schema.kind(Def.core + "Secret", group: "", version: "v1", kind: "Secret",
                                    "Confidential data as key/value pairs.", [
        "data": .map(of: .bytes(), "Values, base64 on the wire."),
        "immutable": .boolean("If true, data cannot be changed."),
        "stringData": .stringMap("Write-only plain-text values merged into data."),
        "type": .string("Type used for programmatic handling, e.g. Opaque."),
    ])
    static let namespaceCondition = Schema.named(Def.core + "NamespaceCondition", "One aspect of a namespace's state.",
        required: ["type", "status"], [
        "lastTransitionTime": Meta.time,
        "message": .string("Human-readable detail."),
        "reason": .string("Machine-readable reason."),
        "status": .string("True, False or Unknown."),
        "type": .string("Condition type."),
    ])
    static let namespace = Schema.kind(Def.core + "Namespace", group: "", version: "v1", kind: "Namespace",
                                       "A scope for names.", [
        "spec": .named(Def.core + "NamespaceSpec", "The desired state of a namespace.", [
            "finalizers": .stringList("Values that must be cleared before the namespace is removed."),
        ]),
        "status": .named(Def.core + "NamespaceStatus", "The observed state of a namespace.", [
            "conditions": .keyedList(of: namespaceCondition, by: "type", "Current state observations."),
            "phase": .string("Active or Terminating."),
        ]),
    ])
    static let serviceAccount = Schema.kind(Def.core + "ServiceAccount", group: "", version: "v1", kind: "ServiceAccount",
                                            "An identity for processes in pods.", [
        "automountServiceAccountToken": .boolean("Mount the token into pods by default."),
        "imagePullSecrets": .list(of: VolumeSchemas.localObjectReference, "Secrets for pulling images."),
        "secrets": .keyedList(of: ServiceSchemas.objectReference, by: "name", "Secrets pods of this account may use."),
    ])
    static let eventSource = Schema.named(Def.core + "EventSource", "The component that reported an event.", [
        "component": .string("Reporting component."),
        "host": .string("Node name."),
    ])
    static let eventSeries = Schema.named(Def.core + "EventSeries", "A series of repeated events.", [
        "count": .int32("Occurrences so far."),
        "lastObservedTime": Meta.microTime,
    ])
    static let event = Schema.kind(Def.core + "Event", group: "", version: "v1", kind: "Event",
                                   "A report of something that happened in the cluster.", required: ["metadata", "involvedObject"], [
        "action": .string("What was done or failed."),
        "count": .int32("Times this event occurred."),
        "eventTime": Meta.microTime,
        "firstTimestamp": Meta.time,
        "involvedObject": ServiceSchemas.objectReference,
        "lastTimestamp": Meta.time,
        "message": .string("Human-readable description."),
        "reason": .string("Short machine-readable reason."),
        "related": ServiceSchemas.objectReference,
        "reportingComponent": .string("Controller that emitted the event."),
        "reportingInstance": .string("Instance of that controller."),
        "series": eventSeries,
        "source": eventSource,
        "type": .string("Normal or Warning."),
    ])
    static let limitRangeItem = Schema.named(Def.core + "LimitRangeItem", "Limits for one kind of resource consumer.",
        required: ["type"], [
        "default": Meta.quantityMap,
        "defaultRequest": Meta.quantityMap,
        "max": Meta.quantityMap,
        "maxLimitRequestRatio": Meta.quantityMap,
        "min": Meta.quantityMap,
        "type": .string("Pod, Container or PersistentVolumeClaim."),
    ])
    static let limitRange = Schema.kind(Def.core + "LimitRange", group: "", version: "v1", kind: "LimitRange",
                                        "Resource limits per object in a namespace.", [
        "spec": .named(Def.core + "LimitRangeSpec", "The limits to enforce.", required: ["limits"], [
            "limits": .list(of: limitRangeItem, "The limits."),
        ]),
    ])
    static let scopedResourceSelectorRequirement = Schema.named(Def.core + "ScopedResourceSelectorRequirement",
        "One quota scope match.", required: ["scopeName", "operator"], [
        "operator": .string("In, NotIn, Exists or DoesNotExist."),
        "scopeName": .string("The scope."),
        "values": .stringList("Values to match."),
    ])
    static let resourceQuota = Schema.kind(Def.core + "ResourceQuota", group: "", version: "v1", kind: "ResourceQuota",
                                           "Aggregate resource limits for a namespace.", [
        "spec": .named(Def.core + "ResourceQuotaSpec", "The quota to enforce.", [
            "hard": Meta.quantityMap,
            "scopeSelector": .named(Def.core + "ScopeSelector", "Scopes the quota tracks.", [
                "matchExpressions": .list(of: scopedResourceSelectorRequirement, "Scope requirements."),
            ]),
            "scopes": .stringList("Scopes the quota tracks."),
        ]),
        "status": .named(Def.core + "ResourceQuotaStatus", "Observed usage.", [
            "hard": Meta.quantityMap,
            "used": Meta.quantityMap,
        ]),
    ])
    static let replicationControllerCondition = Schema.named(Def.core + "ReplicationControllerCondition",
        "One aspect of a replication controller's state.", required: ["type", "status"], [
        "lastTransitionTime": Meta.time,
        "message": .string("Human-readable detail."),
        "reason": .string("Machine-readable reason."),
        "status": .string("True, False or Unknown."),
        "type": .string("Condition type."),
    ])
    static let replicationController = Schema.kind(Def.core + "ReplicationController", group: "", version: "v1",
                                                   kind: "ReplicationController", "Keeps a number of pod replicas running.", [
        "spec": .named(Def.core + "ReplicationControllerSpec", "The desired replicas.", [
            "minReadySeconds": .int32("Seconds a pod must be ready to count as available."),
            "replicas": .int32("Desired number of pods."),
            "selector": .stringMap("Labels of the pods to manage."),
            "template": PodSchemas.podTemplateSpec,
        ]),
        "status": .named(Def.core + "ReplicationControllerStatus", "The observed replicas.", required: ["replicas"], [
            "availableReplicas": .int32("Available pods."),
            "conditions": .keyedList(of: replicationControllerCondition, by: "type", "Current state observations."),
            "fullyLabeledReplicas": .int32("Pods whose labels match the template."),
            "observedGeneration": .int64("Generation last acted upon."),
            "readyReplicas": .int32("Ready pods."),
            "replicas": .int32("Current pods."),
        ]),
    ])
}
