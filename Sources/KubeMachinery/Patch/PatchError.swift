/// Why a patch failed, and which `Status` the API server answers with.
///
/// The mapping follows kube-apiserver's patch handler:
/// - `malformedPatch` (400 BadRequest): the body is not a patch of the declared type: a JSON Patch
///   that is not an array of operation objects, a merge patch that is not an object, a strategic
///   merge patch that is not an object, or a strategic directive in the wrong format
///   (`$retainKeys`, `$deleteFromPrimitiveList/…`, `$setElementOrder/…` that are not lists, or a
///   patch key outside its `$retainKeys` list).
/// - `notApplicable` (422 Invalid): a well-formed patch that cannot apply to this object: a failed
///   `test`, a missing path, a bad array index, an unknown `op`, or a list of lists in a strategic
///   merge patch. Upstream replaces the detail with a generic message in the `Status`; `message`
///   keeps it for logs.
/// - `tooManyOperations` (413): a JSON Patch with more than `JSONPatch.maxOperations` operations.
/// - `mergeFailure` (500, no reason): strategic-merge errors that upstream does not classify and
///   so surfaces as a bare error, e.g. a list element without its declared merge key, or an
///   unknown `$patch` value.
public struct PatchError: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Kind: Sendable, Hashable {
        case malformedPatch
        case notApplicable
        case tooManyOperations
        case mergeFailure
    }

    public var kind: Kind
    /// The detailed reason, in upstream's wording where upstream shows it to clients.
    public var message: String

    public init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    static func malformed(_ message: String) -> PatchError { PatchError(.malformedPatch, message) }
    static func notApplicable(_ message: String) -> PatchError { PatchError(.notApplicable, message) }
    static func mergeFailure(_ message: String) -> PatchError { PatchError(.mergeFailure, message) }

    /// The HTTP status code upstream answers with.
    public var code: Int {
        switch kind {
        case .malformedPatch: return 400
        case .notApplicable: return 422
        case .tooManyOperations: return 413
        case .mergeFailure: return 500
        }
    }

    /// The error as the API server returns it.
    public var apiError: APIError {
        switch kind {
        case .malformedPatch:
            return .badRequest(message)
        case .notApplicable:
            // Upstream builds this with NewGenericServerResponse(422, ...), which keeps only the
            // generic text for the code; clients see exactly this message and an empty details.
            return APIError(code: 422, reason: "Invalid",
                            message: "the server rejected our request due to an error in our request",
                            details: APIError.Details())
        case .tooManyOperations:
            return .tooLarge("Request entity too large: \(message)")
        case .mergeFailure:
            // A plain Go error reaching the response writer: 500 with an empty (Unknown) reason.
            return APIError(code: 500, reason: "", message: message)
        }
    }

    public var description: String { "\(code): \(message)" }
}
