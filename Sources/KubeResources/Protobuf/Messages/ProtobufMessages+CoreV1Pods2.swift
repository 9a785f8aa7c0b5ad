/// Message tables for CoreV1Pods. Field numbers, names and types are upstream's `generated.proto`
/// facts as compiled into kubectl 1.33 (read from the descriptors embedded in its binary);
/// the `.omitEmpty`/`.keepEmpty` marks and inlined (`""`) fields follow the Go types. See
/// `ProtobufMessageDescriptor` for the rules.
extension ProtobufMessageDescriptor {
    static let coreV1Pods2: [ProtobufMessageDescriptor] = [
        .init("core.v1.TopologySpreadConstraint", [
            .init(1, "maxSkew", .int32),
            .init(2, "topologyKey", .string),
            .init(3, "whenUnsatisfiable", .string),
            .init(4, "labelSelector", .message("meta.v1.LabelSelector")),
            .init(5, "minDomains", .int32),
            .init(6, "nodeAffinityPolicy", .string),
            .init(7, "nodeTaintsPolicy", .string),
            .init(8, "matchLabelKeys", .repeated(.string)),
        ]),
        .init("core.v1.PodOS", [
            .init(1, "name", .string),
        ]),
        .init("core.v1.PodSchedulingGate", [
            .init(1, "name", .string),
        ]),
        .init("core.v1.PodResourceClaim", [
            .init(1, "name", .string),
            .init(3, "resourceClaimName", .string),
            .init(4, "resourceClaimTemplateName", .string),
        ]),
    ]
}
