extension Quantity {
    /// -1, 0 or 1 as `a` is less than, equal to or greater than `b`.
    public static func compare(_ a: Quantity, _ b: Quantity) -> Int {
        if a.sign != b.sign { return a.sign < b.sign ? -1 : 1 }
        if a.sign == 0 { return 0 }
        let c = compareMagnitudes(a.mantissa.magnitude, a.scale, b.mantissa.magnitude, b.scale)
        return a.sign > 0 ? c : -c
    }

    /// Compares `m1×10^s1` with `m2×10^s2` (both non-zero) without overflow: by order of
    /// magnitude first; equal orders align into 19 digits at most, which fit a UInt64.
    static func compareMagnitudes(_ m1: UInt64, _ s1: Int32, _ m2: UInt64, _ s2: Int32) -> Int {
        let o1 = Int(s1) + String(m1).count, o2 = Int(s2) + String(m2).count
        if o1 != o2 { return o1 < o2 ? -1 : 1 }
        var a = m1, b = m2
        if s1 > s2 { a = multiplyByPowerOfTen(m1, Int(s1 - s2))! } else if s2 > s1 { b = multiplyByPowerOfTen(m2, Int(s2 - s1))! }
        return a == b ? 0 : (a < b ? -1 : 1)
    }

    /// The sum, in `a`'s format (or `b`'s when `a` is zero), as upstream's `Add`. Sums that
    /// need more than Int64 precision keep the coarser operand's precision, rounded up.
    public static func + (a: Quantity, b: Quantity) -> Quantity {
        let format = a.isZero ? b.format : a.format
        if a.isZero { return Quantity(mantissa: b.mantissa, scale: b.scale, format: format) }
        if b.isZero { return Quantity(mantissa: a.mantissa, scale: a.scale, format: format) }
        var target = min(a.scale, b.scale)
        while true {
            if let x = a.mantissa(at: target), let y = b.mantissa(at: target) {
                let (sum, overflow) = x.addingReportingOverflow(y)
                if !overflow { return Quantity(mantissa: sum, scale: target, format: format) }
            }
            target += 1
        }
    }

    public static func - (a: Quantity, b: Quantity) -> Quantity { a + (-b) }

    public static prefix func - (q: Quantity) -> Quantity {
        Quantity(mantissa: -q.mantissa, scale: q.scale, format: q.format)
    }

    public static func += (a: inout Quantity, b: Quantity) { a = a + b }
    public static func -= (a: inout Quantity, b: Quantity) { a = a - b }

    /// The mantissa at another scale: exact when finer, rounded up away from zero when
    /// coarser; nil when it does not fit.
    func mantissa(at target: Int32) -> Int64? {
        let negative = mantissa < 0
        let m: UInt64
        if target <= scale {
            guard let r = Quantity.multiplyByPowerOfTen(mantissa.magnitude, Int(scale - target)) else { return nil }
            m = r
        } else {
            m = Quantity.divideByPowerOfTenRoundingUp(mantissa.magnitude, Int(target - scale))
        }
        guard m <= UInt64(Int64.max) else { return nil }
        return negative ? -Int64(m) : Int64(m)
    }
}
