import KubeMachinery

// Clients see API failures as the same `APIError` the server produces, decoded from the
// Status body, so that code on both sides asks the same questions of an error.
extension APIError {
    /// Builds the error from a non-2xx response: its Status body when it has one.
    static func from(response status: Int, body: [UInt8]) -> APIError {
        if let json = try? JSONValue.parse(body), json["kind"]?.stringValue == "Status" {
            var e = APIError(code: Int(json["code"]?.intValue ?? Int64(status)),
                             reason: json["reason"]?.stringValue ?? "",
                             message: json["message"]?.stringValue ?? "")
            if let d = json["details"] {
                let causes = d["causes"]?.arrayValue?.map {
                    Cause(reason: $0["reason"]?.stringValue, message: $0["message"]?.stringValue ?? "", field: $0["field"]?.stringValue)
                } ?? []
                e.details = Details(name: d["name"]?.stringValue, group: d["group"]?.stringValue, kind: d["kind"]?.stringValue,
                                    causes: causes, retryAfterSeconds: d["retryAfterSeconds"]?.intValue.map { Int($0) })
            }
            return e
        }
        let text = String(decoding: body.prefix(1024), as: UTF8.self)
        return APIError(code: status, reason: Self.reasonForCode(status), message: text.isEmpty ? "the server responded with status \(status)" : text)
    }

    static func reasonForCode(_ code: Int) -> String {
        switch code {
        case 400: return "BadRequest"
        case 401: return "Unauthorized"
        case 403: return "Forbidden"
        case 404: return "NotFound"
        case 405: return "MethodNotAllowed"
        case 409: return "Conflict"
        case 410: return "Expired"
        case 415: return "UnsupportedMediaType"
        case 422: return "Invalid"
        case 429: return "TooManyRequests"
        case 504: return "Timeout"
        default: return code >= 500 ? "InternalError" : "Unknown"
        }
    }

    public var isNotFound: Bool { code == 404 }
    public var isAlreadyExists: Bool { code == 409 && reason == "AlreadyExists" }
    public var isConflict: Bool { code == 409 && reason != "AlreadyExists" }
    /// The requested resourceVersion is no longer available (410, or an `Expired` Status in a watch).
    public var isGone: Bool { code == 410 || reason == "Expired" || reason == "Gone" }
    public var isInvalid: Bool { code == 422 }
    public var isTooManyRequests: Bool { code == 429 }
}
