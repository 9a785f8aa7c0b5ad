import Foundation
import KubeAPIServer
import KubeResources
import KubeStorage

/// Suite 2: the API write and read paths in-process (`APIServer.respond(to:)`), ConfigMaps in
/// their own namespace, against the raw SQLite and SQLiteBackend figures from the same run.
struct APIBenchmarks {
    let options: BenchOptions
    let report: Report
    let baselines: Baselines
    let harness: APIHarness
    static let section = "api"
    static let namespace = "bench-write"

    func run() async throws {
        try await harness.createNamespace(Self.namespace)
        for c in StoreBenchmarks.levels { try await level(c) }
    }

    private func level(_ c: Int) async throws {
        let base = "/api/v1/namespaces/\(Self.namespace)/configmaps"
        let names = "cm-c\(c)-"
        let limit: Duration = .seconds(options.quick ? 4 : 10)
        let known = baselines.current

        let creates = await LoadRunner.tasks(concurrency: c, operations: options.count(c == 1 ? 1000 : 5000, quick: c == 1 ? 300 : 1500),
                                             timeLimit: limit) { [harness] i in
            try await harness.expect(.created, .POST, base, body: Payloads.configMap(name: names + String(i)))
        }
        noteFailures(creates, "POST c=\(c)")
        let raw = ratioText(creates.throughput, known.rawInsert[c])
        report.add(section: Self.section, "POST ConfigMap", concurrency: c,
                   value: "\(Format.rate(creates.throughput)); \(Format.latency(creates.latency))",
                   baseline: raw.baseline == "-" ? "-" : "raw SQLite \(raw.baseline)", ratio: raw.ratio,
                   target: raw.ratioValue == nil ? .none : .atLeast(0.5, "50% of raw"), checked: raw.ratioValue)
        if c == 64 {
            report.add(section: Self.section, "POST ConfigMap p99 latency", concurrency: c,
                       value: Format.ms(creates.latency.p99), baseline: "-",
                       target: .atMost(0.020, "20 ms"), checked: creates.latency.p99)
        }

        let count = max(1, creates.operations)
        let gets = await LoadRunner.tasks(concurrency: c, operations: options.count(10_000, quick: 3000), timeLimit: limit) { [harness] i in
            try await harness.expect(.ok, .GET, "\(base)/\(names)\((i &* 7919) % count)")
        }
        noteFailures(gets, "GET c=\(c)")
        let g = ratioText(gets.throughput, known.storeGet[c])
        report.add(section: Self.section, "GET ConfigMap", concurrency: c,
                   value: "\(Format.rate(gets.throughput)); \(Format.latency(gets.latency))",
                   baseline: g.baseline == "-" ? "-" : "store get \(g.baseline)", ratio: g.ratio)

        // Unconditional PUTs (no resourceVersion), each a real change, each name once.
        let puts = await LoadRunner.tasks(concurrency: c, operations: count, timeLimit: limit) { [harness] i in
            let name = names + String(i)
            try await harness.expect(.ok, .PUT, "\(base)/\(name)", body: Payloads.configMap(name: name, revisionTag: 1))
        }
        noteFailures(puts, "PUT c=\(c)")
        let u = ratioText(puts.throughput, known.storeUpdate[c])
        report.add(section: Self.section, "PUT ConfigMap", concurrency: c,
                   value: "\(Format.rate(puts.throughput)); \(Format.latency(puts.latency))",
                   baseline: u.baseline == "-" ? "-" : "store update \(u.baseline)", ratio: u.ratio)

        // First pages of the namespace (every level's ConfigMaps so far), against the store
        // reading the same page of keys.
        let listOps = options.count(max(40, 2 * c), quick: max(10, c))
        let lists = await LoadRunner.tasks(concurrency: c, operations: listOps, timeLimit: limit) { [harness] _ in
            let body = try await harness.expect(.ok, .GET, base + "?limit=500")
            guard body.count > 100 else { throw BenchError("empty list") }
        }
        noteFailures(lists, "LIST c=\(c)")
        let prefix = try configMapPrefix(namespace: Self.namespace)
        let storePages = await LoadRunner.tasks(concurrency: c, operations: listOps, timeLimit: limit) { [harness] _ in
            _ = try await harness.store.list(prefix: prefix, startKey: nil, limit: 500, revision: 0)
        }
        let l = ratioText(lists.throughput, storePages.throughput)
        report.add(section: Self.section, "LIST ConfigMaps ?limit=500 (first page)", concurrency: c,
                   value: "\(Format.rate(lists.throughput, unit: "lists")); \(Format.latency(lists.latency))",
                   baseline: "store list(limit 500) \(Format.rate(storePages.throughput, unit: "lists"))", ratio: l.ratio)
    }

    private func noteFailures(_ r: LoadResult, _ what: String) {
        if r.failures > 0 { report.note("api \(what): \(r.failures) failures, first: \(r.firstFailure ?? "?")") }
    }
}

/// Suite 3: one big list through the API, against the store listing the same keys.
struct ListBenchmark {
    let options: BenchOptions
    let report: Report
    let harness: APIHarness
    static let total = 10_000

    func run() async throws {
        let path = "/api/v1/namespaces/default/configmaps"
        let prefix = try configMapPrefix(namespace: "default")
        let existing = try await harness.store.count(prefix: prefix)
        if existing < Self.total {
            let missing = Self.total - existing
            let fill = await LoadRunner.tasks(concurrency: 64, operations: missing, timeLimit: .seconds(180)) { [harness] i in
                try await harness.expect(.created, .POST, path, body: Payloads.configMap(name: "fill-\(i)"))
            }
            if fill.failures > 0 { report.note("list fill: \(fill.failures) failures, first: \(fill.firstFailure ?? "?")") }
        }
        let have = try await harness.store.count(prefix: prefix)
        let runs = options.count(20, quick: 10)

        var apiSamples: [Double] = []
        var bytes = 0
        for _ in 0..<runs {
            let t0 = ContinuousClock.now
            let body = try await harness.expect(.ok, .GET, path)
            apiSamples.append((ContinuousClock.now - t0).seconds)
            bytes = body.count
        }
        var storeSamples: [Double] = []
        for _ in 0..<runs {
            let t0 = ContinuousClock.now
            let page = try await harness.store.list(prefix: prefix, startKey: nil, limit: 0, revision: 0)
            storeSamples.append((ContinuousClock.now - t0).seconds)
            guard page.items.count == have else { throw BenchError("store listed \(page.items.count) of \(have)") }
        }
        let api = LatencySummary(seconds: apiSamples)
        let store = LatencySummary(seconds: storeSamples)
        report.add(section: "list", "GET \(Format.grouped(Double(have))) ConfigMaps (\(Format.mb(Double(bytes))) body), \(runs) runs", concurrency: 1,
                   value: Format.latency(api), baseline: "store list p50 \(Format.ms(store.p50)) / p99 \(Format.ms(store.p99))",
                   ratio: String(format: "%.1fx", api.p50 / max(store.p50, 1e-9)),
                   target: .atMost(0.200, "200 ms (p99)"), checked: api.p99)
    }
}

/// The store key prefix of ConfigMaps in a namespace, as the API server lays keys out.
func configMapPrefix(namespace: String) throws -> String {
    guard let t = BuiltinResources.all.first(where: { $0.plural == "configmaps" && $0.group.isEmpty }) else {
        throw BenchError("no configmaps resource in the catalog")
    }
    return ResourceRegistry.storageKey(t, namespace: namespace, name: "")
}
