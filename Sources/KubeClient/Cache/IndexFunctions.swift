import KubeMachinery

/// Index functions components commonly share, so two informers' users agree on what an
/// index named, say, `spec.nodeName` holds.
public enum IndexFunctions {
    /// `metadata.namespace`; cluster-scoped objects are not filed.
    public static let namespace: IndexFunc = { object in
        guard let ns = object["metadata"]?["namespace"]?.stringValue, !ns.isEmpty else { return [] }
        return [ns]
    }

    /// Pods by `spec.nodeName`; unbound pods are not filed.
    public static let podNodeName: IndexFunc = { object in
        guard let node = object["spec"]?["nodeName"]?.stringValue, !node.isEmpty else { return [] }
        return [node]
    }

    /// Objects by the UID of their controller owner reference (what ReplicaSet-style
    /// controllers look up when adopting or counting their children).
    public static let controllerUID: IndexFunc = { object in
        guard let refs = object["metadata"]?["ownerReferences"]?.arrayValue else { return [] }
        for r in refs where r["controller"]?.boolValue == true {
            if let uid = r["uid"]?.stringValue, !uid.isEmpty { return [uid] }
        }
        return []
    }

    /// The index name under which `controllerUIDOrOrphan` files objects.
    public static let controllerUIDOrOrphanIndex = "controllerUIDOrOrphan"

    /// The `controllerUIDOrOrphan` value for objects without a controller in `namespace`.
    public static func orphanKey(namespace: String?) -> String { "orphan/" + (namespace ?? "") }

    /// Objects by the UID of their controller, and objects with no controller under
    /// `orphanKey(namespace:)`: the two lists a ReplicaSet-style controller claims from (its
    /// own children, and orphans it may adopt), so a sync never walks the whole namespace.
    /// UIDs never contain `/`, so an orphan key cannot name a controller.
    public static let controllerUIDOrOrphan: IndexFunc = { object in
        let meta = object["metadata"]
        if let refs = meta?["ownerReferences"]?.arrayValue {
            for r in refs where r["controller"]?.boolValue == true {
                if let uid = r["uid"]?.stringValue, !uid.isEmpty { return [uid] }
            }
        }
        return [orphanKey(namespace: meta?["namespace"]?.stringValue)]
    }

    /// Files objects under the string at `path` (e.g. `["spec", "nodeName"]`), when present
    /// and non-empty.
    public static func field(_ path: [String]) -> IndexFunc {
        { object in
            guard let v = object[path: path]?.stringValue, !v.isEmpty else { return [] }
            return [v]
        }
    }
}
