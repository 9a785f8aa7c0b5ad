/// Upstream's `intstr.IntOrString`: fields such as `maxSurge`, `maxUnavailable`, `targetPort`
/// take either a number or a string (a percentage, or a port name).
public enum IntOrString: Sendable, Hashable, CustomStringConvertible {
    case int(Int32)
    case string(String)

    /// Reads the JSON form; nil for anything but an integer or a string.
    public init?(json: JSONValue?) {
        switch json {
        case .string(let s)?: self = .string(s)
        case let v? where v.intValue != nil:
            guard let i = Int32(exactly: v.intValue!) else { return nil }
            self = .int(i)
        default: return nil
        }
    }

    public var json: JSONValue {
        switch self {
        case .int(let i): return .int(Int64(i))
        case .string(let s): return .string(s)
        }
    }

    public var description: String {
        switch self {
        case .int(let i): return String(i)
        case .string(let s): return s
        }
    }

    /// The absolute amount this stands for out of `total`: an integer as is, a percentage of
    /// `total` rounded up or down (upstream's `GetScaledValueFromIntOrPercent`).
    public func scaledValue(total: Int, roundUp: Bool) throws(IntOrStringError) -> Int {
        switch self {
        case .int(let i):
            return Int(i)
        case .string(let s):
            guard s.hasSuffix("%") else {
                throw IntOrStringError("invalid value for IntOrString: invalid type: string is not a percentage")
            }
            let digits = String(s.dropLast())
            let percent: Int
            switch goAtoi(digits) {
            case .success(let v): percent = v
            case .failure(let why):
                throw IntOrStringError("invalid value for IntOrString: invalid value \"\(s)\": strconv.Atoi: parsing \"\(digits)\": \(why.goText)")
            }
            let exact = Double(percent) * Double(total) / 100
            return Int(roundUp ? exact.rounded(.up) : exact.rounded(.down))
        }
    }

    /// Upstream's `ValidatePositiveIntOrPercent`: a non-negative integer, or a percentage string.
    public static func validatePositiveIntOrPercent(_ json: JSONValue?, path: String) -> [FieldError] {
        switch IntOrString(json: json) {
        case .string(let s)?:
            return NameValidation.isValidPercent(s).map { .invalid(path, .string(s), $0) }
        case .int(let i)?:
            return MetadataValidation.validateNonnegative(Int64(i), path: path)
        case nil:
            return [.invalid(path, json ?? .null, "must be an integer or percentage (e.g '5%')")]
        }
    }
}

/// An IntOrString that cannot be scaled, with upstream's message.
public struct IntOrStringError: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

/// Go's `strconv.Atoi` outcome for `s`: the value, or the reason upstream's message gives.
private func goAtoi(_ s: String) -> Result<Int, AtoiFailure> {
    var body = Substring(s)
    if body.first == "+" || body.first == "-" { body = body.dropFirst() }
    guard !body.isEmpty, body.utf8.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }) else {
        return .failure(.syntax)
    }
    guard let v = Int(s) else { return .failure(.range) }
    return .success(v)
}

private enum AtoiFailure: Error {
    case syntax, range
    var goText: String { self == .syntax ? "invalid syntax" : "value out of range" }
}
