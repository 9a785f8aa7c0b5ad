import Foundation
import KubeMachinery

/// Just enough of `resource.Quantity` to compare requests with limits and compute QoS:
/// parse the canonical forms (`100m`, `1.5Gi`, `2e3`, plain integers) into an exact decimal.
struct ResourceQuantity: Comparable, Sendable {
    let value: Decimal

    static let zero = ResourceQuantity(value: 0)

    static func < (a: ResourceQuantity, b: ResourceQuantity) -> Bool { a.value < b.value }

    init(value: Decimal) { self.value = value }

    /// nil when the text is not a quantity (upstream rejects it while decoding).
    init?(_ json: JSONValue) {
        switch json {
        case .int(let i): self.value = Decimal(i)
        case .double(let d): self.value = Decimal(d)
        case .string(let s): guard let v = ResourceQuantity.parse(s) else { return nil }; self.value = v
        default: return nil
        }
    }

    private static let binary: [String: Int] = ["Ki": 10, "Mi": 20, "Gi": 30, "Ti": 40, "Pi": 50, "Ei": 60]
    private static let decimal: [String: Int] = ["n": -9, "u": -6, "m": -3, "": 0, "k": 3, "M": 6, "G": 9, "T": 12, "P": 15, "E": 18]

    static func parse(_ text: String) -> Decimal? {
        var s = Substring(text)
        var negative = false
        if s.first == "+" || s.first == "-" { negative = s.first == "-"; s = s.dropFirst() }
        let numberEnd = s.firstIndex { !($0.isASCII && ($0.isNumber || $0 == ".")) } ?? s.endIndex
        let digits = s[..<numberEnd]
        let suffix = String(s[numberEnd...])
        guard !digits.isEmpty, digits.filter({ $0 == "." }).count <= 1, digits != ".",
              var number = Decimal(string: String(digits), locale: Locale(identifier: "en_US_POSIX")) else { return nil }
        if let p = binary[suffix] {
            var m = Decimal(1)
            for _ in 0..<(p / 10) { m *= 1024 }
            number *= m
        } else if let e = decimal[suffix] {
            number *= pow(Decimal(10), e)
        } else if let first = suffix.first, first == "e" || first == "E", let e = Int(suffix.dropFirst()) {
            number *= pow(Decimal(10), e)
        } else {
            return nil
        }
        return negative ? -number : number
    }

    private static func pow(_ base: Decimal, _ e: Int) -> Decimal {
        var r = Decimal(1)
        for _ in 0..<abs(e) { r *= base }
        return e < 0 ? 1 / r : r
    }

    static func + (a: ResourceQuantity, b: ResourceQuantity) -> ResourceQuantity { ResourceQuantity(value: a.value + b.value) }
}
