/// Message tables for CoreV1Objects. Field numbers, names and types are upstream's `generated.proto`
/// facts as compiled into kubectl 1.33 (read from the descriptors embedded in its binary);
/// the `.omitEmpty`/`.keepEmpty` marks and inlined (`""`) fields follow the Go types. See
/// `ProtobufMessageDescriptor` for the rules.
extension ProtobufMessageDescriptor {
    static let coreV1Objects2: [ProtobufMessageDescriptor] = [
        .init("core.v1.PersistentVolumeClaimStatus", [
            .init(1, "phase", .string),
            .init(2, "accessModes", .repeated(.string)),
            .init(3, "capacity", .map(.string, .quantity)),
            .init(4, "conditions", .repeated(.message("core.v1.PersistentVolumeClaimCondition"))),
            .init(5, "allocatedResources", .map(.string, .quantity)),
            .init(7, "allocatedResourceStatuses", .map(.string, .string)),
            .init(8, "currentVolumeAttributesClassName", .string),
            .init(9, "modifyVolumeStatus", .message("core.v1.ModifyVolumeStatus")),
        ]),
        .init("core.v1.PersistentVolumeClaimCondition", [
            .init(1, "type", .string),
            .init(2, "status", .string),
            .init(3, "lastProbeTime", .time),
            .init(4, "lastTransitionTime", .time),
            .init(5, "reason", .string),
            .init(6, "message", .string),
        ]),
        .init("core.v1.ModifyVolumeStatus", [
            .init(1, "targetVolumeAttributesClassName", .string),
            .init(2, "status", .string),
        ]),
        .init("core.v1.PersistentVolume", [
            .init(1, "metadata", .message("meta.v1.ObjectMeta")),
            .init(2, "spec", .message("core.v1.PersistentVolumeSpec")),
            .init(3, "status", .message("core.v1.PersistentVolumeStatus")),
        ]),
        .init("core.v1.PersistentVolumeStatus", [
            .init(1, "phase", .string),
            .init(2, "message", .string),
            .init(3, "reason", .string),
            .init(4, "lastPhaseTransitionTime", .time),
        ]),
        .init("core.v1.Node", [
            .init(1, "metadata", .message("meta.v1.ObjectMeta")),
            .init(2, "spec", .message("core.v1.NodeSpec")),
            .init(3, "status", .message("core.v1.NodeStatus")),
        ]),
        .init("core.v1.NodeSpec", [
            .init(1, "podCIDR", .string),
            .init(2, "externalID", .string),
            .init(3, "providerID", .string),
            .init(4, "unschedulable", .bool),
            .init(5, "taints", .repeated(.message("core.v1.Taint"))),
            .init(6, "configSource", .message("core.v1.NodeConfigSource")),
            .init(7, "podCIDRs", .repeated(.string)),
        ]),
        .init("core.v1.Taint", [
            .init(1, "key", .string),
            .init(2, "value", .string),
            .init(3, "effect", .string),
            .init(4, "timeAdded", .time),
        ]),
        .init("core.v1.NodeConfigSource", [
            .init(2, "configMap", .message("core.v1.ConfigMapNodeConfigSource")),
        ]),
        .init("core.v1.ConfigMapNodeConfigSource", [
            .init(1, "namespace", .string),
            .init(2, "name", .string),
            .init(3, "uid", .string),
            .init(4, "resourceVersion", .string),
            .init(5, "kubeletConfigKey", .string),
        ]),
        .init("core.v1.NodeStatus", [
            .init(1, "capacity", .map(.string, .quantity)),
            .init(2, "allocatable", .map(.string, .quantity)),
            .init(3, "phase", .string),
            .init(4, "conditions", .repeated(.message("core.v1.NodeCondition"))),
            .init(5, "addresses", .repeated(.message("core.v1.NodeAddress"))),
            .init(6, "daemonEndpoints", .message("core.v1.NodeDaemonEndpoints")),
            .init(7, "nodeInfo", .message("core.v1.NodeSystemInfo")),
            .init(8, "images", .repeated(.message("core.v1.ContainerImage"))),
            .init(9, "volumesInUse", .repeated(.string)),
            .init(10, "volumesAttached", .repeated(.message("core.v1.AttachedVolume"))),
            .init(11, "config", .message("core.v1.NodeConfigStatus")),
            .init(12, "runtimeHandlers", .repeated(.message("core.v1.NodeRuntimeHandler"))),
            .init(13, "features", .message("core.v1.NodeFeatures")),
        ]),
        .init("core.v1.NodeCondition", [
            .init(1, "type", .string),
            .init(2, "status", .string),
            .init(3, "lastHeartbeatTime", .time),
            .init(4, "lastTransitionTime", .time),
            .init(5, "reason", .string),
            .init(6, "message", .string),
        ]),
        .init("core.v1.NodeAddress", [
            .init(1, "type", .string),
            .init(2, "address", .string),
        ]),
        .init("core.v1.NodeDaemonEndpoints", [
            .init(1, "kubeletEndpoint", .message("core.v1.DaemonEndpoint")),
        ]),
        .init("core.v1.DaemonEndpoint", [
            .init(1, "Port", .int32),
        ]),
        .init("core.v1.NodeSystemInfo", [
            .init(1, "machineID", .string),
            .init(2, "systemUUID", .string),
            .init(3, "bootID", .string),
            .init(4, "kernelVersion", .string),
            .init(5, "osImage", .string),
            .init(6, "containerRuntimeVersion", .string),
            .init(7, "kubeletVersion", .string),
            .init(8, "kubeProxyVersion", .string),
            .init(9, "operatingSystem", .string),
            .init(10, "architecture", .string),
            .init(11, "swap", .message("core.v1.NodeSwapStatus")),
        ]),
        .init("core.v1.NodeSwapStatus", [
            .init(1, "capacity", .int64, .omitEmpty),
        ]),
        .init("core.v1.ContainerImage", [
            .init(1, "names", .repeated(.string)),
            .init(2, "sizeBytes", .int64),
        ]),
        .init("core.v1.AttachedVolume", [
            .init(1, "name", .string),
            .init(2, "devicePath", .string),
        ]),
        .init("core.v1.NodeConfigStatus", [
            .init(1, "assigned", .message("core.v1.NodeConfigSource")),
            .init(2, "active", .message("core.v1.NodeConfigSource")),
            .init(3, "lastKnownGood", .message("core.v1.NodeConfigSource")),
            .init(4, "error", .string),
        ]),
        .init("core.v1.NodeRuntimeHandler", [
            .init(1, "name", .string),
            .init(2, "features", .message("core.v1.NodeRuntimeHandlerFeatures")),
        ]),
        .init("core.v1.NodeRuntimeHandlerFeatures", [
            .init(1, "recursiveReadOnlyMounts", .bool),
            .init(2, "userNamespaces", .bool),
        ]),
        .init("core.v1.NodeFeatures", [
            .init(1, "supplementalGroupsPolicy", .bool),
        ]),
        .init("core.v1.Binding", [
            .init(1, "metadata", .message("meta.v1.ObjectMeta")),
            .init(2, "target", .message("core.v1.ObjectReference")),
        ]),
        .init("core.v1.TopologySelectorTerm", [
            .init(1, "matchLabelExpressions", .repeated(.message("core.v1.TopologySelectorLabelRequirement"))),
        ]),
        .init("core.v1.TopologySelectorLabelRequirement", [
            .init(1, "key", .string),
            .init(2, "values", .repeated(.string)),
        ]),
    ]
}
