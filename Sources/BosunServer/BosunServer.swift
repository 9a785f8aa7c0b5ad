import Foundation
import KubeAPIServer
import KubeResources
import KubeScheduler
import KubeStorage
import Logging
import NIOCore
import NIOPosix
import NIOSSL

/// `bosun server`: store → API server (caches ready) → HTTPS listener → bootstrap objects →
/// kubeconfig. A straight line at start, and the reverse at shutdown.
public final class BosunServer: Sendable {
    public let config: ServerConfig
    private let logger: Logger

    public init(config: ServerConfig, logger: Logger) {
        self.config = config
        self.logger = logger
    }

    /// Errors that stop the server at start, with what the operator should do.
    public struct StartError: Error, CustomStringConvertible {
        public var description: String
    }

    /// Runs until `shutdown` completes (e.g. on SIGTERM), then stops gracefully: the listener
    /// closes, running requests end, and the store flushes and closes.
    public func run(until shutdown: @escaping @Sendable () async -> Void, onReady: (@Sendable (Int) -> Void)? = nil) async throws {
        let started = ContinuousClock.now
        let fm = FileManager.default
        try fm.createDirectory(at: config.dataDir, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        let dbDir = config.dataDir.appendingPathComponent("db")
        try fm.createDirectory(at: dbDir, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])

        let store: SQLiteBackend
        do {
            store = try SQLiteBackend(path: dbDir.appendingPathComponent("state.db").path)
        } catch StorageError.corrupt(let why) {
            throw StartError(description: "the data dir's database is unusable: \(why)")
        }

        let pki = try ClusterPKI.loadOrCreate(directory: config.dataDir.appendingPathComponent("tls"))
        let serviceIP = APIServer.firstServiceIP(cidr: config.serviceCIDR)
        var extraIPs = [serviceIP]
        if !["0.0.0.0", "::", ""].contains(config.bindAddress) { extraIPs.append(config.bindAddress) }
        let serving = try pki.ensureServingCertificate(names: .apiServer(extraIPAddresses: extraIPs))
        if case .issued(let reason) = serving.outcome { logger.info("issued serving certificate", metadata: ["reason": "\(reason)"]) }
        _ = try pki.ensureAdminClientCertificate()

        var apiConfig = APIServer.Config()
        apiConfig.serviceCIDR = config.serviceCIDR
        apiConfig.watchCacheSize = config.watchCacheSize
        apiConfig.defaultNotReadyTolerationSeconds = config.defaultNotReadyTolerationSeconds
        apiConfig.defaultUnreachableTolerationSeconds = config.defaultUnreachableTolerationSeconds
        let api = APIServer(store: store, resources: BuiltinResources.all, config: apiConfig, logger: logger)

        let group = MultiThreadedEventLoopGroup(numberOfThreads: System.coreCount)
        let tls = HTTPServer.TLS(
            certificateChain: try NIOSSLCertificate.fromPEMFile(pki.files.serving.certificate.path),
            privateKey: try NIOSSLPrivateKey(file: pki.files.serving.key.path, format: .pem),
            clientCAs: try NIOSSLCertificate.fromPEMFile(pki.files.certificateAuthority.certificate.path))
        let http = HTTPServer(group: group, host: config.bindAddress, port: config.securePort, tls: tls, responder: api,
                              identifyCertificate: { der in
                                  ClusterPKI.identity(fromDER: der).map { UserInfo(name: $0.user, groups: $0.groups) }
                              }, logger: logger)

        let components = ControlPlaneComponents(api: api, config: config, logger: logger)
        let schedulerConfig: KubeSchedulerConfiguration
        do {
            schedulerConfig = try components.loadSchedulerConfiguration()
        } catch {
            try? await store.close()
            throw error
        }

        let apiTask = Task { await api.run() }
        await api.waitUntilReady()
        let port: Int
        do {
            port = try await http.start()
        } catch {
            apiTask.cancel()
            try? await store.close()
            try? await group.shutdownGracefully()
            throw StartError(description: "cannot listen on \(config.bindAddress):\(config.securePort): \(error)")
        }
        await BootstrapObjects(api: api, logger: logger, advertiseAddress: config.clientHost == "127.0.0.1" ? "127.0.0.1" : config.bindAddress,
                               securePort: port).ensure()
        try writeKubeconfigs(pki: pki, port: port)
        let compactor = Task { await compactPeriodically(store) }
        let componentsTask = Task { await components.run(scheduler: schedulerConfig) }
        let elapsed = ContinuousClock.now - started
        logger.info("bosun server is ready", metadata: ["port": "\(port)", "startup": "\(elapsed)", "dataDir": "\(config.dataDir.path)"])
        onReady?(port)

        await shutdown()
        logger.info("shutting down")
        componentsTask.cancel()
        _ = await componentsTask.value
        await http.stop()
        compactor.cancel()
        apiTask.cancel()
        _ = await apiTask.value
        try? await group.shutdownGracefully()
        try await store.close()
        logger.info("stopped")
    }

    private func writeKubeconfigs(pki: ClusterPKI, port: Int) throws {
        let kubeconfig = try pki.adminKubeconfig(server: "https://\(config.clientHost):\(port)")
        try kubeconfig.write(to: config.dataDir.appendingPathComponent("kubeconfig.yaml"))
        if let path = config.kubeconfigPath {
            try kubeconfig.write(to: URL(fileURLWithPath: path))
            return
        }
        let home = FileManager.default.homeDirectoryForCurrentUser.appendingPathComponent(".kube/config")
        if config.forceWriteKubeconfig || !FileManager.default.fileExists(atPath: home.path) {
            try FileManager.default.createDirectory(at: home.deletingLastPathComponent(), withIntermediateDirectories: true)
            try kubeconfig.write(to: home)
            logger.info("wrote kubeconfig", metadata: ["path": "\(home.path)"])
        }
    }

    /// Keeps the store's history bounded, as kube-apiserver's periodic etcd compaction does.
    private func compactPeriodically(_ store: any StorageBackend) async {
        while !Task.isCancelled {
            try? await Task.sleep(for: config.compactionInterval)
            guard let current = try? await store.currentRevision() else { continue }
            let target = current - config.compactionRetainRevisions
            if target > 0 {
                do { try await store.compact(revision: target) } catch {
                    logger.warning("compaction failed", metadata: ["error": "\(error)"])
                }
            }
        }
    }
}
