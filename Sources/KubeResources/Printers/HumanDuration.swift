import Foundation

/// The short, human duration strings kubectl shows in AGE-like columns: `5s`, `2m30s`, `10m`,
/// `3h10m`, `5d`, `2y45d`.
///
/// Precision falls as durations grow, so that a column of ages stays narrow and scannable:
/// seconds up to two minutes, minutes and seconds up to ten minutes, minutes up to three hours,
/// hours and minutes up to eight hours, hours up to two days, days and hours up to eight days,
/// days up to two years, years and days up to eight years, then years alone.
public enum HumanDuration {
    /// Formats a duration in seconds. A duration slightly negative (under two seconds, clock skew
    /// between machines) reads as `0s`; anything more negative is `<invalid>`.
    public static func format(_ interval: TimeInterval) -> String {
        // Truncate toward zero, as integer conversion of the duration does upstream.
        let seconds = Int64(interval.rounded(.towardZero))
        if seconds < -1 { return "<invalid>" }
        if seconds < 0 { return "0s" }
        if seconds < 120 { return "\(seconds)s" }

        let minutes = seconds / 60
        if minutes < 10 {
            let s = seconds % 60
            return s == 0 ? "\(minutes)m" : "\(minutes)m\(s)s"
        }
        if minutes < 3 * 60 { return "\(minutes)m" }

        let hours = seconds / 3600
        if hours < 8 {
            let m = minutes % 60
            return m == 0 ? "\(hours)h" : "\(hours)h\(m)m"
        }
        if hours < 48 { return "\(hours)h" }
        if hours < 24 * 8 {
            let h = hours % 24
            return h == 0 ? "\(hours / 24)d" : "\(hours / 24)d\(h)h"
        }
        if hours < 24 * 365 * 2 { return "\(hours / 24)d" }
        if hours < 24 * 365 * 8 {
            let days = (hours / 24) % 365
            return days == 0 ? "\(hours / 24 / 365)y" : "\(hours / 24 / 365)y\(days)d"
        }
        return "\(hours / 24 / 365)y"
    }

    /// The age of a timestamp at `now`, or `<unknown>` when the timestamp is missing or unreadable
    /// (upstream prints `<unknown>` for a zero time).
    public static func since(_ timestamp: JSONTimestamp?, now: Date) -> String {
        guard let date = timestamp?.date else { return "<unknown>" }
        return format(now.timeIntervalSince(date))
    }
}
