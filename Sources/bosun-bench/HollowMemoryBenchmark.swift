import Foundation
import KubeAPI
import KubeClient

/// Part of the process suite: memory per hollow node. A real `bosun server` (scheduler and
/// controllers disabled) and `bosun hollow-nodes` processes with 1 and with N nodes; the
/// resident-set difference divided by N-1 is what each extra simulated node costs.
struct HollowMemoryBenchmark {
    let options: BenchOptions
    let report: Report
    let binary: String

    func run() async throws {
        let dir = try ScratchDirectory(under: options.scratchRoot, name: "hollow")
        defer { dir.remove() }
        let kubeconfig = dir.file("kubeconfig")
        let server = Process()
        server.executableURL = URL(fileURLWithPath: binary)
        server.arguments = ["server", "--data-dir", dir.file("data"), "--secure-port", "0", "--write-kubeconfig", kubeconfig,
                            "--disable", "scheduler,controller-manager", "--log-level", "warning"]
        server.standardOutput = FileHandle.nullDevice
        server.standardError = FileHandle.nullDevice
        try server.run()
        defer { if server.isRunning { kill(server.processIdentifier, SIGKILL) } }
        let deadline = ContinuousClock.now + .seconds(30)
        while (try? String(contentsOfFile: kubeconfig, encoding: .utf8)).flatMap(ProcessBenchmark.port(in:)) == nil {
            guard ContinuousClock.now < deadline, server.isRunning else { throw BenchError("hollow: server never became ready") }
            try await Task.sleep(for: .milliseconds(20))
        }
        let client = try KubeClient(config: ClientConfig.load(kubeconfigPath: kubeconfig))
        let big = options.quick ? 500 : 5000
        let one = try await rss(nodes: 1, prefix: "one-", kubeconfig: kubeconfig, client: client, expectTotal: 1)
        let many = try await rss(nodes: big, prefix: "many-", kubeconfig: kubeconfig, client: client, expectTotal: 1 + big)
        let perNode = (many - one) / Double(big - 1)
        report.add(section: "process", "hollow-nodes RSS per node (\(big) vs 1 nodes, leases renewing)",
                   value: String(format: "%.1f KB", perNode / 1024),
                   baseline: "1 node: \(Format.mb(one)); \(big) nodes: \(Format.mb(many))",
                   target: .atMost(50 * 1024, "50 KB"), checked: perNode)
        kill(server.processIdentifier, SIGTERM)
    }

    /// Starts `bosun hollow-nodes --count n`, waits until the API shows all nodes Ready plus a
    /// few seconds of steady heartbeats, reads its VmRSS, then stops it.
    private func rss(nodes: Int, prefix: String, kubeconfig: String, client: KubeClient, expectTotal: Int) async throws -> Double {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: binary)
        p.arguments = ["hollow-nodes", "--kubeconfig", kubeconfig, "--count", String(nodes), "--name-prefix", prefix]
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        try p.run()
        defer { if p.isRunning { kill(p.processIdentifier, SIGKILL) } }
        let deadline = ContinuousClock.now + .seconds(300)
        while true {
            let ready = try await client.listAll(Node.resource).items.filter { n in
                (n["metadata"]?["name"]?.stringValue ?? "").hasPrefix(prefix)
                    && (n["status"]?["conditions"]?.arrayValue ?? []).contains { $0["type"] == "Ready" && $0["status"] == "True" }
            }.count
            if ready >= nodes { break }
            guard ContinuousClock.now < deadline, p.isRunning else { throw BenchError("hollow: only \(ready)/\(nodes) nodes became Ready") }
            try await Task.sleep(for: .milliseconds(200))
        }
        // Let heartbeats run for a while so the figure includes steady-state buffers.
        try await Task.sleep(for: .seconds(options.quick ? 2 : 5))
        guard let rss = ProcessBenchmark.statusField("VmRSS", pid: p.processIdentifier) else { throw BenchError("hollow: no VmRSS") }
        kill(p.processIdentifier, SIGTERM)
        return rss
    }
}
