import Foundation
import KubeMachinery

/// A `metav1.Time` or `metav1.MicroTime` read from an object: RFC 3339 text such as
/// `2024-05-01T10:00:00Z` or `2024-05-01T10:00:00.123456Z`.
///
/// Parsed by hand rather than with a formatter: printers run once per row on every list and
/// watch event, and the format is fixed (always UTC `Z` from the API server, though offsets are
/// accepted).
public struct JSONTimestamp: Sendable, Hashable {
    public var date: Date

    public init(date: Date) { self.date = date }

    /// `nil` for a missing, null or malformed value (printers then show `<unknown>`).
    public init?(_ value: JSONValue?) {
        guard let text = value?.stringValue, let date = JSONTimestamp.parse(text) else { return nil }
        self.date = date
    }

    static func parse(_ text: String) -> Date? {
        let b = Array(text.utf8)
        func digits(_ from: Int, _ count: Int) -> Int? {
            guard from + count <= b.count else { return nil }
            var n = 0
            for i in from..<(from + count) {
                let c = b[i]
                guard c >= 48, c <= 57 else { return nil }
                n = n * 10 + Int(c - 48)
            }
            return n
        }
        func byte(_ i: Int, is c: Character) -> Bool { i < b.count && b[i] == c.asciiValue! }
        guard let year = digits(0, 4), byte(4, is: "-"), let month = digits(5, 2), byte(7, is: "-"),
              let day = digits(8, 2), byte(10, is: "T") || byte(10, is: "t") || byte(10, is: " "),
              let hour = digits(11, 2), byte(13, is: ":"), let minute = digits(14, 2), byte(16, is: ":"),
              let second = digits(17, 2),
              (1...12).contains(month), (1...31).contains(day), hour < 24, minute < 60, second < 61
        else { return nil }

        var i = 19
        var fraction = 0.0
        if byte(i, is: ".") {
            i += 1
            var scale = 0.1
            while i < b.count, b[i] >= 48, b[i] <= 57 {
                fraction += Double(b[i] - 48) * scale
                scale /= 10
                i += 1
            }
        }
        var offset = 0
        if byte(i, is: "Z") || byte(i, is: "z") {
            i += 1
        } else if byte(i, is: "+") || byte(i, is: "-") {
            guard let oh = digits(i + 1, 2), byte(i + 3, is: ":"), let om = digits(i + 4, 2) else { return nil }
            offset = (oh * 3600 + om * 60) * (byte(i, is: "-") ? -1 : 1)
            i += 6
        } else {
            return nil
        }
        guard i == b.count else { return nil }

        let days = daysFromCivil(year: year, month: month, day: day)
        let seconds = Double(days * 86_400 + hour * 3600 + minute * 60 + second - offset) + fraction
        return Date(timeIntervalSince1970: seconds)
    }

    /// Days since 1970-01-01 in the proleptic Gregorian calendar (Howard Hinnant's algorithm).
    private static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }
}
