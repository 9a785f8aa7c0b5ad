import KubeAPI
import KubeClient
import KubeMachinery

/// Work-queue keys and the cache lookups controllers do with them. A key is `namespace/name`
/// (or `name` for a cluster-scoped object), the same string informers file objects under, so
/// a key popped from a queue can be read straight from a lister.
public enum ControllerKeys {
    /// The key of an object's JSON (`Indexer.key(of:)`).
    public static func key(of object: JSONValue) -> String { Indexer.key(of: object) }

    /// The key for `namespace`/`name`.
    public static func key(namespace: String?, name: String) -> String {
        if let namespace, !namespace.isEmpty { return "\(namespace)/\(name)" }
        return name
    }

    /// Splits a key into its namespace (nil for a cluster-scoped key) and name.
    public static func split(_ key: String) -> (namespace: String?, name: String) {
        guard let slash = key.firstIndex(of: "/") else { return (nil, key) }
        return (String(key[..<slash]), String(key[key.index(after: slash)...]))
    }

    /// The children `owner` may claim: those whose controller it is, and the orphans in its
    /// namespace, read from the lister's `controllerUIDOrOrphan` index (the informer must
    /// have it: `ensureIndexers`).
    public static func claimCandidates<Child: KubeObject, Owner: KubeObject>(_ children: Lister<Child>, owner: Owner) -> [Child] {
        children.byIndex(IndexFunctions.controllerUIDOrOrphanIndex, owner.uid)
            + children.byIndex(IndexFunctions.controllerUIDOrOrphanIndex, IndexFunctions.orphanKey(namespace: owner.namespace))
    }

    /// The key of the controller that `object` names in its controllerRef, provided the
    /// reference is of `Owner`'s kind (and group); nil for orphans and other owners' objects.
    /// Used by child-object handlers to find which owner to resync.
    public static func controllerKey<Owner: KubeObject>(of object: JSONValue, ownerKind: Owner.Type) -> String? {
        guard let ref = controllerRef(of: object), refersTo(ref, Owner.resource) else { return nil }
        return key(namespace: object["metadata"]?["namespace"]?.stringValue, name: ref.name)
    }

    /// The owner reference with `controller: true`, if any.
    public static func controllerRef(of object: JSONValue) -> OwnerReference? {
        object["metadata"]?["ownerReferences"]?.arrayValue?.lazy.map(OwnerReference.init(json:)).first { $0.controller }
    }

    /// Whether `ref` points at an object of `resource`'s kind: same kind, same API group (any
    /// version, as upstream compares group only).
    public static func refersTo(_ ref: OwnerReference, _ resource: APIResource) -> Bool {
        guard ref.kind == resource.kind else { return false }
        let group = ref.apiVersion.firstIndex(of: "/").map { String(ref.apiVersion[..<$0]) } ?? ""
        return group == resource.group
    }
}

extension OwnerReference {
    /// The reference a controller puts on the objects it creates or adopts (upstream's
    /// `metav1.NewControllerRef`): `controller` and `blockOwnerDeletion` both set, so the
    /// garbage collector deletes children with their owner and foreground deletion waits.
    public static func controllerRef<Owner: KubeObject>(to owner: Owner) -> OwnerReference {
        OwnerReference(apiVersion: Owner.resource.apiVersion, kind: Owner.resource.kind, name: owner.name,
                       uid: owner.uid, controller: true, blockOwnerDeletion: true)
    }
}
