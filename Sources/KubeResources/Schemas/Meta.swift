import KubeMachinery

/// apimachinery's shared types: ObjectMeta and the scalar wrappers every kind uses.
enum Meta {
    static let time = Schema(kind: .string, description: "A timestamp in RFC 3339 form, to the second.",
                             format: "date-time", definitionName: Def.meta + "Time")
    static let microTime = Schema(kind: .string, description: "A timestamp in RFC 3339 form, to the microsecond.",
                                  format: "date-time", definitionName: Def.meta + "MicroTime")
    /// Quantities are strings on the wire but also accept JSON numbers (`cpu: 1`, `cpu: 0.5`).
    static let quantity = Schema(kind: .intOrString, description: "A fixed-point amount such as 100m, 2Gi or 1.5.",
                                 definitionName: Def.quantity)
    static let intOrString = Schema(kind: .intOrString, description: "An integer or a string, e.g. a port number or name.",
                                    format: "int-or-string", definitionName: Def.intOrString)
    static let fieldsV1 = Schema(kind: .any, description: "The set of fields a manager owns, in the FieldsV1 trie format.",
                                 definitionName: Def.meta + "FieldsV1")
    static let quantityMap = Schema.map(of: quantity)

    static let ownerReference = Schema.named(Def.meta + "OwnerReference", "Identifies an object that owns this one.",
        required: ["apiVersion", "kind", "name", "uid"], [
        "apiVersion": .string("API version of the owner."),
        "blockOwnerDeletion": .boolean("If true, the owner cannot be deleted in the foreground until this object is."),
        "controller": .boolean("If true, this reference points to the managing controller."),
        "kind": .string("Kind of the owner."),
        "name": .string("Name of the owner."),
        "uid": .string("UID of the owner."),
    ])

    static let managedFieldsEntry = Schema.named(Def.meta + "ManagedFieldsEntry", "The fields one manager owns and how it set them.", [
        "apiVersion": .string("Version of the resource the fields were set in."),
        "fieldsType": .string("Format of fieldsV1; only FieldsV1 exists."),
        "fieldsV1": fieldsV1,
        "manager": .string("Name of the workflow managing these fields."),
        "operation": .string("Apply or Update."),
        "subresource": .string("The subresource used to update the object, if any."),
        "time": time,
    ])

    static let objectMeta = Schema.named(Def.meta + "ObjectMeta", "Metadata every persisted object carries.", [
        "annotations": .stringMap("Unstructured key/value data set by tools and users."),
        "creationTimestamp": time,
        "deletionGracePeriodSeconds": .int64("Seconds allowed for graceful termination once deletion began."),
        "deletionTimestamp": time,
        "finalizers": .stringList("Conditions that must clear before the object is removed.", listType: "set", patchStrategy: "merge"),
        "generateName": .string("Prefix for a server-generated unique name."),
        "generation": .int64("Sequence number of the desired state."),
        "labels": .stringMap("Key/value pairs used to organize and select objects."),
        "managedFields": .list(of: managedFieldsEntry, "Which manager owns which fields.", listType: "atomic"),
        "name": .string("Unique name within the namespace."),
        "namespace": .string("The namespace the object lives in."),
        "ownerReferences": .keyedList(of: ownerReference, by: "uid", "Objects this one depends on."),
        "resourceVersion": .string("Opaque version used for optimistic concurrency and watches."),
        "selfLink": .string("Deprecated; not set."),
        "uid": .string("Unique identifier for the object's whole lifetime."),
    ])

    static let listMeta = Schema.named(Def.meta + "ListMeta", "Metadata of a list response.", [
        "continue": .string("Token for the next page of a chunked list."),
        "remainingItemCount": .int64("Items left after this page, when known."),
        "resourceVersion": .string("The version this list was read at."),
        "selfLink": .string("Deprecated; not set."),
    ])

    static let labelSelectorRequirement = Schema.named(Def.meta + "LabelSelectorRequirement", "One label match expression.",
        required: ["key", "operator"], [
        "key": .string("The label key."),
        "operator": .string("In, NotIn, Exists or DoesNotExist."),
        "values": .stringList("Values for In and NotIn."),
    ])

    static let labelSelector = Schema.named(Def.meta + "LabelSelector", "A label query; all its terms are ANDed.", [
        "matchExpressions": .list(of: labelSelectorRequirement, "Set-based requirements."),
        "matchLabels": .stringMap("Equality requirements."),
    ])

    static let condition = Schema.named(Def.meta + "Condition", "One aspect of an object's current state.",
        required: ["type", "status", "lastTransitionTime", "reason", "message"], [
        "lastTransitionTime": time,
        "message": .string("Human-readable detail."),
        "observedGeneration": .int64("The generation this condition was computed from."),
        "reason": .string("Machine-readable CamelCase reason."),
        "status": .string("True, False or Unknown."),
        "type": .string("Condition type in CamelCase."),
    ])

    /// `metav1.Condition` lists, keyed by type as upstream declares them.
    static let conditions = Schema.keyedList(of: condition, by: "type", "Current observations of the object's state.")
}
