import ArgumentParser
import Foundation
import HollowNodes
import KubeClient
import Logging

/// `bosun hollow-nodes`: joins simulated nodes to a cluster (any Kubernetes API server) for
/// scale tests, until interrupted.
struct HollowNodesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "hollow-nodes",
        abstract: "Run simulated kubelets: nodes that register, heartbeat and report their pods Running.")

    @Option(name: .long, help: "How many nodes to simulate.")
    var count: Int = 10

    @Option(name: .long, help: "Kubeconfig of the cluster to join (default: $KUBECONFIG or ~/.kube/config).")
    var kubeconfig: String?

    @Option(name: .long, help: "Node names are this prefix followed by the node's index.")
    var namePrefix: String = "hollow-node-"

    @Option(name: .long, help: "CPU capacity of each node.")
    var cpu: String = "4"

    @Option(name: .long, help: "Memory capacity of each node.")
    var memory: String = "16Gi"

    @Option(name: .long, help: "Pod capacity of each node.")
    var pods: String = "110"

    @Option(name: .long, help: "Ephemeral storage capacity of each node.")
    var ephemeralStorage: String = "100Gi"

    @Option(name: .long, help: "Zones to spread nodes over round-robin (topology.kubernetes.io/zone), comma-separated.")
    var zones: String = ""

    @Option(name: .long, help: "Extra node labels, as k=v,k2=v2.")
    var labels: String = ""

    @Option(name: .long, help: "Node taints, as key=value:Effect,key2:Effect.")
    var taints: String = ""

    @Option(name: .long, help: "Seconds between a pod's arrival on a node and it being reported Running.")
    var podStartLatency: Double = 0

    @Option(name: .long, help: "spec.leaseDurationSeconds of each node's Lease; as the kubelet does, the Lease is renewed every quarter of it.")
    var nodeLeaseDurationSeconds: Int = 40

    @Option(name: .long, help: "Log level: trace, debug, info, notice, warning, error, critical.")
    var logLevel: String = "info"

    func validate() throws {
        if count < 1 { throw ValidationError("--count must be at least 1") }
        if nodeLeaseDurationSeconds < 1 { throw ValidationError("--node-lease-duration-seconds must be at least 1") }
        _ = try parsedLabels()
        _ = try parsedTaints()
    }

    func run() async throws {
        let level = Logger.Level(rawValue: logLevel) ?? .info
        LoggingSystem.bootstrap { label in
            var h = StreamLogHandler.standardError(label: label)
            h.logLevel = level
            return h
        }
        let logger = Logger(label: "bosun.hollow-nodes")
        let config = try ClientConfig.load(kubeconfigPath: kubeconfig)
        let client = try KubeClient(config: config)
        let options = HollowNodeOptions(
            count: count, namePrefix: namePrefix,
            capacity: ["cpu": cpu, "memory": memory, "pods": pods, "ephemeral-storage": ephemeralStorage],
            labels: try parsedLabels(), zones: Self.list(zones), taints: try parsedTaints(),
            leaseDuration: .seconds(nodeLeaseDurationSeconds), renewInterval: .seconds(nodeLeaseDurationSeconds) / 4,
            podStartLatency: .milliseconds(Int64(podStartLatency * 1000)))
        let nodes = HollowNodeCluster(client: client, options: options, logger: logger)
        let signals = ShutdownSignals()
        try await nodes.start()
        logger.info("hollow nodes registered", metadata: ["count": "\(count)", "prefix": "\(namePrefix)"])
        let running = Task { await nodes.run() }
        await signals.wait()
        logger.info("shutting down hollow nodes", metadata: ["counters": "\(nodes.counters)"])
        nodes.shutdown()
        await running.value
    }

    static func list(_ text: String) -> [String] {
        text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    func parsedLabels() throws -> [String: String] {
        var out: [String: String] = [:]
        for pair in Self.list(labels) {
            guard let eq = pair.firstIndex(of: "="), eq != pair.startIndex else {
                throw ValidationError("--labels: expected key=value, got \"\(pair)\"")
            }
            out[String(pair[..<eq])] = String(pair[pair.index(after: eq)...])
        }
        return out
    }

    func parsedTaints() throws -> [Taint] {
        try Self.list(taints).map { text in
            guard let t = Taint(parsing: text) else {
                throw ValidationError("--taints: expected key=value:Effect (NoSchedule, PreferNoSchedule, NoExecute), got \"\(text)\"")
            }
            return t
        }
    }
}
