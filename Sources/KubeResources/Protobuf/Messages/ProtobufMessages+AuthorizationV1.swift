/// Message tables for AuthorizationV1. Field numbers, names and types are upstream's `generated.proto`
/// facts as compiled into kubectl 1.33 (read from the descriptors embedded in its binary);
/// the `.omitEmpty`/`.keepEmpty` marks and inlined (`""`) fields follow the Go types. See
/// `ProtobufMessageDescriptor` for the rules.
extension ProtobufMessageDescriptor {
    static let authorizationV1: [ProtobufMessageDescriptor] = [
        .init("authorization.v1.SubjectAccessReview", [
            .init(1, "metadata", .message("meta.v1.ObjectMeta")),
            .init(2, "spec", .message("authorization.v1.SubjectAccessReviewSpec")),
            .init(3, "status", .message("authorization.v1.SubjectAccessReviewStatus")),
        ]),
        .init("authorization.v1.SubjectAccessReviewSpec", [
            .init(1, "resourceAttributes", .message("authorization.v1.ResourceAttributes")),
            .init(2, "nonResourceAttributes", .message("authorization.v1.NonResourceAttributes")),
            .init(3, "user", .string),
            .init(4, "groups", .repeated(.string)),
            .init(5, "extra", .map(.string, .message("authorization.v1.ExtraValue"))),
            .init(6, "uid", .string),
        ]),
        .init("authorization.v1.ResourceAttributes", [
            .init(1, "namespace", .string),
            .init(2, "verb", .string),
            .init(3, "group", .string),
            .init(4, "version", .string),
            .init(5, "resource", .string),
            .init(6, "subresource", .string),
            .init(7, "name", .string),
            .init(8, "fieldSelector", .message("authorization.v1.FieldSelectorAttributes")),
            .init(9, "labelSelector", .message("authorization.v1.LabelSelectorAttributes")),
        ]),
        .init("authorization.v1.FieldSelectorAttributes", [
            .init(1, "rawSelector", .string),
            .init(2, "requirements", .repeated(.message("meta.v1.FieldSelectorRequirement"))),
        ]),
        .init("authorization.v1.LabelSelectorAttributes", [
            .init(1, "rawSelector", .string),
            .init(2, "requirements", .repeated(.message("meta.v1.LabelSelectorRequirement"))),
        ]),
        .init("authorization.v1.NonResourceAttributes", [
            .init(1, "path", .string),
            .init(2, "verb", .string),
        ]),
        .init("authorization.v1.ExtraValue", [
            .init(1, "items", .repeated(.string)),
        ]),
        .init("authorization.v1.SubjectAccessReviewStatus", [
            .init(1, "allowed", .bool, .omitEmpty),
            .init(2, "reason", .string),
            .init(3, "evaluationError", .string),
            .init(4, "denied", .bool, .omitEmpty),
        ]),
        .init("authorization.v1.SelfSubjectAccessReview", [
            .init(1, "metadata", .message("meta.v1.ObjectMeta")),
            .init(2, "spec", .message("authorization.v1.SelfSubjectAccessReviewSpec")),
            .init(3, "status", .message("authorization.v1.SubjectAccessReviewStatus")),
        ]),
        .init("authorization.v1.SelfSubjectAccessReviewSpec", [
            .init(1, "resourceAttributes", .message("authorization.v1.ResourceAttributes")),
            .init(2, "nonResourceAttributes", .message("authorization.v1.NonResourceAttributes")),
        ]),
        .init("authorization.v1.LocalSubjectAccessReview", [
            .init(1, "metadata", .message("meta.v1.ObjectMeta")),
            .init(2, "spec", .message("authorization.v1.SubjectAccessReviewSpec")),
            .init(3, "status", .message("authorization.v1.SubjectAccessReviewStatus")),
        ]),
        .init("authorization.v1.SelfSubjectRulesReview", [
            .init(1, "metadata", .message("meta.v1.ObjectMeta")),
            .init(2, "spec", .message("authorization.v1.SelfSubjectRulesReviewSpec")),
            .init(3, "status", .message("authorization.v1.SubjectRulesReviewStatus")),
        ]),
        .init("authorization.v1.SelfSubjectRulesReviewSpec", [
            .init(1, "namespace", .string),
        ]),
        .init("authorization.v1.SubjectRulesReviewStatus", [
            .init(1, "resourceRules", .repeated(.message("authorization.v1.ResourceRule"))),
            .init(2, "nonResourceRules", .repeated(.message("authorization.v1.NonResourceRule"))),
            .init(3, "incomplete", .bool, .omitEmpty),
            .init(4, "evaluationError", .string),
        ]),
        .init("authorization.v1.ResourceRule", [
            .init(1, "verbs", .repeated(.string)),
            .init(2, "apiGroups", .repeated(.string)),
            .init(3, "resources", .repeated(.string)),
            .init(4, "resourceNames", .repeated(.string)),
        ]),
        .init("authorization.v1.NonResourceRule", [
            .init(1, "verbs", .repeated(.string)),
            .init(2, "nonResourceURLs", .repeated(.string)),
        ]),
    ]
}
