import Synchronization

/// Request, watch and store metrics in Prometheus text format.
///
/// A small self-contained registry: a few counters and histograms keyed by label values,
/// updated under one lock (increments are cheap next to a request's cost).
public final class APIMetrics: Sendable {
    static let buckets: [Double] = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60]

    struct Histogram {
        var counts = [UInt64](repeating: 0, count: APIMetrics.buckets.count)
        var sum: Double = 0
        var count: UInt64 = 0
        mutating func observe(_ v: Double) {
            for (i, b) in APIMetrics.buckets.enumerated() where v <= b { counts[i] += 1 }
            sum += v
            count += 1
        }
    }

    struct State {
        var requests: [String: UInt64] = [:]          // verb|resource|code
        var requestLatency: [String: Histogram] = [:]  // verb|resource
        var storeLatency: [String: Histogram] = [:]    // operation
        var watchersStarted: [String: UInt64] = [:]    // resource
    }

    private let state = Mutex(State())
    /// Live watch counts, read from the caches at scrape time.
    private let watcherGauge: Mutex<(@Sendable () -> [(String, Int)])?> = Mutex(nil)

    public init() {}

    public func setWatcherGauge(_ f: @escaping @Sendable () -> [(String, Int)]) { watcherGauge.withLock { $0 = f } }

    public func observeRequest(verb: String, resource: String, code: Int, seconds: Double) {
        state.withLock { s in
            s.requests["\(verb)|\(resource)|\(code)", default: 0] += 1
            s.requestLatency["\(verb)|\(resource)", default: Histogram()].observe(seconds)
        }
    }

    /// Requests so far by `verb resource` (codes summed), for benchmarks that count API calls.
    public func requestCounts() -> [String: UInt64] {
        state.withLock { s in
            var out: [String: UInt64] = [:]
            for (k, v) in s.requests {
                let p = k.split(separator: "|", omittingEmptySubsequences: false)
                out["\(p[0]) \(p[1])", default: 0] += v
            }
            return out
        }
    }

    public func observeStore(operation: String, seconds: Double) {
        state.withLock { s in s.storeLatency[operation, default: Histogram()].observe(seconds) }
    }

    public func watchStarted(resource: String) {
        state.withLock { s in s.watchersStarted[resource, default: 0] += 1 }
    }

    public func render() -> String {
        let s = state.withLock { $0 }
        var out = ""
        out += "# HELP apiserver_request_total Counter of API requests by verb, resource and HTTP code.\n# TYPE apiserver_request_total counter\n"
        for (k, v) in s.requests.sorted(by: { $0.key < $1.key }) {
            let p = k.split(separator: "|", omittingEmptySubsequences: false)
            out += "apiserver_request_total{verb=\"\(p[0])\",resource=\"\(p[1])\",code=\"\(p[2])\"} \(v)\n"
        }
        out += "# HELP apiserver_request_duration_seconds Latency of API requests by verb and resource.\n# TYPE apiserver_request_duration_seconds histogram\n"
        for (k, h) in s.requestLatency.sorted(by: { $0.key < $1.key }) {
            let p = k.split(separator: "|", omittingEmptySubsequences: false)
            out += Self.renderHistogram("apiserver_request_duration_seconds", labels: "verb=\"\(p[0])\",resource=\"\(p[1])\"", h)
        }
        out += "# HELP bosun_storage_operation_duration_seconds Latency of store operations.\n# TYPE bosun_storage_operation_duration_seconds histogram\n"
        for (k, h) in s.storeLatency.sorted(by: { $0.key < $1.key }) {
            out += Self.renderHistogram("bosun_storage_operation_duration_seconds", labels: "operation=\"\(k)\"", h)
        }
        out += "# HELP apiserver_watch_events_started_total Watches started by resource.\n# TYPE apiserver_watch_events_started_total counter\n"
        for (k, v) in s.watchersStarted.sorted(by: { $0.key < $1.key }) {
            out += "apiserver_watch_events_started_total{resource=\"\(k)\"} \(v)\n"
        }
        out += "# HELP apiserver_registered_watchers Current number of watchers by resource.\n# TYPE apiserver_registered_watchers gauge\n"
        if let gauge = watcherGauge.withLock({ $0 }) {
            for (k, v) in gauge() { out += "apiserver_registered_watchers{resource=\"\(k)\"} \(v)\n" }
        }
        return out
    }

    static func renderHistogram(_ name: String, labels: String, _ h: Histogram) -> String {
        var out = ""
        for (i, b) in buckets.enumerated() {
            out += "\(name)_bucket{\(labels),le=\"\(b)\"} \(h.counts[i])\n"
        }
        out += "\(name)_bucket{\(labels),le=\"+Inf\"} \(h.count)\n"
        out += "\(name)_sum{\(labels)} \(h.sum)\n"
        out += "\(name)_count{\(labels)} \(h.count)\n"
        return out
    }
}
