/// Strategic merge of lists: merge-by-key lists of objects, ordered sets of primitives, the
/// list-element directives, and `$deleteFromPrimitiveList`.
extension StrategicMergePatch {
    /// Merges a patch list into an original list. `schema` is the list field's own schema (it
    /// carries the strategy and merge key; `items` describes the elements).
    static func mergeList(_ original: [JSONValue], _ patch: [JSONValue], schema: Schema?) throws(PatchError) -> [JSONValue] {
        let meta = PatchMeta(schema)
        guard meta.strategy == "merge" else {
            return try sanitizedList(patch, schema: schema)
        }
        if original.isEmpty && patch.isEmpty { return original }

        guard try listHoldsObjects(original + patch) else {
            // An ordered set: original values first, new values after, each once; then the
            // common reordering below puts patch values in patch order.
            var merged: [JSONValue] = []
            for v in original + patch where !merged.contains(where: { $0.isSemanticallyEqual(to: v) }) {
                merged.append(v)
            }
            return reordered(merged, patchOrder: patch, serverOrder: original, mergeKey: "")
        }

        guard !meta.mergeKey.isEmpty else {
            throw .mergeFailure("cannot merge lists without merge key for \(schema?.items?.definitionName ?? "type map")")
        }
        let (remaining, patchElements) = try applyElementDirectives(original, patch, mergeKey: meta.mergeKey, itemSchema: schema?.items)
        let merged = try mergeElements(remaining, patchElements, mergeKey: meta.mergeKey, itemSchema: schema?.items)
        return reordered(merged, patchOrder: patchElements, serverOrder: remaining, mergeKey: meta.mergeKey)
    }

    /// Whether the list's elements are objects (merge by key) rather than primitives. Lists of
    /// lists are not supported (422), and objects cannot share a list with other values.
    static func listHoldsObjects(_ elements: [JSONValue]) throws(PatchError) -> Bool {
        var objects = 0
        for e in elements {
            if e.isArray { throw .notApplicable("lists of lists are not supported") }
            if e.isObject { objects += 1 }
        }
        if objects > 0 && objects < elements.count {
            throw .mergeFailure("list element types are not identical: \(JSONValue.array(elements).goDescription)")
        }
        return objects > 0
    }

    /// Handles elements carrying `$patch`: `delete` removes the original elements with that
    /// merge key; `replace` makes the other patch elements the whole list; `merge` is the
    /// default and is dropped. Returns the original left to merge into and the plain patch
    /// elements.
    private static func applyElementDirectives(
        _ original: [JSONValue], _ patch: [JSONValue], mergeKey: String, itemSchema: Schema?
    ) throws(PatchError) -> (original: [JSONValue], patch: [JSONValue]) {
        var original = original
        var plain: [JSONValue] = []
        var replace = false
        for element in patch {
            guard case .object(let e) = element, let directive = e[directiveMarker] else {
                plain.append(element)
                continue
            }
            switch directive.stringValue {
            case "delete":
                guard let key = e[mergeKey] else { throw noMergeKey(e, mergeKey) }
                original.removeAll { $0[mergeKey].map { sameMergeValue($0, key) } ?? false }
            case "replace":
                replace = true
            case "merge":
                // Upstream refuses this ("merging lists cannot yet be specified"); merging is the
                // default anyway, so Bosun accepts and ignores it.
                break
            default:
                throw .mergeFailure("unknown patch type: \(directive.goDescription) in map: \(element.goDescription)")
            }
        }
        if replace {
            return (try sanitizedList(plain, itemSchema: itemSchema), [])
        }
        return (original, plain)
    }

    /// Merges each patch element into the original element with the same merge key, or appends
    /// it (the reordering afterwards decides its final place).
    private static func mergeElements(
        _ original: [JSONValue], _ patch: [JSONValue], mergeKey: String, itemSchema: Schema?
    ) throws(PatchError) -> [JSONValue] {
        var merged = original
        for element in patch {
            guard case .object(let e) = element else { throw .mergeFailure("expected a map, but received a \(element.typeName)") }
            guard let key = e[mergeKey] else { throw noMergeKey(e, mergeKey) }
            if let i = merged.firstIndex(where: { $0[mergeKey].map { sameMergeValue($0, key) } ?? false }),
               case .object(let target) = merged[i]
            {
                merged[i] = .object(try mergeMap(target, e, schema: itemSchema))
            } else {
                merged.append(.object(try mergeMap([:], e, schema: itemSchema)))
            }
        }
        return merged
    }

    /// A list taken from the patch as it stands (a replaced list, or one the original lacks):
    /// directive-only elements are dropped and object elements are sanitized.
    static func sanitizedList(_ list: [JSONValue], schema: Schema?) throws(PatchError) -> [JSONValue] {
        try sanitizedList(list, itemSchema: schema?.items)
    }

    private static func sanitizedList(_ list: [JSONValue], itemSchema: Schema?) throws(PatchError) -> [JSONValue] {
        var out: [JSONValue] = []
        out.reserveCapacity(list.count)
        for element in list {
            switch element {
            case .object(let e):
                if e[directiveMarker] != nil { continue }
                out.append(.object(try mergeMap([:], e, schema: itemSchema)))
            case .array(let a):
                out.append(.array(try sanitizedList(a, itemSchema: nil)))
            default:
                out.append(element)
            }
        }
        return out
    }

    /// `$deleteFromPrimitiveList/<field>`: removes every listed value from the original list.
    /// Bosun applies it whatever the field's schema says; upstream only when the list merges.
    static func deleteFromPrimitiveList(_ field: String, _ values: JSONValue, in original: inout [String: JSONValue]) throws(PatchError) {
        guard case .array(let toDelete) = values else {
            throw .malformed("invalid patch format of primitive list")
        }
        guard case .array(let list) = original[field] else { return }
        original[field] = .array(list.filter { v in !toDelete.contains { $0.isSemanticallyEqual(to: v) } })
    }

    /// Merge-key values compare as JSON values: `80` matches `80.0`, a string never matches a number.
    static func sameMergeValue(_ a: JSONValue, _ b: JSONValue) -> Bool { a.isSemanticallyEqual(to: b) }

    static func noMergeKey(_ element: [String: JSONValue], _ mergeKey: String) -> PatchError {
        .mergeFailure("map: \(JSONValue.object(element).goDescription) does not contain declared merge key: \(mergeKey)")
    }
}
