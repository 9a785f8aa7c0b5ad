/// Writes `JSONValue`s as the bytes Go's encoding/json would produce for the same map-based
/// value, so that Bosun's responses match kube-apiserver's byte for byte.
///
/// - Object keys are sorted byte-wise, as Go sorts map keys.
/// - Strings keep valid UTF-8 as is, and escape what Go's default encoder escapes: `"`, `\`,
///   control characters (`\n`, `\r`, `\t`, `\b`, `\f`, otherwise `\u00XX`), the HTML-sensitive
///   `<`, `>`, `&` (`\u003c`, `\u003e`, `\u0026`) and U+2028/U+2029. kube-apiserver encodes with
///   `json.Encoder`, whose HTML escaping is on, so `kubectl -o json` shows `\u003cnone\u003e`.
/// - Numbers: integers exact; doubles with the fewest digits that round-trip, in plain notation
///   for 1e-6 <= |x| < 1e21 and exponent notation otherwise (`1e+21`, `1.2e-7`), like Go.
///   NaN and infinities, which JSON cannot carry, are written as `null`.
///
/// Nesting is walked with an explicit stack, so arbitrarily deep values cannot overflow
/// the thread stack.
struct JSONSerializer {
    var out: [UInt8]
    /// Spaces per level; 0 means compact output.
    let indent: Int

    init(into out: [UInt8], indent: Int) {
        self.out = out
        self.indent = indent
    }

    /// An open container and how many of its members have been written. Exactly one of
    /// `elements` (an array) or `members` (an object, sorted) is in use.
    private struct Frame {
        var elements: [JSONValue] = []
        var members: [(key: String, value: JSONValue)] = []
        var isObject: Bool
        var next = 0
    }

    mutating func write(_ root: JSONValue) {
        var stack: [Frame] = []
        var value = root
        while true {
            switch value {
            case .null: append("null")
            case .bool(let b): append(b ? "true" : "false")
            case .int(let i): Self.appendInt(i, to: &out)
            case .double(let d): Self.appendDouble(d, to: &out)
            case .string(let s): Self.appendString(s, to: &out)
            case .array(let a):
                if a.isEmpty {
                    append("[]")
                } else {
                    out.append(UInt8(ascii: "["))
                    stack.append(Frame(elements: a, isObject: false))
                }
            case .object(let o):
                if o.isEmpty {
                    append("{}")
                } else {
                    out.append(UInt8(ascii: "{"))
                    stack.append(Frame(members: o.sorted { Self.precedes($0.key, $1.key) }, isObject: true))
                }
            }

            // Find the next member to write, closing the containers that are finished.
            while true {
                guard !stack.isEmpty else { return }
                let top = stack.count - 1
                let next = stack[top].next
                if stack[top].isObject {
                    if next < stack[top].members.count {
                        if next > 0 { out.append(UInt8(ascii: ",")) }
                        newline(depth: stack.count)
                        Self.appendString(stack[top].members[next].key, to: &out)
                        out.append(UInt8(ascii: ":"))
                        if indent > 0 { out.append(UInt8(ascii: " ")) }
                        value = stack[top].members[next].value
                        stack[top].next = next + 1
                        break
                    }
                    stack.removeLast()
                    newline(depth: stack.count)
                    out.append(UInt8(ascii: "}"))
                } else {
                    if next < stack[top].elements.count {
                        if next > 0 { out.append(UInt8(ascii: ",")) }
                        newline(depth: stack.count)
                        value = stack[top].elements[next]
                        stack[top].next = next + 1
                        break
                    }
                    stack.removeLast()
                    newline(depth: stack.count)
                    out.append(UInt8(ascii: "]"))
                }
            }
        }
    }

    @inline(__always)
    private mutating func append(_ s: StaticString) {
        out.append(contentsOf: UnsafeBufferPointer(start: s.utf8Start, count: s.utf8CodeUnitCount))
    }

    /// A run of spaces to copy indentation from, grown as nesting deepens.
    private var spaces: [UInt8] = []

    @inline(__always)
    private mutating func newline(depth: Int) {
        guard indent > 0 else { return }
        out.append(0x0A)
        let width = depth * indent
        if spaces.count < width { spaces = Array(repeating: UInt8(ascii: " "), count: max(width, 2 * spaces.count, 64)) }
        spaces.withUnsafeBufferPointer { out.append(contentsOf: UnsafeBufferPointer(rebasing: $0[..<width])) }
    }

    /// Byte-wise UTF-8 order, which is Go's string order. (Swift's `<` compares canonical
    /// equivalence, which differs for non-normalized text.)
    static func precedes(_ a: String, _ b: String) -> Bool {
        let fast = a.utf8.withContiguousStorageIfAvailable { pa in
            b.utf8.withContiguousStorageIfAvailable { pb -> Bool in
                let n = min(pa.count, pb.count)
                if n > 0 {
                    let r = memcmpBytes(pa.baseAddress!, pb.baseAddress!, n)
                    if r != 0 { return r < 0 }
                }
                return pa.count < pb.count
            }
        }
        if let result = fast ?? nil { return result }
        return a.utf8.lexicographicallyPrecedes(b.utf8)
    }

    private static func memcmpBytes(_ a: UnsafePointer<UInt8>, _ b: UnsafePointer<UInt8>, _ n: Int) -> Int {
        for i in 0..<n where a[i] != b[i] {
            return a[i] < b[i] ? -1 : 1
        }
        return 0
    }

    // MARK: - Scalars

    static func appendInt(_ value: Int64, to out: inout [UInt8]) {
        if value < 0 { out.append(UInt8(ascii: "-")) }
        var magnitude = value.magnitude
        if magnitude < 10 {
            out.append(UInt8(ascii: "0") + UInt8(magnitude))
            return
        }
        let start = out.count
        while magnitude > 0 {
            out.append(UInt8(ascii: "0") + UInt8(magnitude % 10))
            magnitude /= 10
        }
        out[start...].reverse()
    }

    static func appendDouble(_ value: Double, to out: inout [UInt8]) {
        guard value.isFinite else {
            out.append(contentsOf: "null".utf8)
            return
        }
        let magnitude = value.magnitude
        if magnitude < 9_007_199_254_740_992, Double(Int64(value)) == value {
            // Integral and exact in Int64: Go prints these as plain integers (100, not 100.0).
            if value == 0 && value.sign == .minus { out.append(UInt8(ascii: "-")) }
            appendInt(Int64(value), to: &out)
            return
        }
        // Swift's description holds the shortest round-tripping digits; only the layout differs
        // from Go's, so take the digits and the decimal point position from it.
        var digits: [UInt8] = []
        digits.reserveCapacity(24)
        var pointPosition = 0  // value = 0.d1d2...dn × 10^pointPosition
        var sawPoint = false
        var exponent = 0
        var exponentNegative = false
        var inExponent = false
        for c in magnitude.description.utf8 {
            if inExponent {
                if c == UInt8(ascii: "-") { exponentNegative = true } else if c != UInt8(ascii: "+") {
                    exponent = exponent * 10 + Int(c - UInt8(ascii: "0"))
                }
            } else if c == UInt8(ascii: ".") {
                sawPoint = true
            } else if c == UInt8(ascii: "e") || c == UInt8(ascii: "E") {
                inExponent = true
            } else {
                if digits.isEmpty && c == UInt8(ascii: "0") {
                    // A leading zero moves the point left only once past it.
                    if sawPoint { pointPosition -= 1 }
                    continue
                }
                digits.append(c)
                if !sawPoint { pointPosition += 1 }
            }
        }
        pointPosition += exponentNegative ? -exponent : exponent
        while digits.count > 1, digits.last == UInt8(ascii: "0") { digits.removeLast() }

        if value < 0 { out.append(UInt8(ascii: "-")) }
        if magnitude < 1e-6 || magnitude >= 1e21 {
            out.append(digits[0])
            if digits.count > 1 {
                out.append(UInt8(ascii: "."))
                out.append(contentsOf: digits[1...])
            }
            let e = pointPosition - 1
            out.append(UInt8(ascii: "e"))
            if e < 0 {
                // Go trims strconv's two-digit "e-07" to "e-7".
                out.append(UInt8(ascii: "-"))
                appendInt(Int64(-e), to: &out)
            } else {
                out.append(UInt8(ascii: "+"))
                if e < 10 { out.append(UInt8(ascii: "0")) }
                appendInt(Int64(e), to: &out)
            }
        } else if pointPosition <= 0 {
            out.append(contentsOf: "0.".utf8)
            out.append(contentsOf: repeatElement(UInt8(ascii: "0"), count: -pointPosition))
            out.append(contentsOf: digits)
        } else if pointPosition >= digits.count {
            out.append(contentsOf: digits)
            out.append(contentsOf: repeatElement(UInt8(ascii: "0"), count: pointPosition - digits.count))
        } else {
            out.append(contentsOf: digits[..<pointPosition])
            out.append(UInt8(ascii: "."))
            out.append(contentsOf: digits[pointPosition...])
        }
    }

    /// Bytes that cannot be copied through unchanged: control characters, `"`, `\`, `<`, `>`,
    /// `&`, and 0xE2, the lead byte of U+2028/U+2029 (checked further when seen).
    private static let needsEscape: [Bool] = (0..<256).map { b in
        b < 0x20 || b == 0x22 || b == 0x5C || b == 0x3C || b == 0x3E || b == 0x26 || b == 0xE2
    }

    static func appendString(_ string: String, to out: inout [UInt8]) {
        var string = string
        string.withUTF8 { bytes in
            out.append(UInt8(ascii: "\""))
            needsEscape.withUnsafeBufferPointer { table in
                var runStart = 0
                var i = 0
                while i < bytes.count {
                    let b = bytes[i]
                    guard table[Int(b)] else {
                        i += 1
                        continue
                    }
                    if b == 0xE2 {
                        // U+2028 is E2 80 A8, U+2029 is E2 80 A9; other E2 sequences pass through.
                        guard i + 2 < bytes.count, bytes[i + 1] == 0x80, bytes[i + 2] & 0xFE == 0xA8 else {
                            i += 1
                            continue
                        }
                    }
                    out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<i]))
                    switch b {
                    case UInt8(ascii: "\""): out.append(contentsOf: [0x5C, 0x22])
                    case UInt8(ascii: "\\"): out.append(contentsOf: [0x5C, 0x5C])
                    case 0x0A: out.append(contentsOf: [0x5C, UInt8(ascii: "n")])
                    case 0x0D: out.append(contentsOf: [0x5C, UInt8(ascii: "r")])
                    case 0x09: out.append(contentsOf: [0x5C, UInt8(ascii: "t")])
                    case 0x08: out.append(contentsOf: [0x5C, UInt8(ascii: "b")])
                    case 0x0C: out.append(contentsOf: [0x5C, UInt8(ascii: "f")])
                    case 0xE2:
                        out.append(contentsOf: "\\u202".utf8)
                        out.append(bytes[i + 2] == 0xA8 ? UInt8(ascii: "8") : UInt8(ascii: "9"))
                        i += 2
                    default:
                        let hex: StaticString = "0123456789abcdef"
                        out.append(contentsOf: "\\u00".utf8)
                        out.append(hex.utf8Start[Int(b >> 4)])
                        out.append(hex.utf8Start[Int(b & 0xF)])
                    }
                    i += 1
                    runStart = i
                }
                out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<bytes.count]))
            }
            out.append(UInt8(ascii: "\""))
        }
    }
}
