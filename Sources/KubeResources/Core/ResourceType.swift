import KubeMachinery

/// Everything the API server needs to serve one resource of one group/version.
///
/// The request path is generic over these: objects travel as `JSONValue`, and the few semantics
/// a schema cannot state live in the `strategy`.
public struct ResourceType: Sendable {
    public var group: String
    public var version: String
    public var kind: String
    /// Lowercase plural used in URLs, e.g. `pods`, `deployments`.
    public var plural: String
    public var singular: String
    public var shortNames: [String]
    public var categories: [String]
    public var namespaced: Bool
    /// Subresources served, e.g. `["status", "scale"]`.
    public var subresources: [String]
    /// The verbs advertised in discovery.
    public var verbs: [String]
    /// Server-side printing columns and cells.
    public var printer: TablePrinter
    /// Defaulting, validation and update rules.
    public var strategy: any ResourceStrategy
    /// The kind's schema (OpenAPI, strict field validation, strategic merge keys).
    public var schema: Schema?

    public init(group: String, version: String, kind: String, plural: String, singular: String? = nil,
                shortNames: [String] = [], categories: [String] = [], namespaced: Bool,
                subresources: [String] = [], verbs: [String] = ResourceType.standardVerbs,
                printer: TablePrinter = .default, strategy: any ResourceStrategy = DefaultStrategy(),
                schema: Schema? = nil) {
        self.group = group
        self.version = version
        self.kind = kind
        self.plural = plural
        self.singular = singular ?? kind.lowercased()
        self.shortNames = shortNames
        self.categories = categories
        self.namespaced = namespaced
        self.subresources = subresources
        self.verbs = verbs
        self.printer = printer
        self.strategy = strategy
        self.schema = schema
    }

    public static let standardVerbs = ["create", "delete", "deletecollection", "get", "list", "patch", "update", "watch"]

    /// `v1` for the core group, `apps/v1` otherwise.
    public var apiVersion: String { group.isEmpty ? version : "\(group)/\(version)" }
    public var qualifiedResource: QualifiedResource { QualifiedResource(group: group, resource: plural) }
    public var listKind: String { kind + "List" }
}
