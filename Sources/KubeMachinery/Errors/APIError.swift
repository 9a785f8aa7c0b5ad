/// An error that reaches a client as a `Status` object with upstream's code, reason and message.
///
/// Every failure in the request path is one of these; `statusObject` renders it exactly as the
/// Kubernetes API server would (kind Status, apiVersion v1, status Failure).
public struct APIError: Error, Sendable, CustomStringConvertible {
    public var code: Int
    /// The machine-readable reason (`NotFound`, `AlreadyExists`, `Conflict`, `Invalid`, ...).
    public var reason: String
    public var message: String
    public var details: Details?
    /// Extra response headers, e.g. `Retry-After`.
    public var headers: [(String, String)] = []

    public struct Details: Sendable {
        public var name: String?
        public var group: String?
        public var kind: String?
        public var causes: [Cause]
        public var retryAfterSeconds: Int?
        public init(name: String? = nil, group: String? = nil, kind: String? = nil, causes: [Cause] = [], retryAfterSeconds: Int? = nil) {
            self.name = name
            self.group = group
            self.kind = kind
            self.causes = causes
            self.retryAfterSeconds = retryAfterSeconds
        }
    }

    public struct Cause: Sendable {
        public var reason: String?
        public var message: String
        public var field: String?
        public init(reason: String? = nil, message: String, field: String? = nil) {
            self.reason = reason
            self.message = message
            self.field = field
        }
    }

    public init(code: Int, reason: String, message: String, details: Details? = nil) {
        self.code = code
        self.reason = reason
        self.message = message
        self.details = details
    }

    public var description: String { "\(code) \(reason): \(message)" }

    /// The `Status` object upstream returns for this error.
    public var statusObject: JSONValue {
        var o: [String: JSONValue] = [
            "kind": "Status", "apiVersion": "v1", "metadata": .object([:]),
            "status": "Failure", "message": .string(message), "code": .int(Int64(code)),
        ]
        if !reason.isEmpty { o["reason"] = .string(reason) }
        if let d = details {
            var dj: [String: JSONValue] = [:]
            if let n = d.name { dj["name"] = .string(n) }
            if let g = d.group { dj["group"] = .string(g) }
            if let k = d.kind { dj["kind"] = .string(k) }
            if let r = d.retryAfterSeconds { dj["retryAfterSeconds"] = .int(Int64(r)) }
            if !d.causes.isEmpty {
                dj["causes"] = .array(d.causes.map { c in
                    var cj: [String: JSONValue] = ["message": .string(c.message)]
                    if let r = c.reason { cj["reason"] = .string(r) }
                    if let f = c.field { cj["field"] = .string(f) }
                    return .object(cj)
                })
            }
            o["details"] = .object(dj)
        }
        return .object(o)
    }
}

/// A resource named the way upstream names it in messages: `pods`, `deployments.apps`.
public struct QualifiedResource: Sendable, Hashable, CustomStringConvertible {
    public var group: String
    public var resource: String
    public init(group: String, resource: String) {
        self.group = group
        self.resource = resource
    }
    public var description: String { group.isEmpty ? resource : "\(resource).\(group)" }
}

extension APIError {
    public static func notFound(_ r: QualifiedResource, name: String) -> APIError {
        APIError(code: 404, reason: "NotFound", message: "\(r) \"\(name)\" not found",
                 details: Details(name: name, group: r.group.isEmpty ? nil : r.group, kind: r.resource))
    }

    public static func alreadyExists(_ r: QualifiedResource, name: String) -> APIError {
        APIError(code: 409, reason: "AlreadyExists", message: "\(r) \"\(name)\" already exists",
                 details: Details(name: name, group: r.group.isEmpty ? nil : r.group, kind: r.resource))
    }

    public static func conflict(_ r: QualifiedResource, name: String, _ why: String) -> APIError {
        APIError(code: 409, reason: "Conflict", message: "Operation cannot be fulfilled on \(r) \"\(name)\": \(why)",
                 details: Details(name: name, group: r.group.isEmpty ? nil : r.group, kind: r.resource))
    }

    public static let modifiedMessage = "the object has been modified; please apply your changes to the latest version and try again"

    /// 422 with field causes. `kind` is the object kind (`Pod`), `group` its API group.
    public static func invalid(kind: String, group: String, name: String, _ errors: [FieldError]) -> APIError {
        let list = errors.map(\.description)
        let joined = list.count == 1 ? list[0] : "[" + list.joined(separator: ", ") + "]"
        let qualifiedKind = group.isEmpty ? kind : "\(kind).\(group)"
        return APIError(code: 422, reason: "Invalid", message: "\(qualifiedKind) \"\(name)\" is invalid: \(joined)",
                        details: Details(name: name, group: group.isEmpty ? nil : group, kind: kind,
                                         causes: errors.map { Cause(reason: $0.kind.rawValue, message: $0.causeMessage, field: $0.field) }))
    }

    public static func badRequest(_ message: String) -> APIError {
        APIError(code: 400, reason: "BadRequest", message: message)
    }
    public static func unauthorized(_ message: String = "Unauthorized") -> APIError {
        APIError(code: 401, reason: "Unauthorized", message: message)
    }
    public static func forbidden(_ message: String) -> APIError {
        APIError(code: 403, reason: "Forbidden", message: message)
    }
    public static func methodNotAllowed(_ message: String = "the server does not allow this method on the requested resource") -> APIError {
        APIError(code: 405, reason: "MethodNotAllowed", message: message)
    }
    public static func notAcceptable(_ message: String) -> APIError {
        APIError(code: 406, reason: "NotAcceptable", message: message)
    }
    public static func gone(_ message: String) -> APIError {
        APIError(code: 410, reason: "Expired", message: message)
    }
    public static func tooLarge(_ message: String = "the request is too large") -> APIError {
        APIError(code: 413, reason: "RequestEntityTooLarge", message: message)
    }
    public static func unsupportedMediaType(_ contentType: String) -> APIError {
        APIError(code: 415, reason: "UnsupportedMediaType", message: "the body of the request was in an unknown format - accepted media types include: application/json, application/yaml, application/vnd.kubernetes.protobuf")
    }
    public static func internalError(_ message: String) -> APIError {
        APIError(code: 500, reason: "InternalError", message: "Internal error occurred: \(message)")
    }
    public static func notFoundPath() -> APIError {
        APIError(code: 404, reason: "NotFound", message: "the server could not find the requested resource")
    }
}
