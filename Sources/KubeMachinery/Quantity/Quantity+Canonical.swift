extension Quantity {
    /// Upstream's canonical spelling: the largest suffix of the quantity's format family that
    /// keeps the number whole. Binary amounts that are below 1024 or fractional print in
    /// decimal SI instead, so nothing is rounded for the sake of a binary suffix.
    public var canonicalString: String {
        if mantissa == 0 { return "0" }
        var format = self.format
        if format == .binarySI {
            let limit = Quantity(1024)
            if self > -limit && self < limit {
                format = .decimalSI
            } else if let whole = wholeValue {
                var n = whole, times = 0
                while n.magnitude >= 1024 && n % 1024 == 0 && times < 6 {
                    n /= 1024
                    times += 1
                }
                return String(n) + ["", "Ki", "Mi", "Gi", "Ti", "Pi", "Ei"][times]
            } else {
                format = .decimalSI
            }
        }
        // Move factors of ten into the exponent, then back out until it is a multiple of
        // three; zeros are appended as text so no precision or range is lost.
        var m = mantissa.magnitude
        var exponent = Int(scale)
        while m % 10 == 0 { m /= 10; exponent += 1 }
        var digits = String(m)
        let rem = ((exponent % 3) + 3) % 3
        if rem != 0 {
            digits += String(repeating: "0", count: rem)
            exponent -= rem
        }
        let sign = mantissa < 0 ? "-" : ""
        if format == .decimalExponent {
            return sign + digits + (exponent == 0 ? "" : "e\(exponent)")
        }
        if exponent > 18 {
            digits += String(repeating: "0", count: exponent - 18)
            exponent = 18
        }
        let suffix: String
        switch exponent {
        case -9: suffix = "n"
        case -6: suffix = "u"
        case -3: suffix = "m"
        case 0: suffix = ""
        case 3: suffix = "k"
        case 6: suffix = "M"
        case 9: suffix = "G"
        case 12: suffix = "T"
        case 15: suffix = "P"
        default: suffix = "E"
        }
        return sign + digits + suffix
    }

    /// The exact whole value when there is one that fits in Int64.
    var wholeValue: Int64? {
        if scale >= 0 {
            guard let m = Quantity.multiplyByPowerOfTen(mantissa.magnitude, Int(scale)), m <= UInt64(Int64.max) else { return nil }
            return mantissa < 0 ? -Int64(m) : Int64(m)
        }
        var m = mantissa
        for _ in 0..<Int(-scale) {
            guard m % 10 == 0 else { return nil }
            m /= 10
        }
        return m
    }
}
