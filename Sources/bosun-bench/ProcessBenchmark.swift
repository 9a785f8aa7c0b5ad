import Foundation

/// Suite 5: the real `bosun server` binary: start-up time, idle memory, shutdown.
///
/// Two starts: one on an empty data dir (the CA and certificates are generated) and one on the
/// data dir the first left behind (what a restart costs). Readiness is observed twice: when
/// the `--write-kubeconfig` file appears (written after the listener is up) and when
/// `/readyz` answers "ok" over HTTPS, asked with curl, whose own start-up is measured and
/// reported so it can be subtracted.
struct ProcessBenchmark {
    let options: BenchOptions
    let report: Report
    let baselines: Baselines
    static let section = "process"

    func run() async throws {
        let binary = options.bosunPath ?? FileManager.default.currentDirectoryPath + "/.build/release/bosun"
        guard FileManager.default.isExecutableFile(atPath: binary) else {
            report.note("process suite skipped: no executable at \(binary) (pass --bosun PATH)")
            return
        }
        let dir = try ScratchDirectory(under: options.scratchRoot, name: "process")
        defer { dir.remove() }
        let inProcess = baselines.current.inProcessReady
        for (label, measureMemory) in [("first start (new data dir)", true), ("restart (same data dir)", false)] {
            try await start(binary: binary, dataDir: dir.file("data"), label: label, measureMemory: measureMemory,
                            inProcessReady: inProcess)
        }
        try await HollowMemoryBenchmark(options: options, report: report, binary: binary).run()
    }

    private func start(binary: String, dataDir: String, label: String, measureMemory: Bool, inProcessReady: Double?) async throws {
        let kubeconfig = dataDir + "-kubeconfig"
        try? FileManager.default.removeItem(atPath: kubeconfig)
        let log = dataDir + "-\(measureMemory ? "first" : "restart").log"
        _ = FileManager.default.createFile(atPath: log, contents: nil)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = ["server", "--data-dir", dataDir, "--secure-port", "0", "--write-kubeconfig", kubeconfig]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle(forWritingAtPath: log)

        let spawned = ContinuousClock.now
        try process.run()
        defer { if process.isRunning { kill(process.processIdentifier, SIGKILL) } }

        var port: Int?
        var kubeconfigAt: Duration?
        let deadline = spawned + .seconds(30)
        while port == nil {
            guard process.isRunning, ContinuousClock.now < deadline else {
                let tail = (try? String(contentsOfFile: log, encoding: .utf8))?.suffix(500) ?? ""
                report.note("process \(label): server exited or never wrote its kubeconfig; log tail: \(tail)")
                return
            }
            if let text = try? String(contentsOfFile: kubeconfig, encoding: .utf8), let p = Self.port(in: text) {
                kubeconfigAt = ContinuousClock.now - spawned
                port = p
            } else {
                try await Task.sleep(for: .milliseconds(1))
            }
        }
        var readyAt: Duration?
        while readyAt == nil && ContinuousClock.now < deadline {
            if Self.curl("https://127.0.0.1:\(port!)/readyz") == "ok" {
                readyAt = ContinuousClock.now - spawned
            } else {
                try await Task.sleep(for: .milliseconds(2))
            }
        }
        // curl's own cost, measured against the now-ready server.
        let c0 = ContinuousClock.now
        _ = Self.curl("https://127.0.0.1:\(port!)/readyz")
        let curlCost = (ContinuousClock.now - c0).seconds

        let kc = kubeconfigAt!.seconds
        report.add(section: Self.section, "\(label): spawn -> kubeconfig written", value: Format.ms(kc),
                   baseline: inProcessReady.map { "in-process store+API ready \(Format.ms($0))" } ?? "-",
                   target: .atMost(1.0, "1 s"), checked: kc)
        if let r = readyAt?.seconds {
            report.add(section: Self.section, "\(label): spawn -> /readyz ok (curl)", value: Format.ms(r),
                       baseline: "one curl call \(Format.ms(curlCost))", target: .atMost(1.0, "1 s"), checked: r)
        } else {
            report.note("process \(label): /readyz never answered ok (is curl installed?)")
        }

        if measureMemory {
            try await Task.sleep(for: .seconds(options.quick ? 3 : 5))
            if let rss = Self.statusField("VmRSS", pid: process.processIdentifier) {
                report.add(section: Self.section, "idle RSS after \(options.quick ? 3 : 5) s (VmRSS)", value: Format.mb(rss),
                           baseline: Self.statusField("VmHWM", pid: process.processIdentifier).map { "peak (VmHWM) \(Format.mb($0))" } ?? "-",
                           target: .atMost(60 * 1_048_576, "60 MB"), checked: rss)
            }
        }

        let stopAt = ContinuousClock.now
        kill(process.processIdentifier, SIGTERM)
        while process.isRunning && ContinuousClock.now - stopAt < .seconds(15) {
            try await Task.sleep(for: .milliseconds(2))
        }
        if process.isRunning {
            report.note("process \(label): still running 15 s after SIGTERM; killed")
        } else {
            report.add(section: Self.section, "\(label): SIGTERM -> exit (status \(process.terminationStatus))",
                       value: Format.ms((ContinuousClock.now - stopAt).seconds))
        }
    }

    /// The port of `server: https://host:port` in a kubeconfig, once the file is complete.
    static func port(in kubeconfig: String) -> Int? {
        guard kubeconfig.contains("client-key-data"),
              let range = kubeconfig.range(of: "server: https://") else { return nil }
        let rest = kubeconfig[range.upperBound...]
        guard let colon = rest.firstIndex(of: ":") else { return nil }
        let digits = rest[rest.index(after: colon)...].prefix { $0.isNumber }
        return Int(digits)
    }

    /// A value in kB from /proc/<pid>/status, in bytes.
    static func statusField(_ name: String, pid: Int32) -> Double? {
        guard let text = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8) else { return nil }
        for line in text.split(separator: "\n") where line.hasPrefix(name + ":") {
            let kb = line.split(separator: " ", omittingEmptySubsequences: true).dropFirst().first.flatMap { Double($0) }
            return kb.map { $0 * 1024 }
        }
        return nil
    }

    /// GETs a URL without verifying the server's certificate; nil when curl fails.
    static func curl(_ url: String) -> String? {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/curl")
        p.arguments = ["-sk", "--max-time", "2", url]
        let out = Pipe()
        p.standardOutput = out
        p.standardError = FileHandle.nullDevice
        do { try p.run() } catch { return nil }
        let data = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return p.terminationStatus == 0 ? String(decoding: data, as: UTF8.self) : nil
    }
}
