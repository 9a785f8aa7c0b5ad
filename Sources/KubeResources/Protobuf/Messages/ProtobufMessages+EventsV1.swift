/// Message tables for EventsV1. Field numbers, names and types are upstream's `generated.proto`
/// facts as compiled into kubectl 1.33 (read from the descriptors embedded in its binary);
/// the `.omitEmpty`/`.keepEmpty` marks and inlined (`""`) fields follow the Go types. See
/// `ProtobufMessageDescriptor` for the rules.
extension ProtobufMessageDescriptor {
    static let eventsV1: [ProtobufMessageDescriptor] = [
        .init("events.v1.Event", [
            .init(1, "metadata", .message("meta.v1.ObjectMeta")),
            .init(2, "eventTime", .microTime),
            .init(3, "series", .message("events.v1.EventSeries")),
            .init(4, "reportingController", .string),
            .init(5, "reportingInstance", .string),
            .init(6, "action", .string),
            .init(7, "reason", .string),
            .init(8, "regarding", .message("core.v1.ObjectReference")),
            .init(9, "related", .message("core.v1.ObjectReference")),
            .init(10, "note", .string),
            .init(11, "type", .string),
            .init(12, "deprecatedSource", .message("core.v1.EventSource")),
            .init(13, "deprecatedFirstTimestamp", .time),
            .init(14, "deprecatedLastTimestamp", .time),
            .init(15, "deprecatedCount", .int32, .omitEmpty),
        ]),
        .init("events.v1.EventSeries", [
            .init(1, "count", .int32, .omitEmpty),
            .init(2, "lastObservedTime", .microTime),
        ]),
    ]
}
