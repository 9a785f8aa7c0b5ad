/// A fixed-point amount of a resource, upstream's `resource.Quantity`: `100m` CPU, `2Gi` memory.
///
/// The value is `mantissa × 10^scale`, never finer than nano-units (parsing rounds anything
/// smaller up, away from zero, as upstream does: asking for a tiny amount still gets some).
/// `format` remembers how the amount was written so it prints back in the same family
/// (`Mi`/`Gi`, `k`/`M`, or `e3`).
///
/// Limitation: the mantissa is an `Int64`, so literals with more than 18 significant digits
/// lose their trailing digits (rounded up); upstream keeps them exactly with arbitrary precision.
public struct Quantity: Sendable, Hashable, Comparable, CustomStringConvertible {
    public enum Format: String, Sendable, Hashable {
        /// Powers of 1024: `Ki`, `Mi`, `Gi`, `Ti`, `Pi`, `Ei`.
        case binarySI = "BinarySI"
        /// Powers of 1000: `n`, `u`, `m`, `k`, `M`, `G`, `T`, `P`, `E`.
        case decimalSI = "DecimalSI"
        /// `e<n>` / `E<n>`.
        case decimalExponent = "DecimalExponent"
    }

    public internal(set) var mantissa: Int64
    public internal(set) var scale: Int32
    public var format: Format
    /// The text this was parsed from, when upstream would print that text back unchanged.
    var original: String?

    public init(mantissa: Int64, scale: Int32, format: Format) {
        self.mantissa = mantissa
        self.scale = scale
        self.format = format
        self.original = nil
    }

    /// A whole number of units, e.g. `Quantity(3)` CPUs or `Quantity(1 << 30, format: .binarySI)` bytes.
    public init(_ value: Int64, format: Format = .decimalSI) {
        self.init(mantissa: value, scale: 0, format: format)
    }

    /// Thousandths of a unit, e.g. `Quantity(milli: 250)` is `250m`.
    public init(milli: Int64, format: Format = .decimalSI) {
        self.init(mantissa: milli, scale: -3, format: format)
    }

    public static let zero = Quantity(0)

    public var isZero: Bool { mantissa == 0 }
    /// -1, 0 or 1.
    public var sign: Int { mantissa == 0 ? 0 : (mantissa < 0 ? -1 : 1) }

    /// The amount in whole units, rounded up away from zero (upstream's `Value()`).
    public var value: Int64 { scaledValue(0) }

    /// The amount in thousandths, rounded up away from zero (upstream's `MilliValue()`).
    public var milliValue: Int64 { scaledValue(-3) }

    /// The amount in units of `10^scale`, rounded up away from zero; saturates at the Int64 bounds.
    public func scaledValue(_ target: Int32) -> Int64 {
        let magnitude = mantissa.magnitude
        let negative = mantissa < 0
        if scale >= target {
            guard let m = Quantity.multiplyByPowerOfTen(magnitude, Int(scale - target)), m <= UInt64(Int64.max) else {
                return negative ? -Int64.max : Int64.max
            }
            return negative ? -Int64(m) : Int64(m)
        }
        let m = Quantity.divideByPowerOfTenRoundingUp(magnitude, Int(target - scale))
        return negative ? -Int64(m) : Int64(m)
    }

    /// The amount as a Double, for ratios and display (lossy).
    public var doubleValue: Double {
        Double(mantissa) * pow10(Int(scale))
    }

    /// The form stored and printed: the original text when upstream keeps it, else the
    /// canonical form (`1000m` → `1`, `1024Mi` → `1Gi`, `0.5` → `500m`).
    public var description: String { original ?? canonicalString }

    /// The JSON form of a quantity is its string.
    public var json: JSONValue { .string(description) }

    // MARK: Hashable: equal amounts are equal whatever their spelling or format.

    public static func == (a: Quantity, b: Quantity) -> Bool { compare(a, b) == 0 }
    public static func < (a: Quantity, b: Quantity) -> Bool { compare(a, b) < 0 }

    public func hash(into hasher: inout Hasher) {
        let (m, s) = normalized
        hasher.combine(m)
        hasher.combine(s)
    }

    /// Mantissa without trailing decimal zeros, so each amount has one representation.
    var normalized: (Int64, Int32) {
        if mantissa == 0 { return (0, 0) }
        var m = mantissa, s = scale
        while m % 10 == 0 { m /= 10; s += 1 }
        return (m, s)
    }

    // MARK: Power-of-ten helpers on magnitudes

    static func multiplyByPowerOfTen(_ value: UInt64, _ power: Int) -> UInt64? {
        var v = value
        for _ in 0..<power {
            if v == 0 { return 0 }
            let (r, overflow) = v.multipliedReportingOverflow(by: 10)
            if overflow { return nil }
            v = r
        }
        return v
    }

    static func divideByPowerOfTenRoundingUp(_ value: UInt64, _ power: Int) -> UInt64 {
        var v = value
        var remainder = false
        for _ in 0..<power {
            if v == 0 { break }
            if v % 10 != 0 { remainder = true }
            v /= 10
        }
        return remainder ? v + 1 : v
    }

    private func pow10(_ n: Int) -> Double {
        var r = 1.0
        for _ in 0..<abs(n) { r *= 10 }
        return n < 0 ? 1 / r : r
    }
}
