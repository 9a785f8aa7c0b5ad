import BosunServer
import Foundation
import HollowNodes
import KubeAPI
import KubeAPIServer
import KubeClient
import KubeMachinery
import KubeScheduler
import Synchronization

/// Suite 6: scheduling throughput through the real API server, in the shapes of upstream's
/// scheduler_perf: N hollow nodes (4 CPU, 32Gi, 110 pods) and M pending pods created by 32
/// clients, then the scheduler starts. Throughput is pods bound per second from the scheduler's
/// start (informer sync included) to the last binding; the median of per-second samples is
/// shown beside it, as scheduler_perf reports. Everything is in one process over the SQLite store (same durability as the
/// server); hollow nodes do not run the pods (scheduler_perf has no kubelets either).
struct SchedulerBenchmark {
    let options: BenchOptions
    let report: Report
    static let section = "scheduler"

    enum Shape: String {
        case basic = "SchedulingBasic"
        case antiAffinity = "SchedulingPodAntiAffinity"
        case topologySpread = "TopologySpreading"
    }

    func run() async throws {
        let q = options.quick
        try await scenario(.basic, nodes: q ? 200 : 1000, pods: q ? 1000 : 10_000, target: 1000)
        try await scenario(.basic, nodes: q ? 500 : 5000, pods: q ? 1000 : 10_000, target: 1000)
        try await scenario(.antiAffinity, nodes: q ? 500 : 5000, pods: q ? 400 : 4000, target: 300)
        try await scenario(.topologySpread, nodes: q ? 500 : 5000, pods: q ? 1000 : 10_000, target: nil)
    }

    static func pod(_ shape: Shape, index i: Int) -> JSONValue {
        var spec: JSONValue = [
            "containers": [["name": "pause", "image": "registry.local/pause:3.10", "ports": [["containerPort": 80]],
                            "resources": ["requests": ["cpu": "100m", "memory": "500Mi"], "limits": ["cpu": "100m", "memory": "500Mi"]]]],
        ]
        var labels: JSONValue = ["app": "bench"]
        switch shape {
        case .basic:
            break
        case .antiAffinity:
            labels["color"] = "green"
            spec["affinity"] = ["podAntiAffinity": ["requiredDuringSchedulingIgnoredDuringExecution": [[
                "labelSelector": ["matchLabels": ["color": "green"]], "topologyKey": "kubernetes.io/hostname"]]]]
        case .topologySpread:
            labels["color"] = "blue"
            spec["topologySpreadConstraints"] = [["maxSkew": 5, "topologyKey": "topology.kubernetes.io/zone",
                                                  "whenUnsatisfiable": "DoNotSchedule",
                                                  "labelSelector": ["matchLabels": ["color": "blue"]]]]
        }
        return ["apiVersion": "v1", "kind": "Pod", "metadata": ["name": .string("pod-\(i)"), "namespace": "bench", "labels": labels], "spec": spec]
    }

    private func scenario(_ shape: Shape, nodes: Int, pods: Int, target: Double?) async throws {
        let dir = try ScratchDirectory(under: options.scratchRoot, name: "sched")
        defer { dir.remove() }
        let harness = try await APIHarness(path: dir.file("state.db"))
        try await harness.createNamespace("bench")
        try await harness.createNamespace("kube-node-lease")
        let admin = UserInfo(name: "bench-admin", groups: ["system:masters", "system:authenticated"])
        let client = KubeClient(transport: InProcessTransport(server: harness.server, user: admin))

        // Nodes first, as scheduler_perf's initNodes, all Ready before the clock starts.
        let nodeStart = ContinuousClock.now
        let hollow = HollowNodeCluster(client: client, options: HollowNodeOptions(
            count: nodes, namePrefix: "node-", capacity: ["cpu": "4", "memory": "32Gi", "pods": "110", "ephemeral-storage": "100Gi"],
            zones: (0..<10).map { "zone-\($0)" }, markPodsRunning: false))
        try await hollow.start()
        let hollowTask = Task { await hollow.run() }
        let registration = (ContinuousClock.now - nodeStart).seconds

        // All pods exist before the scheduler starts (scheduler_perf's measured phase): the
        // figure is the scheduler's, not the rate at which 32 clients can create pods while
        // the scheduler competes with them for the two cores.
        let requestsBefore = harness.server.metrics.requestCounts()
        let creates = await LoadRunner.tasks(concurrency: 32, operations: pods, timeLimit: .seconds(600)) { i in
            _ = try await client.create(Pod.resource, namespace: "bench", Self.pod(shape, index: i))
        }

        let factory = SharedInformerFactory(client: client)
        let recorder = EventRecorder(client: client, component: "default-scheduler")
        let scheduler = try Scheduler(client: client, informerFactory: factory, recorder: recorder)
        let t0 = ContinuousClock.now
        let schedulerTask = Task { try await scheduler.run() }
        // Per-second samples of pods bound, until all are bound or nothing moves for 30 s.
        var samples: [Int] = []
        var last = 0
        var lastChange = ContinuousClock.now
        var nextSample = t0 + .seconds(1)
        var end = ContinuousClock.now
        while true {
            let bound = scheduler.metrics.values.bound
            let now = ContinuousClock.now
            if bound != last { lastChange = now }
            if now >= nextSample {
                samples.append(bound - samples.reduce(0, +))
                nextSample = nextSample + .seconds(1)
            }
            last = bound
            if bound >= creates.operations { end = now; break }
            if now - lastChange > .seconds(30) { end = lastChange; break }
            try await Task.sleep(for: .milliseconds(5))
        }
        let bound = scheduler.metrics.values.bound
        let elapsed = (end - t0).seconds
        let throughput = elapsed > 0 ? Double(bound) / elapsed : 0
        // API writes during the run, by verb and resource, per pod.
        let requestsAfter = harness.server.metrics.requestCounts()
        var writesByKind: [(String, Double)] = []
        for (k, v) in requestsAfter {
            guard ["create", "update", "patch", "delete"].contains(where: { k.hasPrefix($0 + " ") }) else { continue }
            let n = v - (requestsBefore[k] ?? 0)
            if n > 0 { writesByKind.append((k, Double(n) / Double(max(pods, 1)))) }
        }
        writesByKind.sort { $0.1 > $1.1 }
        let writes = writesByKind.reduce(0) { $0 + $1.1 }
        let full = samples.dropFirst().dropLast().sorted()
        let median = full.isEmpty ? nil : full[full.count / 2]

        let name = "\(shape.rawValue): \(nodes) nodes, \(pods) pods"
        report.add(section: Self.section, name,
                   value: "\(Format.rate(throughput, unit: "pods")) (\(bound)/\(pods) bound \(String(format: "%.1f", elapsed)) s after the scheduler started)",
                   baseline: "p50 of 1 s samples \(median.map { "\($0)/s" } ?? "-"); pods created beforehand at \(Format.rate(creates.throughput, unit: "pods"))",
                   target: target.map { .atLeast($0, "\(Int($0)) pods/s") } ?? .none, checked: target == nil ? nil : throughput)
        report.add(section: Self.section, "  \(shape.rawValue) \(nodes) nodes: API writes per pod",
                   value: String(format: "%.2f", writes) + " (" + writesByKind.map { "\($0.0) \(String(format: "%.2f", $0.1))" }.joined(separator: ", ") + ")",
                   baseline: "node registration \(String(format: "%.1f", registration)) s")
        if creates.failures > 0 { report.note("\(name): \(creates.failures) creates failed: \(creates.firstFailure ?? "")") }
        if bound < pods { report.note("\(name): only \(bound) of \(pods) pods were bound (unschedulable: \(scheduler.metrics.values.unschedulable))") }

        schedulerTask.cancel()
        _ = try? await schedulerTask.value
        factory.shutdown()
        recorder.shutDown()
        hollow.shutdown()
        hollowTask.cancel()
        _ = await hollowTask.value
        await harness.stop()
    }
}
