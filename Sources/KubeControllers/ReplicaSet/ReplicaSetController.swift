import KubeAPI
import KubeClient

/// Keeps each ReplicaSet's pods at `spec.replicas` (`--controllers=replicaset`).
public struct ReplicaSetController: Controller {
    public static let name = ReplicaSet.controllerName
    public let manager: ReplicaManager<ReplicaSet>

    public init(context: ControllerContext) throws {
        manager = ReplicaManager(context: context)
    }

    public func run(workers: Int) async { await manager.run(workers: workers) }
}

/// Keeps each ReplicationController's pods at `spec.replicas`, with the ReplicaSet code
/// (`--controllers=replicationcontroller`).
public struct ReplicationControllerController: Controller {
    public static let name = ReplicationController.controllerName
    public let manager: ReplicaManager<ReplicationController>

    public init(context: ControllerContext) throws {
        manager = ReplicaManager(context: context)
    }

    public func run(workers: Int) async { await manager.run(workers: workers) }
}
