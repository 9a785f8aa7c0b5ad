import KubeMachinery

/// One way an object does not fit its schema, found by `SchemaValidator`.
///
/// Unknown fields only matter under `fieldValidation=Strict` (or become warnings under `Warn`);
/// a wrong JSON type fails decoding whatever the validation mode, as it does upstream.
public struct FieldProblem: Sendable, Hashable, CustomStringConvertible {
    public enum Kind: Sendable, Hashable {
        case unknownField
        case wrongType
    }

    public var kind: Kind
    /// The field in upstream's notation, without a leading dot: `spec.containers[0].imagee`.
    public var path: String
    /// Upstream's wording: `unknown field "spec.x"`, or a Go decode error for a wrong type.
    public var message: String

    public init(kind: Kind, path: String, message: String) {
        self.kind = kind
        self.path = path
        self.message = message
    }

    public var description: String { message }

    /// The message of the 400 BadRequest upstream returns when a body does not decode into a kind,
    /// e.g. `Deployment in version "v1" cannot be handled as a Deployment: strict decoding error:
    /// unknown field "spec.foo"`. A type error wins over unknown fields, as decoding stops there.
    /// Returns nil when there is nothing to reject (no problems, or only unknown fields when
    /// `strict` is false).
    public static func decodingFailureMessage(_ problems: [FieldProblem], kind: String, version: String, strict: Bool) -> String? {
        let prefix = "\(kind) in version \"\(version)\" cannot be handled as a \(kind): "
        if let typeError = problems.first(where: { $0.kind == .wrongType }) {
            return prefix + typeError.message
        }
        let unknown = problems.filter { $0.kind == .unknownField }
        guard strict, !unknown.isEmpty else { return nil }
        return prefix + "strict decoding error: " + unknown.map(\.message).joined(separator: ", ")
    }

    /// Warning texts for `fieldValidation=Warn`, one per unknown field.
    public static func warnings(_ problems: [FieldProblem]) -> [String] {
        problems.filter { $0.kind == .unknownField }.map(\.message)
    }
}
