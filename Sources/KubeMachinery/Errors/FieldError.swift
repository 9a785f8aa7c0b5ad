/// One problem with one field, as upstream's `field.Error`: rendered into an `Invalid` Status's
/// message and `details.causes`.
public struct FieldError: Sendable, Hashable, Error, CustomStringConvertible {
    public enum Kind: String, Sendable {
        case required = "FieldValueRequired"
        case invalid = "FieldValueInvalid"
        case duplicate = "FieldValueDuplicate"
        case notSupported = "FieldValueNotSupported"
        case forbidden = "FieldValueForbidden"
        case tooLong = "FieldValueTooLong"
        case tooMany = "FieldValueTooMany"
        case typeInvalid = "FieldValueTypeInvalid"
        case notFound = "FieldValueNotFound"
        case internalError = "InternalError"

        var phrase: String {
            switch self {
            case .required: return "Required value"
            case .invalid: return "Invalid value"
            case .duplicate: return "Duplicate value"
            case .notSupported: return "Unsupported value"
            case .forbidden: return "Forbidden"
            case .tooLong: return "Too long"
            case .tooMany: return "Too many"
            case .typeInvalid: return "Invalid value"
            case .notFound: return "Not found"
            case .internalError: return "Internal error"
            }
        }
    }

    public var kind: Kind
    /// The field path in upstream's notation, e.g. `spec.containers[0].name`.
    public var field: String
    /// The offending value, when it is shown in the message.
    public var badValue: JSONValue?
    public var detail: String

    public init(_ kind: Kind, field: String, value: JSONValue? = nil, detail: String = "") {
        self.kind = kind
        self.field = field
        self.badValue = value
        self.detail = detail
    }

    public static func required(_ field: String, _ detail: String = "") -> FieldError {
        FieldError(.required, field: field, detail: detail)
    }
    public static func invalid(_ field: String, _ value: JSONValue?, _ detail: String) -> FieldError {
        FieldError(.invalid, field: field, value: value ?? .null, detail: detail)
    }
    public static func forbidden(_ field: String, _ detail: String) -> FieldError {
        FieldError(.forbidden, field: field, detail: detail)
    }
    public static func notSupported(_ field: String, _ value: JSONValue?, supported: [String]) -> FieldError {
        let list = supported.map { "\"\($0)\"" }.joined(separator: ", ")
        return FieldError(.notSupported, field: field, value: value ?? .null, detail: "supported values: \(list)")
    }
    public static func duplicate(_ field: String, _ value: JSONValue?) -> FieldError {
        FieldError(.duplicate, field: field, value: value ?? .null)
    }
    public static func tooLong(_ field: String, max: Int) -> FieldError {
        FieldError(.tooLong, field: field, detail: "may not be more than \(max) bytes")
    }

    /// The cause message: the error's phrase, the value when it matters, and the detail.
    public var causeMessage: String {
        var s = kind.phrase
        if let badValue, kind == .invalid || kind == .notSupported || kind == .duplicate || kind == .typeInvalid {
            s += ": " + FieldError.render(badValue)
        }
        if !detail.isEmpty { s += ": " + detail }
        return s
    }

    public var description: String { field.isEmpty ? causeMessage : "\(field): \(causeMessage)" }

    static func render(_ v: JSONValue) -> String {
        switch v {
        case .string(let s): return "\"\(s)\""
        case .null: return "null"
        case .int(let i): return String(i)
        case .bool(let b): return String(b)
        case .double(let d): return String(d)
        default: return v.serializedString()
        }
    }
}
