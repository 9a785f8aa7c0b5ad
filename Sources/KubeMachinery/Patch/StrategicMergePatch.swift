/// Strategic merge patch (`application/strategic-merge-patch+json`) as kube-apiserver applies it.
///
/// The patch mirrors the object like a JSON merge patch, but each field's schema decides how
/// lists combine: a list with `patchStrategy: merge` and a `patchMergeKey` merges element by
/// key (`containers` by `name`); a merge list of primitives is an ordered set (`finalizers`);
/// any other list is replaced. Directives in the patch refine this:
///
/// - `$patch: replace` in a map replaces the map; as a list element it replaces the list.
/// - `$patch: delete` in a map empties it; in a list element it deletes the element with that
///   merge key.
/// - `$patch: merge` asks for the default (upstream rejects it; Bosun accepts it as a no-op).
/// - `$retainKeys: [...]` drops every key of the original map not listed (strategy
///   `retainKeys`, e.g. a Deployment's `spec.strategy`, a volume's source).
/// - `$deleteFromPrimitiveList/<field>: [...]` removes those values from a primitive merge list.
/// - `$setElementOrder/<field>: [...]` orders a merge list: the listed elements in the listed
///   order, with elements only the server knows kept at their relative places.
///
/// Ordering follows upstream: elements named by the patch come in the patch's order and the
/// others keep their original relative order, interleaved by their original positions; so an
/// element new to the list goes *before* the original elements that follow no patch element
/// (the upstream docs show `kubectl patch` adding a container in front of the existing one).
///
/// Where the schema is unknown (nil) maps merge as in JSON merge patch and lists are replaced.
/// Directive keys never reach the result, also inside values that are added rather than merged.
public enum StrategicMergePatch {
    public static func apply(_ patch: JSONValue, to original: JSONValue, schema: Schema?) throws(PatchError) -> JSONValue {
        guard case .object(let p) = patch else {
            throw .malformed("json: cannot unmarshal \(patch.typeName) into Go value of type map[string]interface {}")
        }
        return .object(try mergeMap(original.objectValue ?? [:], p, schema: schema))
    }

    // MARK: - Directives

    static let directiveMarker = "$patch"
    static let retainKeysDirective = "$retainKeys"
    static let deleteFromPrimitiveListPrefix = "$deleteFromPrimitiveList/"
    static let setElementOrderPrefix = "$setElementOrder/"

    // MARK: - Maps

    /// Merges a patch map into an original map. `schema` describes the map's own fields.
    static func mergeMap(_ original: [String: JSONValue], _ patch: [String: JSONValue], schema: Schema?) throws(PatchError) -> [String: JSONValue] {
        var patch = patch
        if let directive = patch.removeValue(forKey: directiveMarker) {
            switch directive.stringValue {
            case "replace":
                return try mergeMap([:], patch, schema: schema)
            case "delete":
                return [:]
            case "merge":
                break
            default:
                patch[directiveMarker] = directive
                throw .mergeFailure("unknown patch type: \(directive.goDescription) in map: \(JSONValue.object(patch).goDescription)")
            }
        }

        var original = original
        if let retainKeys = patch.removeValue(forKey: retainKeysDirective) {
            try applyRetainKeys(retainKeys, to: &original, patch: patch)
        }
        // Ordered lists first: they merge their list's content too, and remove it from `patch`.
        try applySetElementOrder(to: &original, patch: &patch, schema: schema)

        var deletionLists: [(field: String, values: JSONValue)] = []
        for key in patch.keys.sorted() {
            let patchValue = patch[key]!
            if key.hasPrefix(deleteFromPrimitiveListPrefix) {
                deletionLists.append((String(key.dropFirst(deleteFromPrimitiveListPrefix.count)), patchValue))
                continue
            }
            if patchValue.isNull {
                original[key] = nil
                continue
            }
            let fieldSchema = schema?.field(key)
            guard let existing = original.removeValue(forKey: key) else {
                original[key] = try sanitized(patchValue, schema: fieldSchema)
                continue
            }
            switch (existing, patchValue) {
            case (.object(let o), .object(let p)):
                if PatchMeta(fieldSchema).strategy == "replace" {
                    original[key] = try sanitized(patchValue, schema: fieldSchema)
                } else {
                    original[key] = .object(try mergeMap(o, p, schema: fieldSchema))
                }
            case (.array(let o), .array(let p)):
                original[key] = .array(try mergeList(o, p, schema: fieldSchema))
            default:
                original[key] = try sanitized(patchValue, schema: fieldSchema)
            }
        }
        // Deletions run after additions so a value both added and deleted ends up deleted,
        // whatever order the patch's keys arrive in.
        for (field, values) in deletionLists {
            try deleteFromPrimitiveList(field, values, in: &original)
        }
        return original
    }

    /// `$retainKeys`: every key of the original not in the list is cleared, and every non-null
    /// key the patch sets must be in the list.
    private static func applyRetainKeys(_ directive: JSONValue, to original: inout [String: JSONValue], patch: [String: JSONValue]) throws(PatchError) {
        guard case .array(let list) = directive else { throw badRetainKeys }
        var retained = Set<String>()
        for item in list {
            guard case .string(let key) = item else { throw badRetainKeys }
            retained.insert(key)
        }
        for (key, value) in patch where !value.isNull
            && !key.hasPrefix(deleteFromPrimitiveListPrefix) && !key.hasPrefix(setElementOrderPrefix)
            && !retained.contains(key)
        {
            throw badRetainKeys
        }
        original = original.filter { retained.contains($0.key) }
    }

    private static var badRetainKeys: PatchError { .malformed("invalid patch format of retainKeys") }

    /// A patch value that lands where the original has nothing to merge with: the same as merging
    /// it into an empty value, which drops nulls and strips directives at every depth.
    static func sanitized(_ value: JSONValue, schema: Schema?) throws(PatchError) -> JSONValue {
        switch value {
        case .object(let o):
            return .object(try mergeMap([:], o, schema: schema))
        case .array(let a):
            return .array(try sanitizedList(a, schema: schema))
        default:
            return value
        }
    }
}

/// The patch metadata a field's schema carries, decoded once.
struct PatchMeta {
    /// `merge`, `replace` or empty (the default for the shape: maps merge, lists replace).
    var strategy: String
    var retainKeys: Bool
    var mergeKey: String

    init(_ schema: Schema?) {
        let parts = (schema?.patchStrategy ?? "").split(separator: ",").map(String.init)
        retainKeys = parts.contains("retainKeys")
        strategy = parts.first { $0 != "retainKeys" } ?? ""
        mergeKey = schema?.patchMergeKey ?? ""
    }
}
