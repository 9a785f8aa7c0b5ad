/// RFC 7386 JSON Merge Patch (`application/merge-patch+json`): the patch mirrors the object;
/// `null` deletes a key, objects merge recursively, anything else (lists included) replaces.
///
/// This is also what strategic merge patch falls back to where a schema says nothing.
public enum MergePatch {
    public static func apply(_ patch: JSONValue, to original: JSONValue) throws(PatchError) -> JSONValue {
        switch patch {
        case .object:
            return merge(patch, into: original)
        case .array:
            // RFC 7386: a non-object patch replaces the target. Upstream passes an array through
            // (with nulls pruned from its objects) and lets decoding reject it.
            return pruningNulls(patch)
        default:
            // Upstream's json-patch library refuses null and scalar documents this way (400).
            throw .malformed("Invalid JSON Patch")
        }
    }

    /// Merges `patch` into `target`; a non-object target is treated as `{}`.
    static func merge(_ patch: JSONValue, into target: JSONValue) -> JSONValue {
        guard case .object(let p) = patch else { return patch }
        var result = target.objectValue ?? [:]
        for (key, value) in p {
            switch value {
            case .null:
                result[key] = nil
            case .object:
                let existing = result.removeValue(forKey: key) ?? .null
                result[key] = merge(value, into: existing)
            case .array:
                // Upstream prunes nulls inside replacement values; decoding would zero them anyway.
                result[key] = pruningNulls(value)
            default:
                result[key] = value
            }
        }
        return .object(result)
    }

    /// Drops null members from objects nested anywhere in `value`: what merging a patch into
    /// nothing leaves.
    static func pruningNulls(_ value: JSONValue) -> JSONValue {
        switch value {
        case .object(let o):
            // `JSONValue` is nil-literal expressible, so spell out the Optional to drop members.
            return .object(o.compactMapValues { v -> JSONValue? in v.isNull ? Optional.none : pruningNulls(v) })
        case .array(let a):
            return .array(a.map(pruningNulls))
        default:
            return value
        }
    }
}
