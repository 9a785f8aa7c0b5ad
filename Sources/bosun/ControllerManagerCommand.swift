import ArgumentParser
import Foundation
import KubeClient
import KubeControllers
import Logging

/// `bosun controller-manager`: the control loops as their own process, talking to an API
/// server through a kubeconfig, optionally under leader election, like kube-controller-manager.
struct ControllerManagerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "controller-manager",
        abstract: "Run the controllers (ReplicaSet, Pod GC, ServiceAccount, ...) against an API server.")

    @Option(name: .long, help: "Path to the kubeconfig to reach the API server with.")
    var kubeconfig: String?

    @Option(name: .long, parsing: .singleValue,
            help: "Controllers to enable: '*' for all on by default, 'foo' to enable foo, '-foo' to disable foo; comma-separated or repeated.")
    var controllers: [String] = ["*"]

    @Option(name: .customLong("leader-elect"), help: "Take a Lease before running, so that only one replica is active.")
    var leaderElect: Bool = true

    @Option(name: .customLong("leader-elect-lease-namespace"), help: "Namespace of the leader election Lease.")
    var leaseNamespace: String = "kube-system"

    @Option(name: .customLong("leader-elect-lease-name"), help: "Name of the leader election Lease.")
    var leaseName: String = "kube-controller-manager"

    @Option(name: .customLong("terminated-pod-gc-threshold"), help: "Terminated pods kept before the pod GC deletes the oldest (0 disables).")
    var terminatedPodGCThreshold: Int = 12_500

    @Option(name: .customLong("concurrent-workers"), help: "Workers per controller.")
    var workers: Int = 5

    @Option(name: .long, help: "Log level: trace, debug, info, notice, warning, error, critical.")
    var logLevel: String = "info"

    func run() async throws {
        let level = Logger.Level(rawValue: logLevel) ?? .info
        LoggingSystem.bootstrap { label in
            var h = StreamLogHandler.standardError(label: label)
            h.logLevel = level
            return h
        }
        let logger = Logger(label: "bosun.controller-manager")
        let names = controllers.flatMap { $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) } }.filter { !$0.isEmpty }
        var options = ControllerOptions()
        options.terminatedPodGCThreshold = terminatedPodGCThreshold
        options.workers = max(1, workers)
        var election: ControllerManager.LeaderElection?
        if leaderElect {
            election = ControllerManager.LeaderElection()
            election?.leaseNamespace = leaseNamespace
            election?.leaseName = leaseName
        }
        let manager: ControllerManager
        do {
            let client = try KubeClient(config: ClientConfig.load(kubeconfigPath: kubeconfig), userAgent: "bosun-controller-manager")
            manager = try ControllerManager(client: client, options: options, controllerNames: names,
                                            leaderElection: election, logger: logger)
        } catch {
            logger.critical("\(error)")
            throw ExitCode(1)
        }
        let signals = ShutdownSignals()
        let failure: (any Error)? = await withTaskGroup(of: (any Error)?.self) { group in
            group.addTask {
                await signals.wait()
                return nil
            }
            group.addTask {
                do { try await manager.run() } catch { return error }
                return nil
            }
            let first = await group.next() ?? nil
            group.cancelAll()
            return first
        }
        if let failure {
            logger.critical("\(failure)")
            throw ExitCode(1)
        }
    }
}
