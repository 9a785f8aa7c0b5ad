/// Message tables for StorageV1. Field numbers, names and types are upstream's `generated.proto`
/// facts as compiled into kubectl 1.33 (read from the descriptors embedded in its binary);
/// the `.omitEmpty`/`.keepEmpty` marks and inlined (`""`) fields follow the Go types. See
/// `ProtobufMessageDescriptor` for the rules.
extension ProtobufMessageDescriptor {
    static let storageV1: [ProtobufMessageDescriptor] = [
        .init("storage.v1.StorageClass", [
            .init(1, "metadata", .message("meta.v1.ObjectMeta")),
            .init(2, "provisioner", .string),
            .init(3, "parameters", .map(.string, .string)),
            .init(4, "reclaimPolicy", .string),
            .init(5, "mountOptions", .repeated(.string)),
            .init(6, "allowVolumeExpansion", .bool),
            .init(7, "volumeBindingMode", .string),
            .init(8, "allowedTopologies", .repeated(.message("core.v1.TopologySelectorTerm"))),
        ]),
        .init("storage.v1.CSIDriver", [
            .init(1, "metadata", .message("meta.v1.ObjectMeta")),
            .init(2, "spec", .message("storage.v1.CSIDriverSpec")),
        ]),
        .init("storage.v1.CSIDriverSpec", [
            .init(1, "attachRequired", .bool),
            .init(2, "podInfoOnMount", .bool),
            .init(3, "volumeLifecycleModes", .repeated(.string)),
            .init(4, "storageCapacity", .bool),
            .init(5, "fsGroupPolicy", .string),
            .init(6, "tokenRequests", .repeated(.message("storage.v1.TokenRequest"))),
            .init(7, "requiresRepublish", .bool),
            .init(8, "seLinuxMount", .bool),
            .init(9, "nodeAllocatableUpdatePeriodSeconds", .int64),
        ]),
        .init("storage.v1.TokenRequest", [
            .init(1, "audience", .string),
            .init(2, "expirationSeconds", .int64),
        ]),
        .init("storage.v1.CSINode", [
            .init(1, "metadata", .message("meta.v1.ObjectMeta")),
            .init(2, "spec", .message("storage.v1.CSINodeSpec")),
        ]),
        .init("storage.v1.CSINodeSpec", [
            .init(1, "drivers", .repeated(.message("storage.v1.CSINodeDriver"))),
        ]),
        .init("storage.v1.CSINodeDriver", [
            .init(1, "name", .string),
            .init(2, "nodeID", .string),
            .init(3, "topologyKeys", .repeated(.string)),
            .init(4, "allocatable", .message("storage.v1.VolumeNodeResources")),
        ]),
        .init("storage.v1.VolumeNodeResources", [
            .init(1, "count", .int32, .omitEmpty),
        ]),
        .init("storage.v1.VolumeAttachment", [
            .init(1, "metadata", .message("meta.v1.ObjectMeta")),
            .init(2, "spec", .message("storage.v1.VolumeAttachmentSpec")),
            .init(3, "status", .message("storage.v1.VolumeAttachmentStatus")),
        ]),
        .init("storage.v1.VolumeAttachmentSpec", [
            .init(1, "attacher", .string),
            .init(2, "source", .message("storage.v1.VolumeAttachmentSource")),
            .init(3, "nodeName", .string),
        ]),
        .init("storage.v1.VolumeAttachmentSource", [
            .init(1, "persistentVolumeName", .string),
            .init(2, "inlineVolumeSpec", .message("core.v1.PersistentVolumeSpec")),
        ]),
        .init("storage.v1.VolumeAttachmentStatus", [
            .init(1, "attached", .bool, .omitEmpty),
            .init(2, "attachmentMetadata", .map(.string, .string)),
            .init(3, "attachError", .message("storage.v1.VolumeError")),
            .init(4, "detachError", .message("storage.v1.VolumeError")),
        ]),
        .init("storage.v1.VolumeError", [
            .init(1, "time", .time),
            .init(2, "message", .string),
            .init(3, "errorCode", .int32),
        ]),
    ]
}
