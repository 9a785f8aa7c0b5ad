import KubeMachinery

/// The swagger 2.0 document served at `/openapi/v2`.
///
/// kubectl reads this one only through client-go's discovery client, which asks for the
/// protobuf encoding (`application/com.github.proto-openapi.spec.v2@v1.0+protobuf`); the JSON
/// form serves other clients. kubectl 1.27+ uses OpenAPI v3 for `explain` and for detecting
/// server-side field validation, falling back to v2 only when v3 is missing.
public enum OpenAPIV2 {
    public static func document(for resources: [ResourceType], schemas extra: [Schema] = [],
                                serverVersion: String = OpenAPIDocuments.defaultServerVersion) -> JSONValue {
        var renderer = OpenAPISchemaRenderer(flavor: .v2)
        var paths: [String: JSONValue] = [:]
        let pathBuilder = OpenAPIPaths(flavor: .v2)
        for r in resources {
            let schema = OpenAPIDocuments.publishedSchema(for: r)
            if let schema { renderer.define(schema) }
            for (path, item) in pathBuilder.items(for: r, definition: schema?.definitionName) { paths[path] = item }
        }
        for s in extra { renderer.define(s) }
        renderer.define(OpenAPIDocuments.patch)
        return .object([
            "swagger": "2.0",
            "info": .object(["title": "Kubernetes", "version": .string(serverVersion)]),
            "paths": .object(paths),
            "definitions": .object(renderer.definitions),
            "securityDefinitions": .object(["BearerToken": .object([
                "description": "Bearer token authentication", "in": "header", "name": "authorization", "type": "apiKey",
            ])]),
            "security": .array([.object(["BearerToken": .array([])])]),
        ])
    }
}

/// What v2 and v3 documents share.
public enum OpenAPIDocuments {
    public static let defaultServerVersion = "v1.33.0"

    /// Body type of PATCH operations: any of the patch formats.
    static let patch = Schema(kind: .object, description: "A patch in one of the supported patch formats.",
                              definitionName: Def.meta + "Patch")

    /// The schema a resource publishes: its own, else the built-in one, named as a definition.
    static func publishedSchema(for r: ResourceType) -> Schema? {
        guard let schema = r.schema ?? BuiltinSchemas.schema(group: r.group, version: r.version, kind: r.kind) else { return nil }
        if schema.definitionName != nil, !schema.groupVersionKinds.isEmpty { return schema }
        return schema.asDefinition(group: r.group, version: r.version, kind: r.kind)
    }
}

extension Schema {
    /// A copy named as upstream names custom resource definitions (`com.example.stable.v1.CronTab`)
    /// and tagged with its group/version/kind, for schemas that arrive without a name.
    public func asDefinition(group: String, version: String, kind: String) -> Schema {
        let reversedGroup = group.split(separator: ".").reversed().joined(separator: ".")
        let name = definitionName ?? (reversedGroup.isEmpty ? "\(version).\(kind)" : "\(reversedGroup).\(version).\(kind)")
        return Schema(kind: self.kind, description: description, format: format, properties: properties, required: required,
                      items: items, additionalProperties: additionalProperties, patchStrategy: patchStrategy,
                      patchMergeKey: patchMergeKey, listType: listType, listMapKeys: listMapKeys, enumValues: enumValues,
                      definitionName: name, groupVersionKinds: [(group, version, kind)])
    }
}
