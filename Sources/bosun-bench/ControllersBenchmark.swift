import BosunServer
import Foundation
import HollowNodes
import KubeAPI
import KubeAPIServer
import KubeClient
import KubeControllers
import KubeMachinery
import KubeScheduler
import Logging

/// Suite 7: the controller manager converging real work through the API server, with the
/// scheduler and hollow nodes (which run pods to Ready) in the same process over SQLite:
/// 1,000 Deployments x 10 replicas on 500 nodes, then a rolling update of one 1,000-replica
/// Deployment. Each component talks through its own counting transport, so the API writes the
/// controllers made are reported per pod created, beside the scheduler's and the kubelets'.
struct ControllersBenchmark {
    let options: BenchOptions
    let report: Report
    static let section = "controllers"

    func run() async throws {
        let q = options.quick
        try await converge(deployments: q ? 100 : 1000, replicas: 10, nodes: q ? 100 : 500)
        try await rollingUpdate(replicas: q ? 200 : 1000, nodes: q ? 100 : 500)
    }

    static func deployment(_ name: String, replicas: Int, image: String) -> JSONValue {
        ["apiVersion": "apps/v1", "kind": "Deployment", "metadata": ["name": .string(name), "namespace": "bench"],
         "spec": ["replicas": .int(Int64(replicas)), "selector": ["matchLabels": ["app": .string(name)]],
                  "strategy": ["type": "RollingUpdate", "rollingUpdate": ["maxSurge": "25%", "maxUnavailable": "25%"]],
                  "template": ["metadata": ["labels": ["app": .string(name)]],
                               "spec": ["containers": [["name": "main", "image": .string(image),
                                                        "resources": ["requests": ["cpu": "10m", "memory": "16Mi"]]]]]]]]
    }

    /// A cluster in one process: API server, scheduler, controller manager, hollow nodes.
    final class Cluster: Sendable {
        let harness: APIHarness
        let admin: KubeClient
        let controllerWrites: CountingTransport
        let schedulerWrites: CountingTransport
        let kubeletWrites: CountingTransport
        let tasks: [Task<Void, Never>]
        let hollow: HollowNodeCluster

        init(path: String, nodes: Int) async throws {
            let harness = try await APIHarness(path: path)
            self.harness = harness
            try await harness.createNamespace("bench")
            try await harness.createNamespace("kube-node-lease")
            try await harness.createNamespace("kube-system")
            try await harness.createNamespace("default")
            let server = harness.server
            let transport = { (user: String) in
                InProcessTransport(server: server, user: UserInfo(name: user, groups: ["system:masters", "system:authenticated"]))
            }
            admin = KubeClient(transport: transport("bench-admin"))
            controllerWrites = CountingTransport(transport("system:kube-controller-manager"))
            schedulerWrites = CountingTransport(transport("system:kube-scheduler"))
            kubeletWrites = CountingTransport(transport("system:node"))
            hollow = HollowNodeCluster(client: KubeClient(transport: kubeletWrites), options: HollowNodeOptions(
                count: nodes, namePrefix: "node-", capacity: ["cpu": "4", "memory": "32Gi", "pods": "110", "ephemeral-storage": "100Gi"]))
            try await hollow.start()
            var logger = Logger(label: "bench.controllers")
            logger.logLevel = .warning
            let hollow = self.hollow
            let schedulerClient = KubeClient(transport: schedulerWrites)
            var options = ControllerOptions()
            options.clusterCIDR = "10.0.0.0/8"  // room for a /24 per node at any node count here
            let manager = ControllerManager(client: KubeClient(transport: controllerWrites), options: options, logger: logger)
            let factory = SharedInformerFactory(client: schedulerClient)
            let recorder = EventRecorder(client: schedulerClient, component: "default-scheduler")
            let scheduler = try Scheduler(client: schedulerClient, informerFactory: factory, recorder: recorder, logger: logger)
            tasks = [
                Task { await hollow.run() },
                Task { try? await scheduler.run() },
                Task { try? await manager.run() },
            ]
        }

        func stop() async {
            hollow.shutdown()
            for t in tasks { t.cancel() }
            for t in tasks { _ = await t.value }
            await harness.stop()
        }

        /// Deployments in `bench` whose available and updated replicas equal spec.replicas.
        func availableDeployments() async throws -> Int {
            let list = try await admin.listAll(Deployment.resource, namespace: "bench")
            return list.items.filter { d in
                let want = d["spec"]?["replicas"]?.intValue ?? 1
                let s = d["status"] ?? [:]
                return s["availableReplicas"]?.intValue == want && s["updatedReplicas"]?.intValue == want
                    && s["replicas"]?.intValue == want && s["observedGeneration"]?.intValue == d["metadata"]?["generation"]?.intValue
            }.count
        }

        func writesText(_ t: CountingTransport, perPod pods: Int) -> String {
            let total = Double(t.total) / Double(max(pods, 1))
            let top = t.snapshot.sorted { $0.value > $1.value }.prefix(5)
                .map { "\($0.key) \(String(format: "%.2f", Double($0.value) / Double(max(pods, 1))))" }
            return String(format: "%.2f", total) + " (" + top.joined(separator: ", ") + ")"
        }
    }

    private func converge(deployments: Int, replicas: Int, nodes: Int) async throws {
        let dir = try ScratchDirectory(under: options.scratchRoot, name: "ctrl")
        defer { dir.remove() }
        let cluster = try await Cluster(path: dir.file("state.db"), nodes: nodes)
        let t0 = ContinuousClock.now
        let creates = await LoadRunner.tasks(concurrency: 16, operations: deployments, timeLimit: .seconds(300)) { i in
            _ = try await cluster.admin.create(Deployment.resource, namespace: "bench",
                                               Self.deployment("d\(i)", replicas: replicas, image: "registry.local/web:1"))
        }
        var done = 0
        let deadline = t0 + .seconds(300)
        while done < deployments && ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(500))
            done = try await cluster.availableDeployments()
        }
        let elapsed = (ContinuousClock.now - t0).seconds
        let pods = deployments * replicas
        let requests = cluster.harness.server.metrics.requestCounts().values.reduce(0, +)
        report.add(section: Self.section, "converge \(deployments) Deployments x \(replicas) replicas on \(nodes) nodes",
                   value: "\(done)/\(deployments) available in \(String(format: "%.1f", elapsed)) s (\(Format.rate(Double(pods) / elapsed, unit: "pods")))",
                   baseline: "API requests \(Format.rate(Double(requests) / elapsed, unit: "req")) overall")
        let w = cluster.controllerWrites
        report.add(section: Self.section, "  controller API writes per pod created, all",
                   value: cluster.writesText(w, perPod: pods))
        report.add(section: Self.section, "  controller object writes per pod created (all but Events)",
                   value: String(format: "%.2f", Double(w.objectWrites) / Double(pods)),
                   baseline: "Events \(String(format: "%.2f", Double(w.eventWrites) / Double(pods)))",
                   target: .atMost(2.0001, "2"), checked: Double(w.objectWrites) / Double(pods))
        report.add(section: Self.section, "  scheduler / kubelet API writes per pod",
                   value: "scheduler \(cluster.writesText(cluster.schedulerWrites, perPod: pods)); kubelets \(cluster.writesText(cluster.kubeletWrites, perPod: pods))")
        if creates.failures > 0 { report.note("converge: \(creates.failures) deployment creates failed: \(creates.firstFailure ?? "")") }
        await cluster.stop()
    }

    private func rollingUpdate(replicas: Int, nodes: Int) async throws {
        let dir = try ScratchDirectory(under: options.scratchRoot, name: "roll")
        defer { dir.remove() }
        let cluster = try await Cluster(path: dir.file("state.db"), nodes: nodes)
        _ = try await cluster.admin.create(Deployment.resource, namespace: "bench", Self.deployment("big", replicas: replicas, image: "registry.local/web:1"))
        let deadline = ContinuousClock.now + .seconds(300)
        while try await cluster.availableDeployments() < 1 && ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(500)) }
        let snapshotBefore = cluster.controllerWrites.snapshot
        let t0 = ContinuousClock.now
        _ = try await cluster.admin.patch(Deployment.resource, namespace: "bench", name: "big", .strategicMerge,
                                          ["spec": ["template": ["spec": ["containers": [["name": "main", "image": "registry.local/web:2"]]]]]])
        var done = false
        while !done && ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(500))
            let d = try await cluster.admin.get(Deployment.resource, namespace: "bench", name: "big")
            let s = d["status"] ?? [:]
            done = d["metadata"]?["generation"]?.intValue == s["observedGeneration"]?.intValue
                && s["updatedReplicas"]?.intValue == Int64(replicas) && s["availableReplicas"]?.intValue == Int64(replicas)
                && s["replicas"]?.intValue == Int64(replicas)
        }
        let elapsed = (ContinuousClock.now - t0).seconds
        // Writes during the update, by method and resource; Events apart.
        let delta = cluster.controllerWrites.snapshot.map { ($0.key, $0.value - (snapshotBefore[$0.key] ?? 0)) }.filter { $0.1 > 0 }
        let objects = delta.filter { !CountingTransport.isEvent($0.0) }
        let writes = objects.reduce(0) { $0 + $1.1 }
        let events = delta.filter { CountingTransport.isEvent($0.0) }.reduce(0) { $0 + $1.1 }
        report.add(section: Self.section, "rolling update of a \(replicas)-replica Deployment on \(nodes) nodes (25% surge/unavailable)",
                   value: done ? "\(String(format: "%.1f", elapsed)) s (\(Format.rate(Double(replicas) / elapsed, unit: "pods")) replaced)" : "did not finish in 300 s")
        let byKind = objects.sorted { $0.1 > $1.1 }.prefix(5)
            .map { "\($0.0) \(String(format: "%.2f", Double($0.1) / Double(replicas)))" }
        // Replacing a pod is at least two writes: the new pod's create and the old one's delete.
        report.add(section: Self.section, "  controller object writes per new pod (all but Events; a replacement is a create and a delete)",
                   value: String(format: "%.2f", Double(writes) / Double(replicas)) + " (" + byKind.joined(separator: ", ") + ")",
                   baseline: "Events \(String(format: "%.2f", Double(events) / Double(replicas)))",
                   target: .atMost(2.0001, "2 writes/pod"), checked: Double(writes) / Double(replicas))
        await cluster.stop()
    }
}
