import KubeMachinery
import KubeStorage

/// One stored object as the watch cache holds it: decoded, and encoded once with its
/// resourceVersion, so that reads and every watcher reuse the same bytes.
public final class CachedObject: Sendable {
    public let key: String
    public let namespace: String
    public let name: String
    public let object: JSONValue
    public let bytes: [UInt8]
    public let revision: Int64
    public let labels: [String: String]

    public init(key: String, object: JSONValue, bytes: [UInt8], revision: Int64) {
        self.key = key
        self.object = object
        self.bytes = bytes
        self.revision = revision
        let meta = object["metadata"]
        self.namespace = meta?["namespace"]?.stringValue ?? ""
        self.name = meta?["name"]?.stringValue ?? ""
        var labels: [String: String] = [:]
        if case .object(let l)? = meta?["labels"] {
            for (k, v) in l { labels[k] = v.stringValue ?? "" }
        }
        self.labels = labels
    }

    /// Decodes stored bytes (kept without resourceVersion) and stamps the revision.
    public static func decode(key: String, value: [UInt8], revision: Int64) throws -> CachedObject {
        var obj = try JSONValue.parse(value)
        obj.set(["metadata", "resourceVersion"], to: .string(String(revision)))
        return CachedObject(key: key, object: obj, bytes: obj.serialized(), revision: revision)
    }

    /// The same object as of another revision (a deletion's), re-encoded.
    public func restamped(_ revision: Int64) -> CachedObject {
        var obj = object
        obj.set(["metadata", "resourceVersion"], to: .string(String(revision)))
        return CachedObject(key: key, object: obj, bytes: obj.serialized(), revision: revision)
    }
}

/// A change as watchers see it.
public struct CacheEvent: Sendable {
    public enum Kind: String, Sendable {
        case added = "ADDED", modified = "MODIFIED", deleted = "DELETED"
    }
    public var kind: Kind
    public var object: CachedObject
    public var previous: CachedObject?
    public var revision: Int64 { object.revision }
}

/// Bytes to store for an object: the JSON without resourceVersion (the store's mod revision is
/// the resourceVersion).
func storageBytes(_ object: JSONValue) -> [UInt8] {
    var o = object
    o.set(["metadata", "resourceVersion"], to: nil)
    return o.serialized()
}
