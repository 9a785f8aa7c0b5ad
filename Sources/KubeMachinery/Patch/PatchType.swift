/// The patch formats a PATCH request may declare in its `Content-Type`, and one entry point that
/// applies any of them.
///
/// Server-side apply (`application/apply-patch+yaml`) is a different machine (field managers,
/// ownership) and is not one of these.
public enum PatchType: String, Sendable, CaseIterable {
    case jsonPatch = "application/json-patch+json"
    case mergePatch = "application/merge-patch+json"
    case strategicMergePatch = "application/strategic-merge-patch+json"

    /// Parses a `Content-Type` header value, ignoring parameters such as `; charset=utf-8`.
    public init?(contentType: String) {
        var base = contentType.split(separator: ";", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
        while base.first == " " || base.first == "\t" { base.removeFirst() }
        while base.last == " " || base.last == "\t" { base.removeLast() }
        self.init(rawValue: base.lowercased())
    }

    /// Applies `patch` to `original`. `schema` is used by strategic merge patch only; a resource
    /// without a schema (upstream: custom resources) should not offer strategic merge patch.
    public func apply(_ patch: JSONValue, to original: JSONValue, schema: Schema?) throws(PatchError) -> JSONValue {
        switch self {
        case .jsonPatch: return try JSONPatch.apply(patch, to: original)
        case .mergePatch: return try MergePatch.apply(patch, to: original)
        case .strategicMergePatch: return try StrategicMergePatch.apply(patch, to: original, schema: schema)
        }
    }
}
