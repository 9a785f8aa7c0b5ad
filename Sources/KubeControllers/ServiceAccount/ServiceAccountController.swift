import KubeAPI
import KubeClient
import KubeMachinery
import Logging

/// Ensures every active namespace has the ServiceAccounts pods run as by default
/// (`--controllers=serviceaccount`): `default`, recreated if someone deletes it.
/// Work is keyed by namespace name.
public struct ServiceAccountController: Controller {
    public static let name = "serviceaccount"
    /// The accounts every namespace gets (upstream's `--service-account-names` default).
    public let accountNames: [String]
    public let queue: WorkQueue<String>
    let client: KubeClient
    let namespaces: Lister<Namespace>
    let accounts: Lister<ServiceAccount>
    let logger: Logger

    public init(context: ControllerContext) throws {
        accountNames = ["default"]
        client = context.client
        queue = WorkQueue(name: Self.name)
        var logger = context.logger
        logger[metadataKey: "controller"] = "\(Self.name)"
        self.logger = logger
        let nsInformer = context.informers.informer(Namespace.self)
        let saInformer = context.informers.informer(ServiceAccount.self)
        namespaces = nsInformer.lister(Namespace.self)
        accounts = saInformer.lister(ServiceAccount.self)
        let queue = self.queue
        let names = accountNames
        nsInformer.addEventHandler(ResourceEventHandler(
            onAdd: { ns, _ in queue.add(Indexer.key(of: ns)) },
            onUpdate: { _, ns in queue.add(Indexer.key(of: ns)) }))
        saInformer.addEventHandler(ResourceEventHandler(onDelete: { sa in
            // Only the accounts we maintain bring their namespace back to the queue.
            guard let n = sa["metadata"]?["name"]?.stringValue, names.contains(n),
                  let ns = sa["metadata"]?["namespace"]?.stringValue else { return }
            queue.add(ns)
        }))
    }

    public func run(workers: Int) async {
        await withTaskCancellationHandler {
            await queue.runWorkers(count: workers, logger: logger) { ns in await self.sync(namespace: ns) }
        } onCancel: {
            queue.shutDown()
        }
    }

    /// Creates the missing accounts of one namespace, if it exists and is Active.
    public func sync(namespace: String) async -> ReconcileResult {
        guard let ns = namespaces.get(name: namespace), !ns.isBeingDeleted,
              (ns.status?["phase"]?.stringValue ?? "Active") == "Active" else { return .done }
        for name in accountNames where accounts.get(namespace: namespace, name: name) == nil {
            do {
                _ = try await client.create(ServiceAccount(namespace: namespace, name: name))
            } catch let e as APIError where e.isAlreadyExists || e.isNamespaceTerminating {
                continue
            } catch {
                return .error(error)
            }
        }
        return .done
    }
}
