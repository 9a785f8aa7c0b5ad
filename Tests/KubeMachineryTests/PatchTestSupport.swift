import KubeMachinery
import Testing

/// Hand-made schemas shaped like the built-in kinds, with the patch metadata that matters:
/// containers merged by `name`, ports by `containerPort`, env by `name`, finalizers as a merged
/// primitive list, volumes `merge,retainKeys`, a Deployment's strategy `retainKeys`.
enum PatchTestSchemas {
    static let string = Schema(kind: .string)
    static let integer = Schema(kind: .integer)
    static let stringMap = Schema(kind: .object, additionalProperties: string)

    static let envVar = Schema(kind: .object, properties: [("name", string), ("value", string)])
    static let containerPort = Schema(kind: .object, properties: [
        ("containerPort", integer), ("name", string), ("protocol", string),
    ])
    static let container = Schema(kind: .object, properties: [
        ("name", string),
        ("image", string),
        ("args", Schema(kind: .array, items: string)),
        ("ports", Schema(kind: .array, items: containerPort, patchStrategy: "merge", patchMergeKey: "containerPort")),
        ("env", Schema(kind: .array, items: envVar, patchStrategy: "merge", patchMergeKey: "name")),
    ], definitionName: "io.k8s.api.core.v1.Container")
    static let toleration = Schema(kind: .object, properties: [("key", string), ("effect", string)])
    static let volume = Schema(kind: .object, properties: [
        ("name", string),
        ("emptyDir", Schema(kind: .object, properties: [("medium", string)])),
        ("hostPath", Schema(kind: .object, properties: [("path", string)])),
    ])
    static let podSpec = Schema(kind: .object, properties: [
        ("containers", Schema(kind: .array, items: container, patchStrategy: "merge", patchMergeKey: "name")),
        ("tolerations", Schema(kind: .array, items: toleration)),
        ("volumes", Schema(kind: .array, items: volume, patchStrategy: "merge,retainKeys", patchMergeKey: "name")),
        ("nodeSelector", stringMap),
        ("replacedSelector", Schema(kind: .object, additionalProperties: string, patchStrategy: "replace")),
    ])
    static let objectMeta = Schema(kind: .object, properties: [
        ("name", string),
        ("labels", stringMap),
        ("annotations", stringMap),
        ("finalizers", Schema(kind: .array, items: string, patchStrategy: "merge")),
    ])
    static let pod = Schema(kind: .object, properties: [("metadata", objectMeta), ("spec", podSpec)])

    static let deploymentStrategy = Schema(kind: .object, properties: [
        ("type", string),
        ("rollingUpdate", Schema(kind: .object, properties: [
            ("maxSurge", Schema(kind: .intOrString)), ("maxUnavailable", Schema(kind: .intOrString)),
        ])),
    ], patchStrategy: "retainKeys")
    static let deployment = Schema(kind: .object, properties: [
        ("metadata", objectMeta),
        ("spec", Schema(kind: .object, properties: [
            ("replicas", integer),
            ("strategy", deploymentStrategy),
            ("template", Schema(kind: .object, properties: [("metadata", objectMeta), ("spec", podSpec)])),
        ])),
    ])
}

/// Parses JSON written in a test; test JSON is always valid.
func json(_ text: String) -> JSONValue {
    do {
        return try JSONValue.parse(text)
    } catch {
        fatalError("test JSON does not parse: \(error): \(text)")
    }
}

/// One table row: a patch applied to an original, and the object that must result.
struct PatchCase: Sendable, CustomTestStringConvertible {
    let name: String
    let original: String
    let patch: String
    let expected: String
    var testDescription: String { name }

    init(_ name: String, original: String, patch: String, expected: String) {
        self.name = name
        self.original = original
        self.patch = patch
        self.expected = expected
    }
}

/// One table row for a patch that must fail, with the status code it must fail with and a
/// fragment of the detailed message.
struct PatchFailureCase: Sendable, CustomTestStringConvertible {
    let name: String
    let original: String
    let patch: String
    let code: Int
    let messageContains: String
    var testDescription: String { name }

    init(_ name: String, original: String = "{}", patch: String, code: Int, messageContains: String) {
        self.name = name
        self.original = original
        self.patch = patch
        self.code = code
        self.messageContains = messageContains
    }
}
