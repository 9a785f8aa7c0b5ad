import ArgumentParser
import BosunServer
import Foundation
import Logging

@main
struct Bosun: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bosun",
        abstract: "Kubernetes in one small binary.",
        subcommands: [Server.self, SchedulerCommand.self, ControllerManagerCommand.self, HollowNodesCommand.self])
}

struct Server: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Run the control plane: store, API server, scheduler and controllers.")

    @Option(name: .long, help: "Where the database, certificates and kubeconfig live.")
    var dataDir: String?

    @Option(name: .long, help: "Address the API server listens on.")
    var bindAddress: String = "127.0.0.1"

    @Option(name: .long, help: "HTTPS port of the API server (0 picks a free one).")
    var securePort: Int = 6443

    @Option(name: .long, help: "Also write the admin kubeconfig to this path.")
    var writeKubeconfig: String?

    @Flag(name: .long, help: "Overwrite ~/.kube/config even if it exists.")
    var overwriteKubeconfig = false

    @Option(name: .long, help: "Events kept per resource for resuming watches; older resourceVersions get 410 Gone.")
    var defaultWatchCacheSize: Int = 10_000

    @Option(name: .long, help: "A KubeSchedulerConfiguration file (kubescheduler.config.k8s.io/v1) for the in-process scheduler.")
    var schedulerConfig: String?

    @Option(name: .long, parsing: .upToNextOption, help: "Components not to run in-process: scheduler, controller-manager.")
    var disable: [String] = []

    @Option(name: .long, help: "Seconds pods tolerate a not-ready node before eviction (added to every pod).")
    var defaultNotReadyTolerationSeconds: Int64 = 300

    @Option(name: .long, help: "Seconds pods tolerate an unreachable node before eviction (added to every pod).")
    var defaultUnreachableTolerationSeconds: Int64 = 300

    @Option(name: .long, help: "Seconds without a node heartbeat before the node is marked Unknown.")
    var nodeMonitorGracePeriod: Int = 40

    @Option(name: .long, help: "Log level: trace, debug, info, notice, warning, error, critical.")
    var logLevel: String = "info"

    func run() async throws {
        let level = Logger.Level(rawValue: logLevel) ?? .info
        LoggingSystem.bootstrap { label in
            var h = StreamLogHandler.standardError(label: label)
            h.logLevel = level
            return h
        }
        let logger = Logger(label: "bosun.server")
        var config = ServerConfig(
            dataDir: dataDir.map { URL(fileURLWithPath: $0) } ?? ServerConfig.defaultDataDir,
            bindAddress: bindAddress, securePort: securePort,
            kubeconfigPath: writeKubeconfig, forceWriteKubeconfig: overwriteKubeconfig)
        config.watchCacheSize = defaultWatchCacheSize
        config.schedulerConfigPath = schedulerConfig
        config.defaultNotReadyTolerationSeconds = defaultNotReadyTolerationSeconds
        config.defaultUnreachableTolerationSeconds = defaultUnreachableTolerationSeconds
        config.controllerOptions.nodeMonitorGracePeriod = .seconds(nodeMonitorGracePeriod)
        config.disabledComponents = Set(disable.flatMap { $0.split(separator: ",").map(String.init) })
        let server = BosunServer(config: config, logger: logger)
        let signals = ShutdownSignals()
        do {
            try await server.run(until: { await signals.wait() })
        } catch let e as BosunServer.StartError {
            logger.critical("\(e.description)")
            throw ExitCode(1)
        }
    }
}

/// Turns SIGTERM and SIGINT into one awaitable shutdown request.
final class ShutdownSignals: @unchecked Sendable {
    private let lock = NSLock()
    private var fired = false
    private var waiters: [CheckedContinuation<Void, Never>] = []
    private var sources: [DispatchSourceSignal] = []

    init() {
        for sig in [SIGTERM, SIGINT] {
            signal(sig, SIG_IGN)
            let src = DispatchSource.makeSignalSource(signal: sig, queue: .global())
            src.setEventHandler { [weak self] in self?.fire() }
            src.resume()
            sources.append(src)
        }
    }

    private func fire() {
        lock.lock()
        fired = true
        let w = waiters
        waiters = []
        lock.unlock()
        for c in w { c.resume() }
    }

    func wait() async {
        await withCheckedContinuation { (c: CheckedContinuation<Void, Never>) in
            lock.lock()
            if fired {
                lock.unlock()
                c.resume()
            } else {
                waiters.append(c)
                lock.unlock()
            }
        }
    }
}
