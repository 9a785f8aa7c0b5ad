/// Element order in merged lists, and the `$setElementOrder/<field>` directive that
/// `kubectl apply` sends with every merge list it touches.
///
/// The rule (upstream's "preserve order in strategic merge patch"): elements the patch names
/// take the patch's order (or the `$setElementOrder` list's, which wins); elements only the
/// server has keep their original relative order; the two runs are interleaved by walking both
/// and taking a server-only element first only when it preceded the next patch element in the
/// original list.
extension StrategicMergePatch {
    /// Processes every `$setElementOrder/<field>` of a patch map: merges that field's patch list
    /// (if any) into the original, orders the result, and removes both keys from `patch` so the
    /// ordinary merge does not see them again.
    static func applySetElementOrder(to original: inout [String: JSONValue], patch: inout [String: JSONValue], schema: Schema?) throws(PatchError) {
        for key in patch.keys.sorted() where key.hasPrefix(setElementOrderPrefix) {
            let directive = patch.removeValue(forKey: key)!
            guard case .array(let order) = directive else {
                throw .malformed("invalid patch format of setElementOrder list")
            }
            let field = String(key.dropFirst(setElementOrderPrefix.count))
            let fieldSchema = schema?.field(field)
            let meta = PatchMeta(fieldSchema)
            let originalList = original[field]?.arrayValue
            let patchList = patch[field]?.arrayValue
            try validate(patchList ?? [], againstOrder: order, mergeKey: meta.mergeKey)

            let merged: [JSONValue]
            switch (originalList, patchList) {
            case (let o?, nil): merged = o
            case (nil, let p?): merged = try sanitizedList(p, schema: fieldSchema)
            case (let o?, let p?): merged = try mergeList(o, p, schema: fieldSchema)
            case (nil, nil): continue
            }
            let mergeKey = try listHoldsObjects(merged) ? meta.mergeKey : ""
            original[field] = .array(reordered(merged, patchOrder: order, serverOrder: originalList ?? [], mergeKey: mergeKey))
            if patchList != nil { patch[field] = nil }
        }
    }

    /// The patch list's elements (deletions aside) must appear in the order list, in the same
    /// relative order.
    private static func validate(_ patchList: [JSONValue], againstOrder order: [JSONValue], mergeKey: String) throws(PatchError) {
        if patchList.isEmpty || order.isEmpty { return }
        let elements = mergeKey.isEmpty ? patchList : patchList.filter { $0[directiveMarker]?.stringValue != "delete" }
        var p = 0, o = 0
        while p < elements.count && o < order.count {
            if elements[p][directiveMarker] != nil {
                p += 1
                continue
            }
            if try sameElement(elements[p], order[o], mergeKey: mergeKey) { p += 1 }
            o += 1
        }
        if p < elements.count && o >= order.count {
            throw .mergeFailure("the order in patch list \(JSONValue.array(patchList).goDescription) doesn't match "
                + "$setElementOrder list \(JSONValue.array(order).goDescription)")
        }
    }

    private static func sameElement(_ a: JSONValue, _ b: JSONValue, mergeKey: String) throws(PatchError) -> Bool {
        guard !mergeKey.isEmpty else { return a.isSemanticallyEqual(to: b) }
        guard case .object(let l) = a else { throw .mergeFailure("expected a map, but received a \(a.typeName)") }
        guard case .object(let r) = b else { throw .mergeFailure("expected a map, but received a \(b.typeName)") }
        guard let lk = l[mergeKey] else { throw noMergeKey(l, mergeKey) }
        guard let rk = r[mergeKey] else { throw noMergeKey(r, mergeKey) }
        return sameMergeValue(lk, rk)
    }

    /// Orders a merged list: elements found in `patchOrder` in that order, the rest in
    /// `serverOrder`'s order, interleaved as the type comment describes.
    static func reordered(_ merged: [JSONValue], patchOrder: [JSONValue], serverOrder: [JSONValue], mergeKey: String) -> [JSONValue] {
        var patchItems: [(item: JSONValue, rank: Int)] = []
        var serverOnly: [(item: JSONValue, rank: Int)] = []
        for item in merged {
            if let rank = position(of: item, in: patchOrder, mergeKey: mergeKey) {
                patchItems.append((item, rank))
            } else {
                serverOnly.append((item, position(of: item, in: serverOrder, mergeKey: mergeKey) ?? Int.max))
            }
        }
        let right = stableSorted(patchItems)
        let left = stableSorted(serverOnly)

        var result: [JSONValue] = []
        result.reserveCapacity(merged.count)
        var i = 0, j = 0
        while i < left.count || j < right.count {
            if j >= right.count {
                result.append(left[i]); i += 1
            } else if i >= left.count {
                result.append(right[j]); j += 1
            } else if let l = position(of: left[i], in: serverOrder, mergeKey: mergeKey),
                      let r = position(of: right[j], in: serverOrder, mergeKey: mergeKey), l < r
            {
                result.append(left[i]); i += 1
            } else {
                result.append(right[j]); j += 1
            }
        }
        return result
    }

    private static func stableSorted(_ items: [(item: JSONValue, rank: Int)]) -> [JSONValue] {
        items.enumerated()
            .sorted { $0.element.rank != $1.element.rank ? $0.element.rank < $1.element.rank : $0.offset < $1.offset }
            .map(\.element.item)
    }

    /// Where `item` sits in `list`: by merge-key value for lists of objects, by value otherwise.
    private static func position(of item: JSONValue, in list: [JSONValue], mergeKey: String) -> Int? {
        if mergeKey.isEmpty {
            return list.firstIndex { $0.isSemanticallyEqual(to: item) }
        }
        guard let key = item[mergeKey] else { return nil }
        return list.firstIndex { $0[mergeKey].map { sameMergeValue($0, key) } ?? false }
    }
}
