/// Every message table, by short name (`core.v1.Pod`, `meta.v1.ObjectMeta`).
///
/// The tables live in `Messages/`, one file per API group (core split by topic); their field
/// numbers, names and types are those of upstream's `generated.proto` files as compiled into
/// kubectl 1.33. Only the messages reachable from the kinds in `ProtobufKinds` are listed.
enum ProtobufMessageRegistry {
    static let messages: [String: ProtobufMessageDescriptor] = {
        let all: [[ProtobufMessageDescriptor]] = [
            ProtobufMessageDescriptor.metaV1,
            ProtobufMessageDescriptor.coreV1Objects1, ProtobufMessageDescriptor.coreV1Objects2,
            ProtobufMessageDescriptor.coreV1Pods1, ProtobufMessageDescriptor.coreV1Pods2,
            ProtobufMessageDescriptor.coreV1Volumes1, ProtobufMessageDescriptor.coreV1Volumes2,
            ProtobufMessageDescriptor.appsV1, ProtobufMessageDescriptor.batchV1,
            ProtobufMessageDescriptor.rbacV1, ProtobufMessageDescriptor.schedulingV1,
            ProtobufMessageDescriptor.policyV1, ProtobufMessageDescriptor.networkingV1,
            ProtobufMessageDescriptor.coordinationV1, ProtobufMessageDescriptor.eventsV1,
            ProtobufMessageDescriptor.discoveryV1, ProtobufMessageDescriptor.storageV1,
            ProtobufMessageDescriptor.autoscalingV1, ProtobufMessageDescriptor.autoscalingV2,
            ProtobufMessageDescriptor.authenticationV1, ProtobufMessageDescriptor.authorizationV1,
        ]
        var table: [String: ProtobufMessageDescriptor] = [:]
        for descriptor in all.joined() { table[descriptor.name] = descriptor }
        return table
    }()
}
