/// A structural schema for an object's fields: the one source of truth for a kind's shape.
///
/// It drives OpenAPI v2/v3 (so `kubectl explain` works), strict field validation (unknown
/// fields), and strategic merge patch (each list's patch strategy and merge key). Built-in
/// kinds declare theirs in KubeResources/Schemas; custom resources will bring theirs the same way.
public final class Schema: Sendable {
    public enum Kind: String, Sendable {
        case object, array, string, integer, number, boolean
        /// `x-kubernetes-int-or-string`.
        case intOrString
        /// Any JSON value (`x-kubernetes-preserve-unknown-fields`), e.g. RawExtension.
        case any
    }

    public let kind: Kind
    public let description: String
    /// OpenAPI format: `int32`, `int64`, `date-time`, `byte`, `double`...
    public let format: String?
    /// Named object fields, in declaration order.
    public let properties: [(name: String, schema: Schema)]
    public let required: [String]
    /// Element schema for arrays.
    public let items: Schema?
    /// Value schema for maps (`map[string]T`); objects with this and no properties are maps.
    public let additionalProperties: Schema?
    /// Strategic merge patch strategy of a list or map: `merge`, `replace`, `retainKeys`, `merge,retainKeys`.
    public let patchStrategy: String?
    /// Strategic merge patch key of a list of objects, e.g. `name` for containers.
    public let patchMergeKey: String?
    /// `atomic`, `set` or `map` (server-side apply list semantics).
    public let listType: String?
    public let listMapKeys: [String]
    public let enumValues: [String]
    /// The OpenAPI definition name when this schema is a named type, e.g. `io.k8s.api.core.v1.PodSpec`.
    public let definitionName: String?
    /// For top-level kinds: the group/version/kinds this definition serves (`x-kubernetes-group-version-kind`).
    public let groupVersionKinds: [(group: String, version: String, kind: String)]

    private let propertyIndex: [String: Int]

    public init(
        kind: Kind,
        description: String = "",
        format: String? = nil,
        properties: [(name: String, schema: Schema)] = [],
        required: [String] = [],
        items: Schema? = nil,
        additionalProperties: Schema? = nil,
        patchStrategy: String? = nil,
        patchMergeKey: String? = nil,
        listType: String? = nil,
        listMapKeys: [String] = [],
        enumValues: [String] = [],
        definitionName: String? = nil,
        groupVersionKinds: [(group: String, version: String, kind: String)] = []
    ) {
        self.kind = kind
        self.description = description
        self.format = format
        self.properties = properties
        self.required = required
        self.items = items
        self.additionalProperties = additionalProperties
        self.patchStrategy = patchStrategy
        self.patchMergeKey = patchMergeKey
        self.listType = listType
        self.listMapKeys = listMapKeys
        self.enumValues = enumValues
        self.definitionName = definitionName
        self.groupVersionKinds = groupVersionKinds
        var idx: [String: Int] = [:]
        for (i, p) in properties.enumerated() { idx[p.name] = i }
        self.propertyIndex = idx
    }

    /// The schema of a named field of an object, or of any value of a map.
    public func field(_ name: String) -> Schema? {
        if let i = propertyIndex[name] { return properties[i].schema }
        return additionalProperties
    }

    /// True for `map[string]T` shapes (no named properties, a value schema).
    public var isMap: Bool { properties.isEmpty && additionalProperties != nil }
}
