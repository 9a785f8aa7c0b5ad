/// Where a kind lives in the API: the group/version/resource a client builds URLs from, with
/// the kind and scope it needs to fill `apiVersion`/`kind` and to decide on a namespace segment.
public struct APIResource: Sendable, Hashable, CustomStringConvertible {
    public var group: String
    public var version: String
    /// Lower-case plural, as in the URL (`pods`, `deployments`).
    public var resource: String
    public var kind: String
    public var namespaced: Bool

    public init(group: String, version: String, resource: String, kind: String, namespaced: Bool) {
        self.group = group
        self.version = version
        self.resource = resource
        self.kind = kind
        self.namespaced = namespaced
    }

    /// `v1` for the core group, `apps/v1` otherwise.
    public var apiVersion: String { group.isEmpty ? version : "\(group)/\(version)" }

    /// `/api/v1` or `/apis/GROUP/VERSION`.
    public var groupVersionPath: String { group.isEmpty ? "/api/\(version)" : "/apis/\(group)/\(version)" }

    /// The collection path, e.g. `/api/v1/namespaces/default/pods` or `/api/v1/nodes`.
    /// A nil namespace on a namespaced resource means "all namespaces".
    public func collectionPath(namespace: String?) -> String {
        if namespaced, let namespace { return "\(groupVersionPath)/namespaces/\(namespace)/\(resource)" }
        return "\(groupVersionPath)/\(resource)"
    }

    /// The path of one object, optionally of its subresource (`status`, `binding`, `scale`).
    public func objectPath(namespace: String?, name: String, subresource: String? = nil) -> String {
        let base = "\(collectionPath(namespace: namespaced ? (namespace ?? "default") : nil))/\(name)"
        if let subresource { return "\(base)/\(subresource)" }
        return base
    }

    public var description: String { group.isEmpty ? resource : "\(resource).\(group)" }
}
