import ArgumentParser
import Foundation
import KubeClient
import KubeScheduler
import Logging

/// `bosun scheduler`: the scheduler as its own process, talking to an API server through a
/// kubeconfig, optionally under leader election (several replicas, one active), like
/// kube-scheduler. `bosun server` runs the same `Scheduler` in-process instead.
struct SchedulerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "scheduler",
        abstract: "Run the pod scheduler against an API server.")

    @Option(name: .long, help: "Path to the kubeconfig to reach the API server with.")
    var kubeconfig: String?

    @Option(name: .long, help: "A KubeSchedulerConfiguration file (kubescheduler.config.k8s.io/v1).")
    var config: String?

    @Option(name: .customLong("leader-elect"), help: "Take a Lease before scheduling, so that only one replica is active.")
    var leaderElect: Bool = true

    @Option(name: .customLong("leader-elect-lease-namespace"), help: "Namespace of the leader election Lease.")
    var leaseNamespace: String = "kube-system"

    @Option(name: .customLong("leader-elect-lease-name"), help: "Name of the leader election Lease.")
    var leaseName: String = "kube-scheduler"

    @Option(name: .long, help: "Log level: trace, debug, info, notice, warning, error, critical.")
    var logLevel: String = "info"

    func run() async throws {
        let level = Logger.Level(rawValue: logLevel) ?? .info
        LoggingSystem.bootstrap { label in
            var h = StreamLogHandler.standardError(label: label)
            h.logLevel = level
            return h
        }
        let logger = Logger(label: "bosun.scheduler")
        let schedulerConfig: KubeSchedulerConfiguration
        do {
            if let config {
                schedulerConfig = try KubeSchedulerConfiguration(yaml: String(contentsOfFile: config, encoding: .utf8))
            } else {
                schedulerConfig = .default
            }
        } catch {
            logger.critical("\(error)")
            throw ExitCode(1)
        }
        let client = try KubeClient(config: ClientConfig.load(kubeconfigPath: kubeconfig), userAgent: "bosun-scheduler")
        let identity = "\(ProcessInfo.processInfo.hostName)_\(UUID().uuidString)"
        let signals = ShutdownSignals()

        // Everything a leader runs: fresh informers and a fresh scheduler per term.
        let schedule: @Sendable () async -> Void = {
            let factory = SharedInformerFactory(client: client)
            // One recorder per profile: events name the profile (schedulerName) as their source.
            let recorders = Dictionary(uniqueKeysWithValues: schedulerConfig.profiles.map {
                ($0.schedulerName, EventRecorder(client: client, component: $0.schedulerName, host: identity))
            })
            do {
                let scheduler = try Scheduler(client: client, informerFactory: factory, config: schedulerConfig,
                                              makeRecorder: { recorders[$0] ?? EventRecorder(client: client, component: $0) }, logger: logger)
                try await scheduler.run()
            } catch {
                logger.error("scheduler stopped: \(error)")
            }
            factory.shutdown()
            for r in recorders.values {
                await r.flush()
                r.shutDown()
            }
        }

        let lostLeadership = await withTaskGroup(of: Bool.self) { group -> Bool in
            group.addTask {
                await signals.wait()
                return false
            }
            group.addTask {
                guard leaderElect else {
                    await schedule()
                    return false
                }
                let elector = LeaderElector(client: client, leaseNamespace: leaseNamespace, leaseName: leaseName, identity: identity)
                await elector.run(onStartedLeading: { await schedule() },
                                  onStoppedLeading: { logger.info("stopped leading", metadata: ["identity": "\(identity)"]) },
                                  onNewLeader: { leader in logger.info("new leader elected", metadata: ["leader": "\(leader)"]) })
                return !Task.isCancelled
            }
            let first = await group.next() ?? false
            group.cancelAll()
            return first
        }
        // As kube-scheduler: a replica that loses its lease exits, to start again clean.
        if lostLeadership {
            logger.critical("leader election lost")
            throw ExitCode(1)
        }
    }
}
