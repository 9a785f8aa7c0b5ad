import KubeAPI
import KubeMachinery

/// The `involvedObject` of a core/v1 Event: which object it is about.
public struct EventObjectReference: Sendable, Hashable {
    public var apiVersion: String
    public var kind: String
    public var namespace: String
    public var name: String
    public var uid: String
    public var resourceVersion: String
    public var fieldPath: String

    public init(apiVersion: String, kind: String, namespace: String = "", name: String, uid: String = "",
                resourceVersion: String = "", fieldPath: String = "") {
        self.apiVersion = apiVersion
        self.kind = kind
        self.namespace = namespace
        self.name = name
        self.uid = uid
        self.resourceVersion = resourceVersion
        self.fieldPath = fieldPath
    }

    /// A reference to an object from its JSON (`apiVersion`, `kind` and `metadata`).
    public init(object: JSONValue) {
        let m = object["metadata"]
        self.init(apiVersion: object["apiVersion"]?.stringValue ?? "", kind: object["kind"]?.stringValue ?? "",
                  namespace: m?["namespace"]?.stringValue ?? "", name: m?["name"]?.stringValue ?? "",
                  uid: m?["uid"]?.stringValue ?? "", resourceVersion: m?["resourceVersion"]?.stringValue ?? "")
    }

    /// A reference to a typed object; `apiVersion` and `kind` come from its resource when the
    /// JSON lacks them (objects decoded from lists often do).
    public init<T: KubeObject>(_ object: T) {
        self.init(object: object.json)
        if apiVersion.isEmpty { apiVersion = T.resource.apiVersion }
        if kind.isEmpty { kind = T.resource.kind }
    }

    /// Empty strings are left out, as Go's `omitempty` does.
    public var json: JSONValue {
        var o: [String: JSONValue] = [:]
        for (k, v) in [("apiVersion", apiVersion), ("kind", kind), ("namespace", namespace), ("name", name),
                       ("uid", uid), ("resourceVersion", resourceVersion), ("fieldPath", fieldPath)] where !v.isEmpty {
            o[k] = .string(v)
        }
        return .object(o)
    }
}
