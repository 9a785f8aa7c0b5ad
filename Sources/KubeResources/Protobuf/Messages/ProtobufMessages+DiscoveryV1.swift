/// Message tables for DiscoveryV1. Field numbers, names and types are upstream's `generated.proto`
/// facts as compiled into kubectl 1.33 (read from the descriptors embedded in its binary);
/// the `.omitEmpty`/`.keepEmpty` marks and inlined (`""`) fields follow the Go types. See
/// `ProtobufMessageDescriptor` for the rules.
extension ProtobufMessageDescriptor {
    static let discoveryV1: [ProtobufMessageDescriptor] = [
        .init("discovery.v1.EndpointSlice", [
            .init(1, "metadata", .message("meta.v1.ObjectMeta")),
            .init(2, "endpoints", .repeated(.message("discovery.v1.Endpoint"))),
            .init(3, "ports", .repeated(.message("discovery.v1.EndpointPort"))),
            .init(4, "addressType", .string),
        ]),
        .init("discovery.v1.Endpoint", [
            .init(1, "addresses", .repeated(.string)),
            .init(2, "conditions", .message("discovery.v1.EndpointConditions")),
            .init(3, "hostname", .string),
            .init(4, "targetRef", .message("core.v1.ObjectReference")),
            .init(5, "deprecatedTopology", .map(.string, .string)),
            .init(6, "nodeName", .string),
            .init(7, "zone", .string),
            .init(8, "hints", .message("discovery.v1.EndpointHints")),
        ]),
        .init("discovery.v1.EndpointConditions", [
            .init(1, "ready", .bool),
            .init(2, "serving", .bool),
            .init(3, "terminating", .bool),
        ]),
        .init("discovery.v1.EndpointHints", [
            .init(1, "forZones", .repeated(.message("discovery.v1.ForZone"))),
            .init(2, "forNodes", .repeated(.message("discovery.v1.ForNode"))),
        ]),
        .init("discovery.v1.ForZone", [
            .init(1, "name", .string),
        ]),
        .init("discovery.v1.ForNode", [
            .init(1, "name", .string),
        ]),
        .init("discovery.v1.EndpointPort", [
            .init(1, "name", .string),
            .init(2, "protocol", .string),
            .init(3, "port", .int32),
            .init(4, "appProtocol", .string),
        ]),
    ]
}
