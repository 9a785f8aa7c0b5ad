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

    /// The index name under which `selectorAnchor` files objects.
    public static let selectorAnchorIndex = "selectorAnchor"

    /// Files an object with a pod selector at `path` (a Service's or ReplicationController's
    /// `{key: value}` map when `mapForm`, else a ReplicaSet's or StatefulSet's LabelSelector)
    /// under `namespace/key=value` for one pair the selector requires (its smallest key), or
    /// under `namespace/*` when it requires no pair (expressions only). Finding every object
    /// whose selector may match a pod then takes one lookup per pod label plus one for `*`
    /// (`selectorAnchorCandidates`) instead of a walk over the namespace. Empty selectors,
    /// which select nothing (maps) or everything (LabelSelectors), are not filed.
    public static func selectorAnchor(_ path: [String], mapForm: Bool) -> IndexFunc {
        { object in
            let ns = object["metadata"]?["namespace"]?.stringValue ?? ""
            guard let selector = object[path: path], case .object(let fields) = selector else { return [] }
            let pairs = mapForm ? fields : (fields["matchLabels"]?.objectValue ?? [:])
            if let key = pairs.keys.min(), let value = pairs[key]?.stringValue { return ["\(ns)/\(key)=\(value)"] }
            if !mapForm, let exprs = fields["matchExpressions"]?.arrayValue, !exprs.isEmpty { return ["\(ns)/*"] }
            return []
        }
    }

    /// The `selectorAnchor` values under which an owner selecting a pod in `namespace` with
    /// these labels can be filed.
    public static func selectorAnchorCandidates(namespace: String, labels: [String: String]) -> [String] {
        ["\(namespace)/*"] + labels.map { "\(namespace)/\($0.key)=\($0.value)" }
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
