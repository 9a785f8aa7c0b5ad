import KubeMachinery

/// Turns `Schema` trees into OpenAPI schema objects and collects the named definitions they use.
///
/// Named types are emitted once as definitions and referenced everywhere else, as upstream does.
/// Strategic-merge and list-type metadata belong to the field that holds a value, so they are
/// written beside the reference, never into the definition itself.
struct OpenAPISchemaRenderer {
    enum Flavor { case v2, v3 }

    let flavor: Flavor
    private(set) var definitions: [String: JSONValue] = [:]

    init(flavor: Flavor) { self.flavor = flavor }

    var refPrefix: String { flavor == .v2 ? "#/definitions/" : "#/components/schemas/" }

    func ref(_ definitionName: String) -> JSONValue { .object(["$ref": .string(refPrefix + definitionName)]) }

    /// Adds a schema's definition (and everything it references) unless already present.
    mutating func define(_ schema: Schema) {
        guard let name = schema.definitionName, definitions[name] == nil else { return }
        definitions[name] = .object([:])  // placeholder: stops recursion through self-referencing types
        definitions[name] = body(schema, withFieldMetadata: false)
    }

    /// The schema as used by a field: a reference for named types, inline otherwise.
    mutating func use(_ schema: Schema) -> JSONValue {
        guard let name = schema.definitionName else { return body(schema, withFieldMetadata: true) }
        define(schema)
        var extras: [String: JSONValue] = [:]
        // A field's own description sits beside the reference; the type's description is in its
        // definition already (repeating it makes `kubectl explain` print it twice).
        if !schema.description.isEmpty, definitions[name]?["description"]?.stringValue != schema.description {
            extras["description"] = .string(schema.description)
        }
        addFieldMetadata(schema, to: &extras)
        if extras.isEmpty { return ref(name) }
        switch flavor {
        case .v2:
            extras["$ref"] = .string(refPrefix + name)
            return .object(extras)
        case .v3:
            // OpenAPI 3.0 ignores siblings of $ref, so upstream wraps the reference in allOf.
            extras["allOf"] = .array([ref(name)])
            return .object(extras)
        }
    }

    private func addFieldMetadata(_ schema: Schema, to o: inout [String: JSONValue]) {
        if let s = schema.patchStrategy { o["x-kubernetes-patch-strategy"] = .string(s) }
        if let k = schema.patchMergeKey { o["x-kubernetes-patch-merge-key"] = .string(k) }
        if let t = schema.listType {
            o["x-kubernetes-list-type"] = .string(t)
            if t == "map", !schema.listMapKeys.isEmpty {
                o["x-kubernetes-list-map-keys"] = .array(schema.listMapKeys.map { .string($0) })
            }
        }
    }

    private mutating func body(_ schema: Schema, withFieldMetadata: Bool) -> JSONValue {
        var o: [String: JSONValue] = [:]
        if !schema.description.isEmpty { o["description"] = .string(schema.description) }
        if let f = schema.format, schema.kind != .intOrString { o["format"] = .string(f) }
        switch schema.kind {
        case .string: o["type"] = "string"
        case .integer: o["type"] = "integer"
        case .number: o["type"] = "number"
        case .boolean: o["type"] = "boolean"
        case .intOrString:
            if schema.definitionName == Def.quantity {
                if flavor == .v2 { o["type"] = "string" } else { o["oneOf"] = [["type": "string"], ["type": "number"]] }
            } else if schema.definitionName == Def.intOrString {
                o["format"] = "int-or-string"
                if flavor == .v2 { o["type"] = "string" } else { o["oneOf"] = [["type": "integer"], ["type": "string"]] }
            } else {
                o["x-kubernetes-int-or-string"] = true
            }
        case .any:
            if schema.definitionName != nil { o["type"] = "object" } else { o["x-kubernetes-preserve-unknown-fields"] = true }
        case .array:
            o["type"] = "array"
            if let items = schema.items { o["items"] = use(items) }
        case .object:
            o["type"] = "object"
            if !schema.properties.isEmpty {
                var props: [String: JSONValue] = [:]
                for (name, child) in schema.properties { props[name] = use(child) }
                o["properties"] = .object(props)
            }
            if let value = schema.additionalProperties { o["additionalProperties"] = use(value) }
            if !schema.required.isEmpty { o["required"] = .array(schema.required.map { .string($0) }) }
        }
        if !schema.enumValues.isEmpty { o["enum"] = .array(schema.enumValues.map { .string($0) }) }
        if !schema.groupVersionKinds.isEmpty {
            o["x-kubernetes-group-version-kind"] = .array(schema.groupVersionKinds.map {
                .object(["group": .string($0.group), "version": .string($0.version), "kind": .string($0.kind)])
            })
        }
        if withFieldMetadata { addFieldMetadata(schema, to: &o) }
        return .object(o)
    }
}
