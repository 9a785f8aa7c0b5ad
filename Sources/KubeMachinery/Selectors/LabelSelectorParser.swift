/// The string grammar of label selectors, following upstream's lexer and parser closely enough
/// that the same inputs are accepted and the same error messages come back:
///
///     selector    := requirement ( ',' requirement )*
///     requirement := ['!'] key | key op value | key ('in'|'notin') '(' values ')'
///     op          := '=' | '==' | '!=' | '>' | '<'
struct LabelSelectorParser {
    enum Token: Equatable {
        case error, endOfString, openParen, closeParen, comma, doesNotExist
        case equals, doubleEquals, notEquals, greaterThan, lessThan, identifier, `in`, notIn
    }

    /// Whether `in`/`notin` are keywords (where an operator is expected) or plain identifiers
    /// (keys and values may be spelled `in`).
    enum Context { case keyAndOperator, values }

    private var items: [(token: Token, literal: String)] = []
    private var position = 0

    init(_ text: String) {
        items = LabelSelectorParser.scan(Array(text.utf8))
    }

    // MARK: Lexer

    private static let symbolTokens: [String: Token] = [
        "(": .openParen, ")": .closeParen, ",": .comma, "!": .doesNotExist, "=": .equals,
        "==": .doubleEquals, "!=": .notEquals, ">": .greaterThan, "<": .lessThan,
    ]

    private static func isWhitespace(_ c: UInt8) -> Bool {
        c == UInt8(ascii: " ") || c == UInt8(ascii: "\t") || c == UInt8(ascii: "\r") || c == UInt8(ascii: "\n")
    }

    private static func isSpecialSymbol(_ c: UInt8) -> Bool {
        switch c {
        case UInt8(ascii: "="), UInt8(ascii: "!"), UInt8(ascii: "("), UInt8(ascii: ")"),
             UInt8(ascii: ","), UInt8(ascii: ">"), UInt8(ascii: "<"): return true
        default: return false
        }
    }

    private static func scan(_ s: [UInt8]) -> [(token: Token, literal: String)] {
        var out: [(Token, String)] = []
        var i = 0
        while true {
            while i < s.count && isWhitespace(s[i]) { i += 1 }
            if i >= s.count {
                out.append((.endOfString, ""))
                return out
            }
            if isSpecialSymbol(s[i]) {
                // Longest run of symbols that still spells a token ("!=" over "!").
                var buffer: [UInt8] = []
                var last: (Token, String)?
                var j = i
                while j < s.count && isSpecialSymbol(s[j]) {
                    buffer.append(s[j])
                    let text = String(decoding: buffer, as: UTF8.self)
                    if let t = symbolTokens[text] {
                        last = (t, text)
                    } else if last != nil {
                        break
                    }
                    j += 1
                }
                guard let last else {
                    out.append((.error, "error expected: keyword found '\(String(decoding: buffer, as: UTF8.self))'"))
                    return out + [(.endOfString, "")]
                }
                out.append(last)
                i += last.1.utf8.count
            } else {
                var j = i
                while j < s.count && !isWhitespace(s[j]) && !isSpecialSymbol(s[j]) { j += 1 }
                let word = String(decoding: s[i..<j], as: UTF8.self)
                out.append((word == "in" ? .in : word == "notin" ? .notIn : .identifier, word))
                i = j
            }
        }
    }

    // MARK: Parser

    private func lookahead(_ context: Context) -> (Token, String) {
        let item = items[min(position, items.count - 1)]
        if context == .values && (item.token == .in || item.token == .notIn) { return (.identifier, item.literal) }
        return (item.token, item.literal)
    }

    private mutating func consume(_ context: Context) -> (Token, String) {
        let item = lookahead(context)
        if position < items.count - 1 { position += 1 }
        return item
    }

    mutating func parse() throws(SelectorParseError) -> [LabelSelectorRequirement] {
        var requirements: [LabelSelectorRequirement] = []
        while true {
            let (token, literal) = lookahead(.values)
            switch token {
            case .identifier, .doesNotExist:
                do {
                    requirements.append(try parseRequirement())
                } catch {
                    throw SelectorParseError("unable to parse requirement: \(error.message)")
                }
                let (next, nextLiteral) = consume(.values)
                switch next {
                case .endOfString:
                    return requirements
                case .comma:
                    let (after, afterLiteral) = lookahead(.values)
                    if after != .identifier && after != .doesNotExist {
                        throw SelectorParseError("found '\(afterLiteral)', expected: identifier after ','")
                    }
                default:
                    throw SelectorParseError("found '\(nextLiteral)', expected: ',' or 'end of string'")
                }
            case .endOfString:
                return requirements
            default:
                throw SelectorParseError("found '\(literal)', expected: !, identifier, or 'end of string'")
            }
        }
    }

    private mutating func parseRequirement() throws(SelectorParseError) -> LabelSelectorRequirement {
        var (token, literal) = consume(.values)
        var inferred: LabelSelectorRequirement.Operator?
        if token == .doesNotExist {
            inferred = .doesNotExist
            (token, literal) = consume(.values)
        }
        guard token == .identifier else { throw SelectorParseError("found '\(literal)', expected: identifier") }
        let key = literal
        let keyErrors = NameValidation.isQualifiedName(key)
        if !keyErrors.isEmpty {
            // Upstream validates the key here with no field path, which Go prints as "<nil>".
            throw SelectorParseError("<nil>: Invalid value: \"\(key)\": " + keyErrors.joined(separator: "; "))
        }
        let (after, _) = lookahead(.values)
        if after == .endOfString || after == .comma {
            inferred = inferred ?? .exists
        }
        if let inferred, inferred == .exists || inferred == .doesNotExist {
            return try LabelSelectorRequirement(key: key, operator: inferred, values: [])
        }
        let op = try parseOperator()
        let values: [String]
        switch op {
        case .in, .notIn: values = try parseValues()
        default: values = try parseExactValue()
        }
        return try LabelSelectorRequirement(key: key, operator: op, values: values)
    }

    private mutating func parseOperator() throws(SelectorParseError) -> LabelSelectorRequirement.Operator {
        let (token, literal) = consume(.keyAndOperator)
        switch token {
        case .in: return .in
        case .notIn: return .notIn
        case .equals: return .equals
        case .doubleEquals: return .doubleEquals
        case .notEquals: return .notEquals
        case .greaterThan: return .greaterThan
        case .lessThan: return .lessThan
        default: throw SelectorParseError("found '\(literal)', expected: in, notin, =, ==, !=, gt, lt")
        }
    }

    private mutating func parseValues() throws(SelectorParseError) -> [String] {
        let (open, openLiteral) = consume(.values)
        guard open == .openParen else { throw SelectorParseError("found '\(openLiteral)' expected: '('") }
        let (token, literal) = lookahead(.values)
        switch token {
        case .identifier, .comma:
            let values = try parseIdentifierList()
            // Upstream reports the token that followed '(' here, not the one found.
            if consume(.values).0 != .closeParen { throw SelectorParseError("found '\(literal)', expected: ')'") }
            return values
        case .closeParen:
            _ = consume(.values)
            return [""]
        default:
            throw SelectorParseError("found '\(literal)', expected: ',', ')' or identifier")
        }
    }

    /// Values between parentheses; empty entries (`(,a)`, `(a,,b)`) stand for the empty value.
    private mutating func parseIdentifierList() throws(SelectorParseError) -> [String] {
        var values = Set<String>()
        while true {
            let (token, literal) = consume(.values)
            switch token {
            case .identifier:
                values.insert(literal)
                let (next, nextLiteral) = lookahead(.values)
                switch next {
                case .comma: continue
                case .closeParen: return values.sorted()
                default: throw SelectorParseError("found '\(nextLiteral)', expected: ',' or ')'")
                }
            case .comma:
                if values.isEmpty { values.insert("") }
                let (next, _) = lookahead(.values)
                if next == .closeParen {
                    values.insert("")
                    return values.sorted()
                }
                if next == .comma {
                    _ = consume(.values)
                    values.insert("")
                }
            default:
                throw SelectorParseError("found '\(literal)', expected: ',', or identifier")
            }
        }
    }

    private mutating func parseExactValue() throws(SelectorParseError) -> [String] {
        let (next, _) = lookahead(.values)
        if next == .endOfString || next == .comma { return [""] }
        let (token, literal) = consume(.values)
        guard token == .identifier else { throw SelectorParseError("found '\(literal)', expected: identifier") }
        return [literal]
    }
}
