/// An RFC 6901 JSON Pointer: `/spec/containers/0/image`, with `~1` for `/` and `~0` for `~`
/// inside a token (so the label key `app.kubernetes.io/name` is `app.kubernetes.io~1name`).
///
/// The empty pointer `""` names the whole document.
public struct JSONPointer: Sendable, Hashable, CustomStringConvertible {
    /// The unescaped reference tokens, outermost first.
    public let tokens: [String]
    /// The pointer as written.
    public let description: String

    public init(parsing text: String) throws(PatchError) {
        description = text
        if text.isEmpty {
            tokens = []
            return
        }
        guard text.first == "/" else {
            throw .notApplicable("JSON pointer \"\(text)\" must be empty or start with \"/\"")
        }
        var result: [String] = []
        for raw in text.dropFirst().split(separator: "/", omittingEmptySubsequences: false) {
            result.append(try JSONPointer.unescape(raw, in: text))
        }
        tokens = result
    }

    /// Decodes `~1` then `~0`, in one left-to-right pass so that `~01` stays `~1` as RFC 6901
    /// requires; a `~` followed by anything else is not a valid pointer.
    private static func unescape(_ raw: Substring, in text: String) throws(PatchError) -> String {
        guard raw.contains("~") else { return String(raw) }
        var out = ""
        var iterator = raw.makeIterator()
        while let c = iterator.next() {
            guard c == "~" else {
                out.append(c)
                continue
            }
            switch iterator.next() {
            case "0": out.append("~")
            case "1": out.append("/")
            default: throw .notApplicable("JSON pointer \"\(text)\" has an invalid escape: \"~\" must be followed by 0 or 1")
            }
        }
        return out
    }

    /// Whether `self` is a proper prefix of `other` (`/a` of `/a/b`), which makes moving `self`
    /// into `other` impossible.
    public func isProperPrefix(of other: JSONPointer) -> Bool {
        tokens.count < other.tokens.count && Array(other.tokens.prefix(tokens.count)) == tokens
    }

    /// Parses an array index token: decimal digits without leading zeros, as RFC 6901 allows.
    /// `-` (the element after the last) is handled by the callers that accept it.
    static func arrayIndex(_ token: String, pointer: JSONPointer) throws(PatchError) -> Int {
        let digits = token.utf8
        guard !digits.isEmpty, digits.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }),
              digits.count == 1 || digits.first != UInt8(ascii: "0"),
              let index = Int(token)
        else {
            throw .notApplicable("\"\(token)\" in path \"\(pointer)\" is not a valid array index")
        }
        return index
    }
}
