import Foundation
import KubeAPIServer
import KubeClient
import KubeControllers
import KubeScheduler
import Logging

/// The control-plane components `bosun server` runs in-process beside the API server: each is
/// an ordinary API client whose transport hands requests straight to the API server (no TLS,
/// no sockets), with its own user, so it is subject to the same request path as any client.
struct ControlPlaneComponents {
    let api: APIServer
    let config: ServerConfig
    let logger: Logger

    /// Fails fast on a bad scheduler configuration, before the server reports ready.
    func loadSchedulerConfiguration() throws -> KubeSchedulerConfiguration {
        guard let path = config.schedulerConfigPath else { return .default }
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw BosunServer.StartError(description: "cannot read the scheduler configuration \(path): \(error.localizedDescription)")
        }
        do {
            let parsed = try KubeSchedulerConfiguration(yaml: text)
            try parsed.validate()
            return parsed
        } catch {
            throw BosunServer.StartError(description: "invalid scheduler configuration \(path): \(error)")
        }
    }

    func client(user: String, agent: String) -> KubeClient {
        KubeClient(transport: InProcessTransport(server: api, user: UserInfo(name: user, groups: ["system:authenticated"])), userAgent: agent)
    }

    /// Runs every enabled component until cancelled.
    func run(scheduler schedulerConfig: KubeSchedulerConfiguration) async {
        await withTaskGroup(of: Void.self) { group in
            if !config.disabledComponents.contains("scheduler") {
                group.addTask { await runScheduler(schedulerConfig) }
            }
            if !config.disabledComponents.contains("controller-manager") {
                group.addTask { await runControllerManager() }
            }
            await group.waitForAll()
        }
    }

    private func runControllerManager() async {
        let client = client(user: "system:kube-controller-manager", agent: "bosun-controller-manager")
        var cmLogger = logger
        cmLogger[metadataKey: "component"] = "controller-manager"
        let manager = ControllerManager(client: client, options: config.controllerOptions, logger: cmLogger)
        do {
            try await manager.run()
        } catch {
            if !Task.isCancelled { logger.error("controller manager stopped", metadata: ["error": "\(error)"]) }
        }
    }

    private func runScheduler(_ schedulerConfig: KubeSchedulerConfiguration) async {
        let client = client(user: "system:kube-scheduler", agent: "bosun-scheduler")
        let factory = SharedInformerFactory(client: client)
        let host = ProcessInfo.processInfo.hostName
        let recorders = Dictionary(uniqueKeysWithValues: schedulerConfig.profiles.map {
            ($0.schedulerName, EventRecorder(client: client, component: $0.schedulerName, host: host))
        })
        var schedulerLogger = logger
        schedulerLogger[metadataKey: "component"] = "scheduler"
        do {
            let scheduler = try Scheduler(client: client, informerFactory: factory, config: schedulerConfig,
                                          makeRecorder: { recorders[$0] ?? EventRecorder(client: client, component: $0, host: host) },
                                          logger: schedulerLogger)
            try await scheduler.run()
        } catch {
            if !Task.isCancelled { logger.error("scheduler stopped", metadata: ["error": "\(error)"]) }
        }
        factory.shutdown()
        for r in recorders.values { r.shutDown() }
    }
}
