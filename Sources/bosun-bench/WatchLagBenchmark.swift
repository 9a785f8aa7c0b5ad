import Foundation
import KubeAPIServer

/// Suite 4: many API watchers of one resource while ConfigMaps are created through the API.
///
/// Lag is measured per event: from the moment the creating request's response came back (the
/// write's acknowledgement) to the moment a watcher pulled the frame carrying that
/// resourceVersion from its response stream.
struct WatchLagBenchmark {
    let options: BenchOptions
    let report: Report
    let baselines: Baselines
    let harness: APIHarness
    static let watchers = 100
    static let writers = 64

    func run() async throws {
        let events = options.count(10_000, quick: 2000)
        let path = "/api/v1/namespaces/default/configmaps"
        let from = try await harness.store.currentRevision()
        let acks = AcknowledgementBook()
        let registered = Countdown()
        let harness = self.harness

        let started = ContinuousClock.now
        var writeResult: LoadResult?
        let receipts: [Receipts] = await withTaskGroup(of: Receipts?.self) { group in
            for _ in 0..<Self.watchers {
                group.addTask {
                    var mine = Receipts(capacity: events)
                    let response = await harness.send(.GET, "\(path)?watch=1&resourceVersion=\(from)")
                    registered.increment()
                    guard case .stream(let frames) = response.body else { return mine }
                    for await frame in frames {
                        guard let rev = ResourceVersionScanner.scan(frame) else { continue }
                        mine.record(rev, at: .now)
                        if mine.count == events { break }
                    }
                    return mine
                }
            }
            guard await registered.wait(for: Self.watchers, timeout: .seconds(30)) else {
                group.cancelAll()
                return []
            }
            writeResult = await LoadRunner.tasks(concurrency: Self.writers, operations: events, timeLimit: .seconds(120)) { i in
                let body = try await harness.expect(.created, .POST, path, body: Payloads.configMap(name: "lag-\(i)"))
                guard let rev = ResourceVersionScanner.scan(body) else { throw BenchError("no resourceVersion in response") }
                acks.record(rev, at: .now)
            }
            // Watchers stop on their own after the last event; a stuck one is cancelled.
            group.addTask {
                try? await Task.sleep(for: .seconds(60))
                return nil
            }
            var all: [Receipts] = []
            for await r in group {
                guard let r else { group.cancelAll(); continue }
                all.append(r)
                if all.count == Self.watchers { group.cancelAll() }
            }
            return all
        }
        guard receipts.count == Self.watchers, let writes = writeResult else {
            report.note("watch: only \(receipts.count) of \(Self.watchers) watchers started")
            return
        }
        if writes.failures > 0 { report.note("watch writes: \(writes.failures) failures, first: \(writes.firstFailure ?? "?")") }
        let analysis = LagAnalysis(receipts: receipts, acks: acks.snapshot)
        let expected = writes.operations * Self.watchers
        if analysis.received != expected || analysis.unmatched > 0 {
            report.note("watch: received \(analysis.received) of \(expected) frames (\(analysis.unmatched) unmatched)")
        }
        let span = ((analysis.lastReceipt ?? started) - started).seconds
        let storeLag = baselines.current.storeWatchLagP99[64]
        report.add(section: "watch", "\(Self.watchers) API watchers x \(Format.grouped(Double(writes.operations))) events: lag ack -> frame",
                   concurrency: Self.watchers,
                   value: "\(Format.latency(analysis.lag)); max \(Format.ms(analysis.lag.max)); \(Format.percent(Double(analysis.beforeAck) / Double(max(1, analysis.received)))) before ack",
                   baseline: storeLag.map { "store watch lag p99 \(Format.ms($0)) (64 watchers)" } ?? "-",
                   target: .atMost(0.100, "100 ms (p99)"), checked: analysis.lag.p99)
        report.add(section: "watch", "frames delivered (all watchers) while writing", concurrency: Self.watchers,
                   value: Format.rate(span > 0 ? Double(analysis.received) / span : 0, unit: "frames"),
                   baseline: "POST \(Format.rate(writes.throughput)) at c=\(Self.writers)")
    }
}
