/// Message tables for MetaV1. Field numbers, names and types are upstream's `generated.proto`
/// facts as compiled into kubectl 1.33 (read from the descriptors embedded in its binary);
/// the `.omitEmpty`/`.keepEmpty` marks and inlined (`""`) fields follow the Go types. See
/// `ProtobufMessageDescriptor` for the rules.
extension ProtobufMessageDescriptor {
    static let metaV1: [ProtobufMessageDescriptor] = [
        .init("meta.v1.ObjectMeta", [
            .init(1, "name", .string),
            .init(2, "generateName", .string),
            .init(3, "namespace", .string),
            .init(4, "selfLink", .string),
            .init(5, "uid", .string),
            .init(6, "resourceVersion", .string),
            .init(7, "generation", .int64, .omitEmpty),
            .init(8, "creationTimestamp", .time),
            .init(9, "deletionTimestamp", .time),
            .init(10, "deletionGracePeriodSeconds", .int64),
            .init(11, "labels", .map(.string, .string)),
            .init(12, "annotations", .map(.string, .string)),
            .init(13, "ownerReferences", .repeated(.message("meta.v1.OwnerReference"))),
            .init(14, "finalizers", .repeated(.string)),
            .init(17, "managedFields", .repeated(.message("meta.v1.ManagedFieldsEntry"))),
        ]),
        .init("meta.v1.OwnerReference", [
            .init(1, "kind", .string),
            .init(3, "name", .string),
            .init(4, "uid", .string),
            .init(5, "apiVersion", .string),
            .init(6, "controller", .bool),
            .init(7, "blockOwnerDeletion", .bool),
        ]),
        .init("meta.v1.ManagedFieldsEntry", [
            .init(1, "manager", .string),
            .init(2, "operation", .string),
            .init(3, "apiVersion", .string),
            .init(4, "time", .time),
            .init(6, "fieldsType", .string),
            .init(7, "fieldsV1", .fieldsV1),
            .init(8, "subresource", .string),
        ]),
        .init("meta.v1.Condition", [
            .init(1, "type", .string),
            .init(2, "status", .string),
            .init(3, "observedGeneration", .int64, .omitEmpty),
            .init(4, "lastTransitionTime", .time),
            .init(5, "reason", .string),
            .init(6, "message", .string),
        ]),
        .init("meta.v1.LabelSelector", [
            .init(1, "matchLabels", .map(.string, .string)),
            .init(2, "matchExpressions", .repeated(.message("meta.v1.LabelSelectorRequirement"))),
        ]),
        .init("meta.v1.LabelSelectorRequirement", [
            .init(1, "key", .string),
            .init(2, "operator", .string),
            .init(3, "values", .repeated(.string)),
        ]),
        .init("meta.v1.DeleteOptions", [
            .init(1, "gracePeriodSeconds", .int64),
            .init(2, "preconditions", .message("meta.v1.Preconditions")),
            .init(3, "orphanDependents", .bool),
            .init(4, "propagationPolicy", .string),
            .init(5, "dryRun", .repeated(.string)),
            .init(6, "ignoreStoreReadErrorWithClusterBreakingPotential", .bool),
        ]),
        .init("meta.v1.Preconditions", [
            .init(1, "uid", .string),
            .init(2, "resourceVersion", .string),
        ]),
        .init("meta.v1.FieldSelectorRequirement", [
            .init(1, "key", .string),
            .init(2, "operator", .string),
            .init(3, "values", .repeated(.string)),
        ]),
    ]
}
