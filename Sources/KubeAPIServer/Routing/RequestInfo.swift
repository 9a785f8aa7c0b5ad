import NIOHTTP1

/// What a URL path asks for, as upstream's request-info resolver decomposes it.
public struct RequestInfo: Sendable, Equatable {
    public enum Verb: String, Sendable {
        case get, list, watch, create, update, patch, delete, deletecollection
    }

    /// "" for the core group (`/api`).
    public var group: String
    public var version: String
    public var namespace: String?
    public var resource: String
    public var name: String?
    public var subresource: String?
    public var verb: Verb

    /// Parses `/api/v1/...` and `/apis/GROUP/VERSION/...` resource paths; nil for anything else
    /// (discovery documents, health, metrics...).
    public static func parse(path: String, method: HTTPMethod, watchParam: Bool) -> RequestInfo? {
        // Byte-wise split: paths are ASCII, and Character-wise splitting is a hot spot.
        var parts = path.utf8.split(separator: UInt8(ascii: "/")).map { String(Substring($0)) }
        var group = ""
        guard let first = parts.first else { return nil }
        if first == "api" {
            parts.removeFirst()
        } else if first == "apis" {
            parts.removeFirst()
            guard parts.count >= 1 else { return nil }
            group = parts.removeFirst()
        } else {
            return nil
        }
        guard parts.count >= 2 else { return nil }  // version + resource at least
        let version = parts.removeFirst()
        var isWatchPath = false
        if parts.first == "watch" {  // deprecated /watch/ paths
            isWatchPath = true
            parts.removeFirst()
        }
        var namespace: String?
        if parts.count >= 3, parts[0] == "namespaces" {
            namespace = parts[1]
            parts.removeFirst(2)
        }
        guard !parts.isEmpty, parts.count <= 3 else { return nil }
        let resource = parts[0]
        let name = parts.count > 1 ? parts[1] : nil
        let sub = parts.count > 2 ? parts[2] : nil
        let verb: Verb
        switch method {
        case .GET, .HEAD:
            if isWatchPath || watchParam { verb = .watch } else { verb = name == nil ? .list : .get }
        case .POST: verb = .create
        case .PUT: verb = .update
        case .PATCH: verb = .patch
        case .DELETE: verb = name == nil ? .deletecollection : .delete
        default: return nil
        }
        return RequestInfo(group: group, version: version, namespace: namespace, resource: resource,
                           name: name, subresource: sub, verb: verb)
    }
}
