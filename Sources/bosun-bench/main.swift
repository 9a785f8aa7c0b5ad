import Foundation

// `bosun-bench`: store, API, watch and process benchmarks for Bosun, printed as one table in
// which every figure stands beside a baseline measured in the same run. Timings are reported,
// never asserted. `Benchmarks/run.sh` builds this in release and runs it; docs/performance.md
// explains the figures.

let options: BenchOptions
do {
    options = try BenchOptions.parse(Array(CommandLine.arguments.dropFirst()))
} catch let e as UsageError {
    if let m = e.message { FileHandle.standardError.write(Data("bosun-bench: \(m)\n".utf8)) }
    print(BenchOptions.usage)
    exit(e.message == nil ? 0 : 2)
}

let report = Report()
let baselines = Baselines()
print(MachineDescription.current(scratch: options.scratchRoot))
print("mode: \(options.quick ? "quick" : "full"); suites: \(BenchOptions.Suite.allCases.filter { options.suites.contains($0) }.map(\.rawValue).joined(separator: ","))\n")
let began = ContinuousClock.now

func runSuite(_ name: String, _ body: () async throws -> Void) async {
    print("== \(name)")
    fflush(nil)
    let t0 = ContinuousClock.now
    do {
        try await body()
    } catch {
        report.note("\(name) suite failed: \(error)")
    }
    print("   (\(name) took \(String(format: "%.1f", (ContinuousClock.now - t0).seconds)) s)")
}

let suites = options.suites
if suites.contains(.store) {
    await runSuite("store") { try await StoreBenchmarks(options: options, report: report, baselines: baselines).run() }
}
if suites.contains(.api) || suites.contains(.list) || suites.contains(.watch) {
    if !suites.contains(.store) && suites.contains(.api) {
        // The API write path is judged against raw SQLite: measure it even without the store suite.
        await runSuite("raw baseline") {
            let dir = try ScratchDirectory(under: options.scratchRoot, name: "raw")
            defer { dir.remove() }
            try await StoreBenchmarks(options: options, report: report, baselines: baselines).rawInserts(dir)
        }
    }
    do {
        let dir = try ScratchDirectory(under: options.scratchRoot, name: "api")
        let harness = try await APIHarness(path: dir.file("state.db"))
        baselines.update { $0.inProcessReady = harness.readyAfter.seconds }
        try await harness.createNamespace("default")
        if suites.contains(.api) {
            await runSuite("api") { try await APIBenchmarks(options: options, report: report, baselines: baselines, harness: harness).run() }
        }
        if suites.contains(.watch) {
            await runSuite("watch") { try await WatchLagBenchmark(options: options, report: report, baselines: baselines, harness: harness).run() }
        }
        if suites.contains(.list) {
            await runSuite("list") { try await ListBenchmark(options: options, report: report, harness: harness).run() }
        }
        await harness.stop()
        dir.remove()
    } catch {
        report.note("in-process API server failed: \(error)")
    }
}
if suites.contains(.scheduler) {
    await runSuite("scheduler") { try await SchedulerBenchmark(options: options, report: report).run() }
}
if suites.contains(.controllers) {
    await runSuite("controllers") { try await ControllersBenchmark(options: options, report: report).run() }
}
if suites.contains(.process) {
    await runSuite("process") { try await ProcessBenchmark(options: options, report: report, baselines: baselines).run() }
}

print("\n\(MachineDescription.loadLine())  total \(String(format: "%.0f", (ContinuousClock.now - began).seconds)) s\n")
print(report.render())
