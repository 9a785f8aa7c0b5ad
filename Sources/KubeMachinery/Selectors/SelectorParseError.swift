/// A label or field selector that could not be parsed or built. `message` is upstream's text,
/// which the API server returns verbatim in a 400 (see `apiError`).
public struct SelectorParseError: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }

    /// The 400 BadRequest a list or watch request gets for this selector.
    public var apiError: APIError { .badRequest(message) }

    /// Upstream joins several problems as an aggregate: one shown bare, more in brackets.
    static func aggregate(_ messages: [String]) -> SelectorParseError? {
        var seen = Set<String>()
        let unique = messages.filter { seen.insert($0).inserted }
        switch unique.count {
        case 0: return nil
        case 1: return SelectorParseError(unique[0])
        default: return SelectorParseError("[" + unique.joined(separator: ", ") + "]")
        }
    }
}
