import Foundation
import KubeStorage
import Synchronization

/// Suite 1: the embedded store against plain SQLite with the same durability.
///
/// Raw baseline concurrency means N OS threads sharing the one `SQLiteRawBaseline` connection
/// through a lock: SQLite admits one writer per file, each insert is its own fsynced
/// transaction, and separate connections would only add lock retries (and `SQLiteRawBaseline`
/// numbers revisions per connection, so two of them on one file would collide). The backend
/// is driven from N Swift tasks and commits their writes in groups.
struct StoreBenchmarks {
    let options: BenchOptions
    let report: Report
    let baselines: Baselines
    static let levels = [1, 16, 64]
    static let section = "store"

    func run() async throws {
        let dir = try ScratchDirectory(under: options.scratchRoot, name: "store")
        defer { dir.remove() }
        try await rawInserts(dir)
        let store = try SQLiteBackend(path: dir.file("store.db"))
        do {
            for c in Self.levels { try await keyOperations(store, concurrency: c) }
            try await listing(store)
            for w in Self.levels { try await watching(store, watchers: w) }
        } catch {
            try? await store.close()
            throw error
        }
        try await store.close()
    }

    /// Raw SQLite inserts; also run on its own by the API suite when the store suite is skipped.
    func rawInserts(_ dir: ScratchDirectory) async throws {
        let raw = try SQLiteRawBaseline(path: dir.file("raw.db"))
        defer { raw.close() }
        let lock = NSLock()
        for c in Self.levels {
            let n = options.count(c == 1 ? 1500 : 3000, quick: 400)
            let r = await LoadRunner.threads(concurrency: c, operations: n, timeLimit: .seconds(options.quick ? 4 : 10)) { i in
                lock.lock()
                defer { lock.unlock() }
                try raw.insert(key: "/raw/c\(c)/\(i)", value: Payloads.storeValue)
            }
            baselines.update { $0.rawInsert[c] = r.throughput }
            noteFailures(r, "raw insert c=\(c)")
            report.add(section: Self.section, "raw SQLite insert (baseline; N threads, 1 connection)", concurrency: c,
                       value: "\(Format.rate(r.throughput)); \(Format.latency(r.latency))")
        }
    }

    private func keyOperations(_ store: SQLiteBackend, concurrency c: Int) async throws {
        let prefix = "/registry/bench/c\(c)/"
        let book = RevisionBook(count: options.count(c == 1 ? 1500 : 10_000, quick: c == 1 ? 400 : 2000))
        let limit: Duration = .seconds(options.quick ? 4 : 10)
        let rawRate = baselines.current.rawInsert[c]

        let created = await LoadRunner.tasks(concurrency: c, operations: book.count, timeLimit: limit) { i in
            book.set(i, try await store.create(prefix + String(i), value: Payloads.storeValue))
        }
        noteFailures(created, "store create c=\(c)")
        let cr = ratioText(created.throughput, rawRate)
        report.add(section: Self.section, "SQLiteBackend create", concurrency: c,
                   value: "\(Format.rate(created.throughput)); \(Format.latency(created.latency))",
                   baseline: cr.baseline == "-" ? "-" : "raw \(cr.baseline)", ratio: cr.ratio)

        let keys = max(1, created.operations)
        let gets = await LoadRunner.tasks(concurrency: c, operations: options.count(20_000, quick: 4000), timeLimit: limit) { i in
            // A stride through the keys rather than random picks: reproducible, and no RNG cost.
            let k = (i &* 7919) % keys
            guard try await store.get(prefix + String(k)) != nil else { throw BenchError("missing key \(k)") }
        }
        noteFailures(gets, "store get c=\(c)")
        baselines.update { $0.storeGet[c] = gets.throughput }
        report.add(section: Self.section, "SQLiteBackend get", concurrency: c,
                   value: "\(Format.rate(gets.throughput)); \(Format.latency(gets.latency))")

        // Each index is updated once, by one worker, so expected revisions never race.
        let updates = await LoadRunner.tasks(concurrency: c, operations: keys, timeLimit: limit) { i in
            let rev = try await store.update(prefix + String(i), value: Payloads.storeValue, expectedModRevision: book.get(i))
            book.set(i, rev)
        }
        noteFailures(updates, "store update c=\(c)")
        baselines.update { $0.storeUpdate[c] = updates.throughput }
        let ur = ratioText(updates.throughput, rawRate)
        report.add(section: Self.section, "SQLiteBackend update", concurrency: c,
                   value: "\(Format.rate(updates.throughput)); \(Format.latency(updates.latency))",
                   baseline: ur.baseline == "-" ? "-" : "raw \(ur.baseline)", ratio: ur.ratio)
    }

    private func listing(_ store: SQLiteBackend) async throws {
        let prefix = "/registry/list/"
        let total = 10_000
        let fill = await LoadRunner.tasks(concurrency: 64, operations: total, timeLimit: .seconds(120)) { i in
            _ = try await store.create(prefix + String(format: "%05d", i), value: Payloads.storeValue)
        }
        guard fill.operations == total else {
            report.note("store list skipped: only \(fill.operations) of \(total) keys written (\(fill.firstFailure ?? "time limit"))")
            return
        }
        for c in Self.levels {
            let n = options.count(max(40, 2 * c), quick: max(10, c))
            let r = await LoadRunner.tasks(concurrency: c, operations: n, timeLimit: .seconds(options.quick ? 5 : 15)) { _ in
                let page = try await store.list(prefix: prefix, startKey: nil, limit: 0, revision: 0)
                guard page.items.count == total else { throw BenchError("listed \(page.items.count) keys") }
            }
            noteFailures(r, "store list c=\(c)")
            if c == 1 { baselines.update { $0.storeList10kP50 = r.latency.p50 } }
            report.add(section: Self.section, "SQLiteBackend list(prefix) of 10,000 keys", concurrency: c,
                       value: "\(Format.rate(r.throughput, unit: "lists")); \(Format.latency(r.latency))")
        }
    }

    /// `watchers` store watches follow one prefix while 64 tasks create keys under it.
    private func watching(_ store: SQLiteBackend, watchers: Int) async throws {
        let prefix = "/registry/watch/w\(watchers)/"
        let events = options.count(5000, quick: 1000)
        let after = try await store.currentRevision()
        let acks = AcknowledgementBook()
        var streams: [AsyncThrowingStream<WatchEvent, Error>] = []
        for _ in 0..<watchers { streams.append(try await store.watch(prefix: prefix, afterRevision: after)) }

        let started = ContinuousClock.now
        let receipts = await withTaskGroup(of: Receipts.self) { group in
            for stream in streams {
                group.addTask {
                    var mine = Receipts(capacity: events)
                    do {
                        for try await e in stream {
                            mine.record(e.kv.modRevision, at: .now)
                            if mine.count == events { break }
                        }
                    } catch {}
                    return mine
                }
            }
            let writes = await LoadRunner.tasks(concurrency: 64, operations: events, timeLimit: .seconds(60)) { i in
                let rev = try await store.create(prefix + String(i), value: Payloads.storeValue)
                acks.record(rev, at: .now)
            }
            noteFailures(writes, "store watch writes w=\(watchers)")
            var all: [Receipts] = []
            for await r in group { all.append(r) }
            return all
        }
        let analysis = LagAnalysis(receipts: receipts, acks: acks.snapshot)
        let span = ((analysis.lastReceipt ?? started) - started).seconds
        let delivered = span > 0 ? Double(analysis.received) / span : 0
        let produced = span > 0 ? Double(events) / span : 0
        baselines.update { $0.storeWatchLagP99[watchers] = analysis.lag.p99 }
        if analysis.received != events * watchers || analysis.unmatched > 0 {
            report.note("store watch w=\(watchers): received \(analysis.received) of \(events * watchers) events, \(analysis.unmatched) unmatched")
        }
        report.add(section: Self.section, "SQLiteBackend watch delivery (\(events) creates by 64 writers)", concurrency: watchers,
                   value: "\(Format.rate(delivered, unit: "events")) total, \(Format.rate(delivered / Double(watchers), unit: "events")) per watcher",
                   baseline: "writes \(Format.rate(produced))", ratio: "")
        // The backend publishes a commit's events before it resumes the writers, so most events
        // reach a watcher before their writer sees the acknowledgement (counted as zero lag).
        report.add(section: Self.section, "SQLiteBackend watch lag (ack -> event)", concurrency: watchers,
                   value: "\(Format.latency(analysis.lag)); \(Format.percent(Double(analysis.beforeAck) / Double(max(1, analysis.received)))) before ack",
                   baseline: "-")
    }

    private func noteFailures(_ r: LoadResult, _ what: String) {
        if r.failures > 0 { report.note("\(what): \(r.failures) failures, first: \(r.firstFailure ?? "?")") }
    }
}

/// Revisions by operation index, shared by the tasks of one run.
final class RevisionBook: Sendable {
    let count: Int
    private let revisions: Mutex<[Int64]>

    init(count: Int) {
        self.count = count
        revisions = Mutex(Array(repeating: 0, count: count))
    }

    func set(_ i: Int, _ revision: Int64) { revisions.withLock { $0[i] = revision } }
    func get(_ i: Int) -> Int64 { revisions.withLock { $0[i] } }
}

struct BenchError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
