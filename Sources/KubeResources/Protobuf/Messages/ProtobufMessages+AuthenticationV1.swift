/// Message tables for AuthenticationV1. Field numbers, names and types are upstream's `generated.proto`
/// facts as compiled into kubectl 1.33 (read from the descriptors embedded in its binary);
/// the `.omitEmpty`/`.keepEmpty` marks and inlined (`""`) fields follow the Go types. See
/// `ProtobufMessageDescriptor` for the rules.
extension ProtobufMessageDescriptor {
    static let authenticationV1: [ProtobufMessageDescriptor] = [
        .init("authentication.v1.TokenRequest", [
            .init(1, "metadata", .message("meta.v1.ObjectMeta")),
            .init(2, "spec", .message("authentication.v1.TokenRequestSpec")),
            .init(3, "status", .message("authentication.v1.TokenRequestStatus")),
        ]),
        .init("authentication.v1.TokenRequestSpec", [
            .init(1, "audiences", .repeated(.string)),
            .init(3, "boundObjectRef", .message("authentication.v1.BoundObjectReference")),
            .init(4, "expirationSeconds", .int64),
        ]),
        .init("authentication.v1.BoundObjectReference", [
            .init(1, "kind", .string),
            .init(2, "apiVersion", .string),
            .init(3, "name", .string),
            .init(4, "uID", .string),
        ]),
        .init("authentication.v1.TokenRequestStatus", [
            .init(1, "token", .string),
            .init(2, "expirationTimestamp", .time),
        ]),
        .init("authentication.v1.TokenReview", [
            .init(1, "metadata", .message("meta.v1.ObjectMeta")),
            .init(2, "spec", .message("authentication.v1.TokenReviewSpec")),
            .init(3, "status", .message("authentication.v1.TokenReviewStatus")),
        ]),
        .init("authentication.v1.TokenReviewSpec", [
            .init(1, "token", .string),
            .init(2, "audiences", .repeated(.string)),
        ]),
        .init("authentication.v1.TokenReviewStatus", [
            .init(1, "authenticated", .bool, .omitEmpty),
            .init(2, "user", .message("authentication.v1.UserInfo")),
            .init(3, "error", .string),
            .init(4, "audiences", .repeated(.string)),
        ]),
        .init("authentication.v1.UserInfo", [
            .init(1, "username", .string),
            .init(2, "uid", .string),
            .init(3, "groups", .repeated(.string)),
            .init(4, "extra", .map(.string, .message("authentication.v1.ExtraValue"))),
        ]),
        .init("authentication.v1.ExtraValue", [
            .init(1, "items", .repeated(.string)),
        ]),
    ]
}
