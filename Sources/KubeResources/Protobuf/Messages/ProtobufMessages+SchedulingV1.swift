/// Message tables for SchedulingV1. Field numbers, names and types are upstream's `generated.proto`
/// facts as compiled into kubectl 1.33 (read from the descriptors embedded in its binary);
/// the `.omitEmpty`/`.keepEmpty` marks and inlined (`""`) fields follow the Go types. See
/// `ProtobufMessageDescriptor` for the rules.
extension ProtobufMessageDescriptor {
    static let schedulingV1: [ProtobufMessageDescriptor] = [
        .init("scheduling.v1.PriorityClass", [
            .init(1, "metadata", .message("meta.v1.ObjectMeta")),
            .init(2, "value", .int32),
            .init(3, "globalDefault", .bool, .omitEmpty),
            .init(4, "description", .string),
            .init(5, "preemptionPolicy", .string, .keepEmpty),
        ]),
    ]
}
