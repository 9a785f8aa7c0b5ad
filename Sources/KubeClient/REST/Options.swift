import KubeMachinery

/// Query parameters of list and watch requests (metav1.ListOptions).
public struct ListOptions: Sendable, Hashable {
    public var labelSelector: String?
    public var fieldSelector: String?
    public var limit: Int?
    public var continueToken: String?
    public var resourceVersion: String?
    public var resourceVersionMatch: String?
    public var timeoutSeconds: Int?
    public var allowWatchBookmarks: Bool = false
    public var sendInitialEvents: Bool?

    public init(labelSelector: String? = nil, fieldSelector: String? = nil, limit: Int? = nil, continueToken: String? = nil,
                resourceVersion: String? = nil, resourceVersionMatch: String? = nil, timeoutSeconds: Int? = nil,
                allowWatchBookmarks: Bool = false, sendInitialEvents: Bool? = nil) {
        self.labelSelector = labelSelector
        self.fieldSelector = fieldSelector
        self.limit = limit
        self.continueToken = continueToken
        self.resourceVersion = resourceVersion
        self.resourceVersionMatch = resourceVersionMatch
        self.timeoutSeconds = timeoutSeconds
        self.allowWatchBookmarks = allowWatchBookmarks
        self.sendInitialEvents = sendInitialEvents
    }

    var queryItems: [(String, String)] {
        var q: [(String, String)] = []
        if let labelSelector, !labelSelector.isEmpty { q.append(("labelSelector", labelSelector)) }
        if let fieldSelector, !fieldSelector.isEmpty { q.append(("fieldSelector", fieldSelector)) }
        if let limit { q.append(("limit", String(limit))) }
        if let continueToken, !continueToken.isEmpty { q.append(("continue", continueToken)) }
        if let resourceVersion { q.append(("resourceVersion", resourceVersion)) }
        if let resourceVersionMatch { q.append(("resourceVersionMatch", resourceVersionMatch)) }
        if let timeoutSeconds { q.append(("timeoutSeconds", String(timeoutSeconds))) }
        if allowWatchBookmarks { q.append(("allowWatchBookmarks", "true")) }
        if let sendInitialEvents { q.append(("sendInitialEvents", sendInitialEvents ? "true" : "false")) }
        return q
    }
}

/// Body options of delete requests (metav1.DeleteOptions).
public struct DeleteOptions: Sendable, Hashable {
    public enum Propagation: String, Sendable { case orphan = "Orphan", background = "Background", foreground = "Foreground" }
    public var propagationPolicy: Propagation?
    public var gracePeriodSeconds: Int64?
    public var preconditionUID: String?
    public var preconditionResourceVersion: String?
    public var dryRun: Bool = false

    public init(propagationPolicy: Propagation? = nil, gracePeriodSeconds: Int64? = nil, preconditionUID: String? = nil,
                preconditionResourceVersion: String? = nil, dryRun: Bool = false) {
        self.propagationPolicy = propagationPolicy
        self.gracePeriodSeconds = gracePeriodSeconds
        self.preconditionUID = preconditionUID
        self.preconditionResourceVersion = preconditionResourceVersion
        self.dryRun = dryRun
    }

    var json: JSONValue {
        var o: [String: JSONValue] = ["apiVersion": "v1", "kind": "DeleteOptions"]
        if let propagationPolicy { o["propagationPolicy"] = .string(propagationPolicy.rawValue) }
        if let gracePeriodSeconds { o["gracePeriodSeconds"] = .int(gracePeriodSeconds) }
        var pre: [String: JSONValue] = [:]
        if let preconditionUID { pre["uid"] = .string(preconditionUID) }
        if let preconditionResourceVersion { pre["resourceVersion"] = .string(preconditionResourceVersion) }
        if !pre.isEmpty { o["preconditions"] = .object(pre) }
        if dryRun { o["dryRun"] = ["All"] }
        return .object(o)
    }
}

/// The patch formats the API accepts, by Content-Type.
public enum PatchKind: Sendable {
    case json, merge, strategicMerge
    var contentType: String {
        switch self {
        case .json: return "application/json-patch+json"
        case .merge: return "application/merge-patch+json"
        case .strategicMerge: return "application/strategic-merge-patch+json"
        }
    }
}

/// One page of a list: its items and the revision it was read at.
public struct ObjectList: Sendable {
    public var items: [JSONValue]
    public var resourceVersion: String
    /// Set when the server has more items (`limit` was given); pass it back as `continueToken`.
    public var continueToken: String?
    public init(items: [JSONValue], resourceVersion: String, continueToken: String?) {
        self.items = items
        self.resourceVersion = resourceVersion
        self.continueToken = continueToken
    }
}

enum QueryEncoding {
    /// Percent-encodes a query component (RFC 3986 unreserved characters pass through).
    static func encode(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count)
        for b in s.utf8 {
            switch b {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                 UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"):
                out.unicodeScalars.append(Unicode.Scalar(b))
            default:
                let hex = Array("0123456789ABCDEF".utf8)
                out.unicodeScalars.append("%")
                out.unicodeScalars.append(Unicode.Scalar(hex[Int(b >> 4)]))
                out.unicodeScalars.append(Unicode.Scalar(hex[Int(b & 0xF)]))
            }
        }
        return out
    }

    static func path(_ base: String, _ items: [(String, String)]) -> String {
        if items.isEmpty { return base }
        return base + "?" + items.map { "\($0.0)=\(encode($0.1))" }.joined(separator: "&")
    }
}
