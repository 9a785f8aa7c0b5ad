/// Message tables for CoordinationV1. Field numbers, names and types are upstream's `generated.proto`
/// facts as compiled into kubectl 1.33 (read from the descriptors embedded in its binary);
/// the `.omitEmpty`/`.keepEmpty` marks and inlined (`""`) fields follow the Go types. See
/// `ProtobufMessageDescriptor` for the rules.
extension ProtobufMessageDescriptor {
    static let coordinationV1: [ProtobufMessageDescriptor] = [
        .init("coordination.v1.Lease", [
            .init(1, "metadata", .message("meta.v1.ObjectMeta")),
            .init(2, "spec", .message("coordination.v1.LeaseSpec")),
        ]),
        .init("coordination.v1.LeaseSpec", [
            .init(1, "holderIdentity", .string, .keepEmpty),
            .init(2, "leaseDurationSeconds", .int32),
            .init(3, "acquireTime", .microTime),
            .init(4, "renewTime", .microTime),
            .init(5, "leaseTransitions", .int32),
            .init(6, "strategy", .string),
            .init(7, "preferredHolder", .string),
        ]),
    ]
}
