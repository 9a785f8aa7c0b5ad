import KubeMachinery

/// A compact vocabulary for declaring built-in schemas.
///
/// Field lists are `KeyValuePairs` so declarations read like the Go structs they mirror and keep
/// upstream's field order (which `kubectl explain` shows). Named types (`named`) become OpenAPI
/// definitions; everything else is inlined where it is used.
extension Schema {
    static func string(_ description: String = "", format: String? = nil, enum values: [String] = []) -> Schema {
        Schema(kind: .string, description: description, format: format, enumValues: values)
    }
    static func int32(_ description: String = "") -> Schema {
        Schema(kind: .integer, description: description, format: "int32")
    }
    static func int64(_ description: String = "") -> Schema {
        Schema(kind: .integer, description: description, format: "int64")
    }
    static func boolean(_ description: String = "") -> Schema {
        Schema(kind: .boolean, description: description)
    }
    static func double(_ description: String = "") -> Schema {
        Schema(kind: .number, description: description, format: "double")
    }
    /// Base64 bytes (`[]byte` in Go).
    static func bytes(_ description: String = "") -> Schema {
        Schema(kind: .string, description: description, format: "byte")
    }
    /// Any JSON value: the escape hatch for objects not enumerated completely, so that strict
    /// field validation never rejects a valid manifest because of a field we did not declare.
    static func freeForm(_ description: String = "") -> Schema {
        Schema(kind: .any, description: description)
    }
    /// `map[string]string`, as labels, annotations, nodeSelector, ConfigMap data.
    static func stringMap(_ description: String = "") -> Schema {
        Schema(kind: .object, description: description, additionalProperties: .string())
    }
    /// `map[string]T`.
    static func map(of value: Schema, _ description: String = "") -> Schema {
        Schema(kind: .object, description: description, additionalProperties: value)
    }
    /// `[]string`; atomic unless told otherwise.
    static func stringList(_ description: String = "", listType: String? = "atomic", patchStrategy: String? = nil) -> Schema {
        Schema(kind: .array, description: description, items: .string(), patchStrategy: patchStrategy, listType: listType)
    }
    /// A list, with its strategic-merge and server-side-apply metadata.
    static func list(
        of item: Schema, _ description: String = "", listType: String? = "atomic", mapKeys: [String] = [],
        mergeKey: String? = nil, patchStrategy: String? = nil
    ) -> Schema {
        Schema(kind: .array, description: description, items: item, patchStrategy: patchStrategy,
               patchMergeKey: mergeKey, listType: listType, listMapKeys: mapKeys)
    }
    /// A list keyed by `key` for both strategic merge patch (`merge`) and server-side apply (`map`).
    static func keyedList(of item: Schema, by key: String, _ description: String = "", mapKeys: [String]? = nil,
                          patchStrategy: String = "merge") -> Schema {
        .list(of: item, description, listType: "map", mapKeys: mapKeys ?? [key], mergeKey: key, patchStrategy: patchStrategy)
    }
    /// An anonymous object (rare upstream; most objects are named types).
    static func object(_ description: String = "", required: [String] = [], _ fields: KeyValuePairs<String, Schema>) -> Schema {
        Schema(kind: .object, description: description, properties: fields.map { ($0.key, $0.value) }, required: required)
    }
    /// A named type: an OpenAPI definition such as `io.k8s.api.core.v1.Container`.
    static func named(
        _ definition: String, _ description: String, required: [String] = [],
        gvk: [(group: String, version: String, kind: String)] = [], _ fields: KeyValuePairs<String, Schema>
    ) -> Schema {
        Schema(kind: .object, description: description, properties: fields.map { ($0.key, $0.value) },
               required: required, definitionName: definition, groupVersionKinds: gvk)
    }

    /// The same schema with strategic-merge metadata for the field that holds it, e.g.
    /// `strategy` of a Deployment (`retainKeys`). The definition itself is unchanged.
    func patched(strategy: String?, mergeKey: String? = nil) -> Schema {
        Schema(kind: kind, description: description, format: format, properties: properties, required: required,
               items: items, additionalProperties: additionalProperties, patchStrategy: strategy,
               patchMergeKey: mergeKey, listType: listType, listMapKeys: listMapKeys, enumValues: enumValues,
               definitionName: definitionName, groupVersionKinds: groupVersionKinds)
    }

    /// A top-level kind: `apiVersion`, `kind`, `metadata` followed by its own fields.
    static func kind(
        _ definition: String, group: String, version: String, kind: String, _ description: String,
        required: [String] = [], _ fields: KeyValuePairs<String, Schema>
    ) -> Schema {
        var props: [(name: String, schema: Schema)] = [
            ("apiVersion", .string("Versioned schema of this object; the server may convert other versions.")),
            ("kind", .string("The REST resource this object represents, in CamelCase.")),
            ("metadata", Meta.objectMeta),
        ]
        props += fields.map { ($0.key, $0.value) }
        return Schema(kind: .object, description: description, properties: props, required: required,
                      definitionName: definition, groupVersionKinds: [(group, version, kind)])
    }
}

/// Definition-name prefixes, as upstream's OpenAPI names its types.
enum Def {
    static let core = "io.k8s.api.core.v1."
    static let meta = "io.k8s.apimachinery.pkg.apis.meta.v1."
    static let apps = "io.k8s.api.apps.v1."
    static let batch = "io.k8s.api.batch.v1."
    static let quantity = "io.k8s.apimachinery.pkg.api.resource.Quantity"
    static let intOrString = "io.k8s.apimachinery.pkg.util.intstr.IntOrString"
}
