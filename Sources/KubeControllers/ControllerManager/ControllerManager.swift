import Foundation
import KubeAPI
import KubeClient
import Logging
import Synchronization

/// Runs a set of controllers in one process over one set of shared informers, the way
/// `kube-controller-manager` does: build every controller (they register informer handlers),
/// start the informers, wait for their caches, then run each controller's workers until
/// cancelled. With leader election, all of that happens only while this process holds the
/// `kube-system/kube-controller-manager` Lease.
public final class ControllerManager: Sendable {
    /// Leader-election settings (upstream's defaults).
    public struct LeaderElection: Sendable {
        public var leaseNamespace = "kube-system"
        public var leaseName = "kube-controller-manager"
        public var identity: String
        public var leaseDuration: Duration = .seconds(15)
        public var renewDeadline: Duration = .seconds(10)
        public var retryPeriod: Duration = .seconds(2)

        /// `identity` defaults to `<hostname>_<uuid>`, as upstream's.
        public init(identity: String? = nil) {
            self.identity = identity ?? "\(ProcessInfo.processInfo.hostName)_\(UUID().uuidString.lowercased())"
        }
    }

    public let client: KubeClient
    public let options: ControllerOptions
    public let controllerTypes: [any Controller.Type]
    public let leaderElection: LeaderElection?
    public let informers: SharedInformerFactory
    let logger: Logger
    private let started = Mutex<[String]>([])

    public init(client: KubeClient, options: ControllerOptions = ControllerOptions(),
                controllers: [any Controller.Type] = ControllerManager.all,
                leaderElection: LeaderElection? = nil, logger: Logger) {
        self.client = client
        self.options = options
        self.controllerTypes = controllers
        self.leaderElection = leaderElection
        self.logger = logger
        self.informers = SharedInformerFactory(client: client, logger: logger)
    }

    /// A manager for the controllers a `--controllers` list enables (e.g. `["*", "-podgc"]`).
    public convenience init(client: KubeClient, options: ControllerOptions = ControllerOptions(), controllerNames: [String],
                            leaderElection: LeaderElection? = nil, logger: Logger) throws {
        self.init(client: client, options: options, controllers: try Self.enabled(by: controllerNames),
                  leaderElection: leaderElection, logger: logger)
    }

    /// Names of the controllers running now (after caches synced).
    public var runningControllers: [String] { started.withLock { $0 } }

    /// Runs until cancelled. Throws if a controller cannot be built, if the caches never sync,
    /// or when leadership is lost (upstream exits then: a former leader must not keep acting).
    /// Call it once: informers run only once, so a manager is not restartable.
    public func run() async throws {
        guard let election = leaderElection else {
            try await runControllers()
            return
        }
        let elector = LeaderElector(client: client, leaseNamespace: election.leaseNamespace, leaseName: election.leaseName,
                                    identity: election.identity, leaseDuration: election.leaseDuration,
                                    renewDeadline: election.renewDeadline, retryPeriod: election.retryPeriod, logger: logger)
        let failure = FailureBox()
        await elector.run(onStartedLeading: {
            do { try await self.runControllers() } catch { failure.set(error) }
        }, onStoppedLeading: {})
        if let error = failure.error { throw error }
        if !Task.isCancelled { throw ControllerManagerError.leadershipLost }
    }

    private func runControllers() async throws {
        let client = self.client
        let logger = self.logger
        let context = ControllerContext(client: client, informers: informers, options: options, logger: logger,
                                        makeRecorder: { EventRecorder(client: client, component: $0, logger: logger) })
        defer { informers.shutdown() }
        var controllers: [any Controller] = []
        for type in controllerTypes {
            controllers.append(try type.init(context: context))
            logger.info("built controller", metadata: ["controller": "\(type.name)"])
        }
        informers.start()
        guard await informers.waitForCacheSync() else {
            if Task.isCancelled { return }
            throw ControllerManagerError.cacheSyncFailed
        }
        started.withLock { $0 = controllers.map { type(of: $0).name } }
        defer { started.withLock { $0 = [] } }
        let workers = options.workers
        await withTaskGroup(of: Void.self) { group in
            for controller in controllers {
                group.addTask { await controller.run(workers: workers) }
            }
        }
    }
}

/// The error a leader's term ended with, handed out of the elector's callback.
private final class FailureBox: Sendable {
    private let stored = Mutex<(any Error)?>(nil)
    func set(_ error: any Error) { stored.withLock { $0 = error } }
    var error: (any Error)? { stored.withLock { $0 } }
}
