import KubeMachinery

/// Why a `application/vnd.kubernetes.protobuf` body could not be turned into a JSON object.
///
/// The API server answers `unknownKind` with 415 (Bosun cannot read that kind in protobuf, the
/// client may retry in JSON) and everything else with 400, as upstream does for undecodable bodies.
public struct ProtobufDecodeError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Reason: Sendable, Equatable {
        /// The body does not start with `k8s\0`.
        case missingMagic
        /// The envelope names a group/version/kind Bosun has no message table for.
        case unknownKind(apiVersion: String, kind: String)
        /// The envelope asks for a content encoding (e.g. gzip) Bosun does not read.
        case unsupportedContentEncoding(String)
        /// The bytes are not valid protobuf for the expected message.
        case malformed
        /// A `RawExtension` or `FieldsV1` held bytes that are not JSON.
        case invalidEmbeddedJSON
    }

    public var reason: Reason
    public var message: String

    public init(_ reason: Reason, _ message: String) {
        self.reason = reason
        self.message = message
    }

    public var description: String { message }

    /// The Status error a handler should answer with.
    public var apiError: APIError {
        switch reason {
        case .unknownKind:
            return .unsupportedMediaType("application/vnd.kubernetes.protobuf")
        default:
            return .badRequest(message)
        }
    }
}
