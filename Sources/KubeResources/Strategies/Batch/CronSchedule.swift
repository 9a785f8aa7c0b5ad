import Foundation

/// A standard five-field cron schedule (minute, hour, day of month, month, day of week), with
/// the `@hourly`-style descriptors and `@every <duration>`, as CronJobs accept it.
///
/// Parse errors use the wording of the cron library upstream uses, since they reach users
/// verbatim in `spec.schedule: Invalid value: ...` messages.
public struct CronSchedule: Sendable, Hashable {
    public let minutes: Set<Int>
    public let hours: Set<Int>
    public let daysOfMonth: Set<Int>
    public let months: Set<Int>
    public let daysOfWeek: Set<Int>
    /// Whether day-of-month / day-of-week were `*` or `?` (cron ORs them only when both are restricted).
    public let daysOfMonthIsWildcard: Bool
    public let daysOfWeekIsWildcard: Bool
    /// For `@every`: a fixed interval in seconds instead of fields.
    public let interval: Int?

    public struct ParseError: Error, Sendable, Equatable, CustomStringConvertible {
        public let description: String
    }

    private struct Bounds { let min: Int; let max: Int; let names: [String: Int] }
    private static let minuteB = Bounds(min: 0, max: 59, names: [:])
    private static let hourB = Bounds(min: 0, max: 23, names: [:])
    private static let domB = Bounds(min: 1, max: 31, names: [:])
    private static let monthB = Bounds(min: 1, max: 12, names: [
        "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12,
    ])
    private static let dowB = Bounds(min: 0, max: 6, names: ["sun": 0, "mon": 1, "tue": 2, "wed": 3, "thu": 4, "fri": 5, "sat": 6])

    private static let descriptors = [
        "@yearly": "0 0 1 1 *", "@annually": "0 0 1 1 *", "@monthly": "0 0 1 * *", "@weekly": "0 0 * * 0",
        "@daily": "0 0 * * *", "@midnight": "0 0 * * *", "@hourly": "0 * * * *",
    ]

    public init(parsing text: String) throws(ParseError) {
        let spec = text.trimmingCharacters(in: .whitespaces)
        if spec.isEmpty { throw ParseError(description: "empty spec string") }
        if spec.hasPrefix("@every ") {
            guard let seconds = Self.parseDuration(String(spec.dropFirst(7))), seconds > 0 else {
                throw ParseError(description: "failed to parse duration \(spec): invalid duration")
            }
            self.init(m: [], h: [], dom: [], mon: [], dow: [], domAny: true, dowAny: true, interval: seconds)
            return
        }
        if spec.hasPrefix("@") {
            guard let expanded = Self.descriptors[spec.lowercased()] else {
                throw ParseError(description: "unrecognized descriptor: \(spec)")
            }
            try self.init(parsing: expanded)
            return
        }
        let fields = spec.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
        guard fields.count == 5 else {
            throw ParseError(description: "expected exactly 5 fields, found \(fields.count): [\(fields.joined(separator: " "))]")
        }
        self.init(m: try Self.field(fields[0], Self.minuteB), h: try Self.field(fields[1], Self.hourB),
                  dom: try Self.field(fields[2], Self.domB), mon: try Self.field(fields[3], Self.monthB),
                  dow: try Self.field(fields[4], Self.dowB),
                  domAny: fields[2] == "*" || fields[2] == "?", dowAny: fields[4] == "*" || fields[4] == "?", interval: nil)
    }

    private init(m: Set<Int>, h: Set<Int>, dom: Set<Int>, mon: Set<Int>, dow: Set<Int>, domAny: Bool, dowAny: Bool, interval: Int?) {
        minutes = m; hours = h; daysOfMonth = dom; months = mon; daysOfWeek = dow
        daysOfMonthIsWildcard = domAny; daysOfWeekIsWildcard = dowAny; self.interval = interval
    }

    private static func field(_ f: String, _ b: Bounds) throws(ParseError) -> Set<Int> {
        var out: Set<Int> = []
        for part in f.split(separator: ",", omittingEmptySubsequences: false) {
            out.formUnion(try range(String(part), b))
        }
        return out
    }

    private static func range(_ expr: String, _ b: Bounds) throws(ParseError) -> Set<Int> {
        let rangeAndStep = expr.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        let lowAndHigh = rangeAndStep[0].split(separator: "-", omittingEmptySubsequences: false).map(String.init)
        var start: Int, end: Int
        if lowAndHigh[0] == "*" || lowAndHigh[0] == "?" {
            start = b.min; end = b.max
        } else {
            start = try intOrName(lowAndHigh[0], b, expr)
            switch lowAndHigh.count {
            case 1: end = start
            case 2: end = try intOrName(lowAndHigh[1], b, expr)
            default: throw ParseError(description: "too many hyphens: \(expr)")
            }
        }
        var step = 1
        switch rangeAndStep.count {
        case 1: break
        case 2:
            step = try number(rangeAndStep[1], expr)
            // `N/step` means N through the maximum.
            if lowAndHigh.count == 1 && lowAndHigh[0] != "*" && lowAndHigh[0] != "?" { end = b.max }
        default: throw ParseError(description: "too many slashes: \(expr)")
        }
        if start < b.min { throw ParseError(description: "beginning of range (\(start)) below minimum (\(b.min)): \(expr)") }
        if end > b.max { throw ParseError(description: "end of range (\(end)) above maximum (\(b.max)): \(expr)") }
        if start > end { throw ParseError(description: "beginning of range (\(start)) beyond end of range (\(end)): \(expr)") }
        if step <= 0 { throw ParseError(description: "step of range should be a positive number: \(expr)") }
        return Set(stride(from: start, through: end, by: step))
    }

    private static func intOrName(_ s: String, _ b: Bounds, _ expr: String) throws(ParseError) -> Int {
        if let v = b.names[s.lowercased()] { return v }
        return try number(s, expr)
    }

    private static func number(_ s: String, _ expr: String) throws(ParseError) -> Int {
        guard let v = Int(s) else {
            throw ParseError(description: "failed to parse int from \(s): strconv.Atoi: parsing \"\(s)\": invalid syntax")
        }
        if v < 0 { throw ParseError(description: "negative number (\(v)) not allowed: \(s)") }
        return v
    }

    /// Go-style durations as `@every` takes them: `1h30m`, `90s`, `5m`.
    private static func parseDuration(_ s: String) -> Int? {
        var total = 0.0, digits = "", i = s.startIndex
        let units: [String: Double] = ["h": 3600, "m": 60, "s": 1, "ms": 0.001]
        guard !s.isEmpty else { return nil }
        while i < s.endIndex {
            let c = s[i]
            if c.isNumber || c == "." { digits.append(c); i = s.index(after: i); continue }
            var unit = String(c); i = s.index(after: i)
            if unit == "m", i < s.endIndex, s[i] == "s" { unit = "ms"; i = s.index(after: i) }
            guard let n = Double(digits), let mult = units[unit] else { return nil }
            total += n * mult; digits = ""
        }
        return digits.isEmpty ? Int(total) : nil
    }

    /// The first scheduled minute strictly after `date`, in `timeZone`; nil if none within ~5 years.
    public func next(after date: Date, in timeZone: TimeZone = TimeZone(identifier: "UTC")!) -> Date? {
        if let interval { return Date(timeIntervalSince1970: (date.timeIntervalSince1970 / Double(interval)).rounded(.down) * Double(interval) + Double(interval)) }
        var cal = Calendar(identifier: .gregorian)
        cal.timeZone = timeZone
        guard var t = cal.date(bySetting: .second, value: 0, of: date.addingTimeInterval(60)) else { return nil }
        if t <= date { t = t.addingTimeInterval(60) }
        let limit = date.addingTimeInterval(5 * 366 * 86400)
        while t < limit {
            let c = cal.dateComponents([.month, .day, .weekday, .hour, .minute], from: t)
            guard months.contains(c.month!) else {
                t = cal.date(byAdding: .month, value: 1, to: cal.date(from: cal.dateComponents([.year, .month], from: t))!)!
                continue
            }
            guard dayMatches(dom: c.day!, dow: c.weekday! - 1) else {
                t = cal.date(byAdding: .day, value: 1, to: cal.startOfDay(for: t))!
                continue
            }
            guard hours.contains(c.hour!) else {
                t = cal.date(byAdding: .hour, value: 1, to: cal.date(bySetting: .minute, value: 0, of: t) ?? t)!
                if cal.component(.minute, from: t) != 0 { t = cal.date(bySetting: .minute, value: 0, of: t) ?? t }
                continue
            }
            if minutes.contains(c.minute!) { return t }
            t = t.addingTimeInterval(60)
        }
        return nil
    }

    private func dayMatches(dom: Int, dow: Int) -> Bool {
        let d = daysOfMonth.contains(dom), w = daysOfWeek.contains(dow)
        if daysOfMonthIsWildcard || daysOfWeekIsWildcard { return d && w }
        return d || w
    }
}
