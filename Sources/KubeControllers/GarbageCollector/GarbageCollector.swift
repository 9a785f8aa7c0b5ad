import KubeAPI
import KubeClient
import KubeMachinery
import Logging
import Synchronization

/// The garbage collector: deletes objects whose owners are gone, and carries out the
/// foreground and orphan propagation policies the API server records as finalizers.
///
/// It watches every resource that supports list, watch and delete (found by discovery, again
/// every `discoveryPeriod` so that new kinds are picked up), keeps an ownership graph of UIDs
/// built from their informers' events, and works through two rate-limited queues:
/// "attempt to delete" (is this object's owner gone? is this foreground owner unblocked?) and
/// "attempt to orphan" (strip this owner from its dependents, then let it go).
public final class GarbageCollector: Controller {
    public static let name = "garbagecollector"

    /// Never watched: events are numerous, short-lived and never owners (as upstream).
    static let ignoredResources: Set<String> = ["events", "events.events.k8s.io"]

    struct Monitors {
        var discovery = ResourceDiscovery(resources: [])
        /// `group/kind` → resource, for owner references.
        var byGroupKind: [String: APIResource] = [:]
        var registrations: [APIResource: ResourceEventHandlerRegistration] = [:]
    }

    let client: KubeClient
    let informers: SharedInformerFactory
    let logger: Logger
    let discoveryPeriod: Duration
    let graph = OwnerGraph()
    let deleteQueue = WorkQueue<String>(name: "garbage_collector_attempt_to_delete")
    let orphanQueue = WorkQueue<String>(name: "garbage_collector_attempt_to_orphan")
    let monitors = Mutex(Monitors())

    public convenience init(context: ControllerContext) throws {
        self.init(context: context, discoveryPeriod: .seconds(30))
    }

    public init(context: ControllerContext, discoveryPeriod: Duration) {
        client = context.client
        informers = context.informers
        var log = context.logger
        log[metadataKey: "controller"] = "\(Self.name)"
        logger = log
        self.discoveryPeriod = discoveryPeriod
    }

    /// How many objects the graph holds (real and virtual); for tests and metrics.
    public var graphSize: Int { graph.count }

    public func run(workers: Int) async {
        await withTaskCancellationHandler {
            // Nothing can be collected before the server's resources are known.
            while !Task.isCancelled {
                if await refreshMonitors() { break }
                try? await Task.sleep(for: .seconds(1))
            }
            let registrations = monitors.withLock { Array($0.registrations.values) }
            for r in registrations {
                guard await r.waitForSync() else { return }
            }
            logger.debug("garbage collector graph synced", metadata: ["objects": "\(graph.count)"])
            await withTaskGroup(of: Void.self) { group in
                group.addTask {
                    await self.deleteQueue.runWorkers(count: workers, logger: self.logger) { await self.attemptToDelete(uid: $0) }
                }
                group.addTask {
                    await self.orphanQueue.runWorkers(count: workers, logger: self.logger) { await self.attemptToOrphan(uid: $0) }
                }
                group.addTask {
                    while !Task.isCancelled {
                        do { try await Task.sleep(for: self.discoveryPeriod) } catch { return }
                        _ = await self.refreshMonitors()
                    }
                }
                await group.waitForAll()
            }
        } onCancel: {
            deleteQueue.shutDown()
            orphanQueue.shutDown()
        }
    }

    /// Discovers resources and starts watching the ones not yet watched; false when discovery failed.
    @discardableResult
    func refreshMonitors() async -> Bool {
        let found: ResourceDiscovery
        do {
            found = try await ResourceDiscovery.discover(client)
        } catch {
            logger.warning("garbage collector discovery failed", metadata: ["error": "\(error)"])
            return false
        }
        let added: [APIResource] = monitors.withLock { m in
            m.discovery = found
            for d in found.resources { m.byGroupKind["\(d.resource.group)/\(d.resource.kind)"] = d.resource }
            var added: [APIResource] = []
            for d in found.resources where d.supports("list", "watch", "delete")
                && !Self.ignoredResources.contains(d.resource.description) && m.registrations[d.resource] == nil {
                m.registrations[d.resource] = informers.informer(for: d.resource).addEventHandler(handler(for: d.resource))
                added.append(d.resource)
            }
            return added
        }
        if !added.isEmpty {
            logger.debug("garbage collector watching resources", metadata: ["added": "\(added.map(\.description))"])
            informers.start()
        }
        return true
    }

    private func handler(for resource: APIResource) -> ResourceEventHandler {
        let apiVersion = resource.apiVersion, kind = resource.kind
        return ResourceEventHandler(
            onAdd: { [graph] o, _ in self.enqueue(graph.observe(o, apiVersion: apiVersion, kind: kind)) },
            onUpdate: { [graph] _, new in self.enqueue(graph.observe(new, apiVersion: apiVersion, kind: kind)) },
            onDelete: { [graph] o in self.enqueue(graph.forget(o)) })
    }

    func enqueue(_ followUp: OwnerGraphFollowUp) {
        for uid in followUp.attemptToDelete { deleteQueue.add(uid) }
        for uid in followUp.attemptToOrphan { orphanQueue.add(uid) }
    }

    /// The resource serving `kind` of `apiVersion`'s group, if discovery has seen it.
    func resource(apiVersion: String, kind: String) -> APIResource? {
        let group = apiVersion.contains("/") ? String(apiVersion.split(separator: "/")[0]) : ""
        return monitors.withLock { $0.byGroupKind["\(group)/\(kind)"] }
    }
}
