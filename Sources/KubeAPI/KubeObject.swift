import KubeMachinery

/// A Kubernetes object as clients see it: a typed view over the object's JSON.
///
/// The JSON stays the source of truth, so an object read, changed and written back keeps every
/// field, including ones this version of Bosun has no accessor for (a typed model that dropped
/// unknown fields would silently erase them on update). Accessors decode what a component
/// needs; hot paths (the scheduler's cache) decode once into their own structures.
public protocol KubeObject: Sendable {
    static var resource: APIResource { get }
    var json: JSONValue { get set }
    init(json: JSONValue)
}

extension KubeObject {
    /// A new, empty object with `apiVersion` and `kind` set.
    public init(namespace: String? = nil, name: String) {
        let json: JSONValue = ["apiVersion": .string(Self.resource.apiVersion), "kind": .string(Self.resource.kind), "metadata": [:]]
        self.init(json: json)
        self.name = name
        if let namespace { self.namespace = namespace }
    }

    public var metadata: JSONValue {
        get { json["metadata"] ?? .object([:]) }
        set { json["metadata"] = newValue }
    }

    public var name: String {
        get { json["metadata"]?["name"]?.stringValue ?? "" }
        set { json.set(["metadata", "name"], to: .string(newValue)) }
    }
    public var generateName: String? {
        get { json["metadata"]?["generateName"]?.stringValue }
        set { json.set(["metadata", "generateName"], to: newValue.map(JSONValue.string)) }
    }
    public var namespace: String? {
        get { json["metadata"]?["namespace"]?.stringValue }
        set { json.set(["metadata", "namespace"], to: newValue.map(JSONValue.string)) }
    }
    public var uid: String { json["metadata"]?["uid"]?.stringValue ?? "" }
    public var resourceVersion: String? {
        get { json["metadata"]?["resourceVersion"]?.stringValue }
        set { json.set(["metadata", "resourceVersion"], to: newValue.map(JSONValue.string)) }
    }
    public var generation: Int64 { json["metadata"]?["generation"]?.intValue ?? 0 }
    public var creationTimestamp: String? { json["metadata"]?["creationTimestamp"]?.stringValue }
    public var deletionTimestamp: String? { json["metadata"]?["deletionTimestamp"]?.stringValue }
    public var deletionGracePeriodSeconds: Int64? { json["metadata"]?["deletionGracePeriodSeconds"]?.intValue }
    public var isBeingDeleted: Bool { deletionTimestamp != nil }

    public var labels: [String: String] {
        get { json["metadata"]?["labels"]?.stringMap ?? [:] }
        set { json.set(["metadata", "labels"], to: newValue.isEmpty ? nil : .stringMap(newValue)) }
    }
    public var annotations: [String: String] {
        get { json["metadata"]?["annotations"]?.stringMap ?? [:] }
        set { json.set(["metadata", "annotations"], to: newValue.isEmpty ? nil : .stringMap(newValue)) }
    }
    public var finalizers: [String] {
        get { json["metadata"]?["finalizers"]?.arrayValue?.compactMap(\.stringValue) ?? [] }
        set { json.set(["metadata", "finalizers"], to: newValue.isEmpty ? nil : .array(newValue.map(JSONValue.string))) }
    }
    public var ownerReferences: [OwnerReference] {
        get { json["metadata"]?["ownerReferences"]?.arrayValue?.map(OwnerReference.init(json:)) ?? [] }
        set { json.set(["metadata", "ownerReferences"], to: newValue.isEmpty ? nil : .array(newValue.map(\.json))) }
    }
    /// The owner reference with `controller: true`, if any.
    public var controllerRef: OwnerReference? { ownerReferences.first { $0.controller } }

    /// `namespace/name`, or `name` for cluster-scoped objects: the key caches and work queues use.
    public var key: String {
        if let ns = namespace, !ns.isEmpty { return "\(ns)/\(name)" }
        return name
    }

    public var spec: JSONValue? {
        get { json["spec"] }
        set { json["spec"] = newValue }
    }
    public var status: JSONValue? {
        get { json["status"] }
        set { json["status"] = newValue }
    }
}

/// metadata.ownerReferences[]: who owns an object, for garbage collection and adoption.
public struct OwnerReference: Sendable, Hashable {
    public var apiVersion: String
    public var kind: String
    public var name: String
    public var uid: String
    public var controller: Bool
    public var blockOwnerDeletion: Bool

    public init(apiVersion: String, kind: String, name: String, uid: String, controller: Bool = false, blockOwnerDeletion: Bool = false) {
        self.apiVersion = apiVersion
        self.kind = kind
        self.name = name
        self.uid = uid
        self.controller = controller
        self.blockOwnerDeletion = blockOwnerDeletion
    }

    public init(json: JSONValue) {
        apiVersion = json["apiVersion"]?.stringValue ?? ""
        kind = json["kind"]?.stringValue ?? ""
        name = json["name"]?.stringValue ?? ""
        uid = json["uid"]?.stringValue ?? ""
        controller = json["controller"]?.boolValue ?? false
        blockOwnerDeletion = json["blockOwnerDeletion"]?.boolValue ?? false
    }

    public var json: JSONValue {
        var o: [String: JSONValue] = ["apiVersion": .string(apiVersion), "kind": .string(kind), "name": .string(name), "uid": .string(uid)]
        if controller { o["controller"] = true }
        if blockOwnerDeletion { o["blockOwnerDeletion"] = true }
        return .object(o)
    }
}

extension JSONValue {
    /// An object of strings as a dictionary (labels, annotations, nodeSelector); other members skipped.
    public var stringMap: [String: String]? {
        guard let o = objectValue else { return nil }
        var out: [String: String] = [:]
        out.reserveCapacity(o.count)
        for (k, v) in o { if let s = v.stringValue { out[k] = s } }
        return out
    }

    public static func stringMap(_ m: [String: String]) -> JSONValue {
        .object(m.mapValues(JSONValue.string))
    }
}
