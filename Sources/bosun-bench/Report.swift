import Foundation
import Synchronization

/// One reported figure, printed beside the baseline it should be judged against (measured in
/// the same run) and, where the project set one, its target.
struct Figure: Sendable {
    var section: String
    var measurement: String
    var concurrency: String
    var value: String
    var baseline: String
    var ratio: String
    var target: String
    /// "meets", "MISSES", or empty when there is no target.
    var verdict: String
}

/// A target a figure is checked against. Timings are never asserted: a miss is reported, and
/// the run still succeeds.
enum Target: Sendable {
    case atMost(Double, String)
    case atLeast(Double, String)
    case none

    var text: String {
        switch self {
        case .atMost(_, let label): return "< \(label)"
        case .atLeast(_, let label): return ">= \(label)"
        case .none: return ""
        }
    }

    func verdict(_ value: Double) -> String {
        switch self {
        case .atMost(let limit, _): return value < limit ? "meets" : "MISSES"
        case .atLeast(let limit, _): return value >= limit ? "meets" : "MISSES"
        case .none: return ""
        }
    }
}

/// Collects figures as the suites run and prints them as one Markdown table at the end (each
/// suite also prints its rows as it finishes, so a long run shows progress).
final class Report: Sendable {
    private let figures = Mutex<[Figure]>([])
    private let notes = Mutex<[String]>([])

    func add(_ figure: Figure) {
        figures.withLock { $0.append(figure) }
        print("  \(figure.section) | \(figure.measurement) | c=\(figure.concurrency) | \(figure.value) | baseline \(figure.baseline) \(figure.ratio) \(figure.target) \(figure.verdict)")
        fflush(nil)
    }

    func add(section: String, _ measurement: String, concurrency: Int? = nil, value: String,
             baseline: String = "-", ratio: String = "", target: Target = .none, checked: Double? = nil) {
        add(Figure(section: section, measurement: measurement,
                   concurrency: concurrency.map(String.init) ?? "-", value: value, baseline: baseline,
                   ratio: ratio, target: target.text, verdict: checked.map { target.verdict($0) } ?? ""))
    }

    /// A remark printed under the table: a failure count, an anomaly, a skipped suite.
    func note(_ text: String) {
        notes.withLock { $0.append(text) }
        print("  note: \(text)")
        fflush(nil)
    }

    func render() -> String {
        let rows = figures.withLock { $0 }
        let header = ["Section", "Measurement", "Conc.", "Value", "Baseline (same run)", "Ratio", "Target", "Verdict"]
        var table = [header]
        for f in rows {
            table.append([f.section, f.measurement, f.concurrency, f.value, f.baseline, f.ratio, f.target, f.verdict])
        }
        var widths = Array(repeating: 0, count: header.count)
        for row in table { for (i, cell) in row.enumerated() { widths[i] = max(widths[i], cell.count) } }
        func line(_ row: [String]) -> String {
            "| " + row.enumerated().map { i, c in c.padding(toLength: widths[i], withPad: " ", startingAt: 0) }.joined(separator: " | ") + " |"
        }
        var out = line(table[0]) + "\n"
        out += "|" + widths.map { String(repeating: "-", count: $0 + 2) }.joined(separator: "|") + "|\n"
        for row in table.dropFirst() { out += line(row) + "\n" }
        let remarks = notes.withLock { $0 }
        if !remarks.isEmpty {
            out += "\nNotes:\n" + remarks.map { "- \($0)" }.joined(separator: "\n") + "\n"
        }
        return out
    }
}

/// Number formatting shared by the suites.
enum Format {
    static func rate(_ perSecond: Double, unit: String = "ops") -> String {
        "\(grouped(perSecond)) \(unit)/s"
    }

    static func grouped(_ value: Double) -> String {
        let n = Int(value.rounded())
        let digits = String(abs(n))
        var out = ""
        for (i, ch) in digits.reversed().enumerated() {
            if i > 0 && i % 3 == 0 { out.append(",") }
            out.append(ch)
        }
        return (n < 0 ? "-" : "") + String(out.reversed())
    }

    static func ms(_ seconds: Double) -> String {
        let m = seconds * 1000
        if m >= 100 { return String(format: "%.0f ms", m) }
        if m >= 10 { return String(format: "%.1f ms", m) }
        return String(format: "%.2f ms", m)
    }

    static func percent(_ ratio: Double) -> String {
        String(format: "%.0f%%", ratio * 100)
    }

    static func latency(_ l: LatencySummary) -> String {
        "p50 \(ms(l.p50)) / p99 \(ms(l.p99))"
    }

    static func mb(_ bytes: Double) -> String {
        String(format: "%.1f MB", bytes / 1_048_576)
    }
}
