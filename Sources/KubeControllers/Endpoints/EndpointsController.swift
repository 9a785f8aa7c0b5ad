import Foundation
import KubeAPI
import KubeClient
import KubeMachinery
import Logging

/// Keeps one Endpoints object per Service with a selector (`--controllers=endpoint`): the
/// addresses of the selected pods, ready ones in `addresses` and the rest in
/// `notReadyAddresses`, grouped by the ports they serve. Selector-less Services are left
/// alone (their Endpoints belong to the user); an Endpoints whose Service is gone is deleted.
/// Work is keyed by the Service's `namespace/name`.
public struct EndpointsController: Controller {
    public static let name = "endpoint"
    public let queue: WorkQueue<String>
    let client: KubeClient
    let services: Lister<Service>
    let pods: Lister<Pod>
    let endpoints: Lister<Endpoints>
    let triggers = TriggerTimeTracker()
    let logger: Logger
    private let informersSynced: @Sendable () async -> Bool

    public init(context: ControllerContext) throws {
        client = context.client
        queue = WorkQueue(name: Self.name)
        var logger = context.logger
        logger[metadataKey: "controller"] = "\(Self.name)"
        self.logger = logger
        let svcInformer = context.informers.informer(Service.self)
        let podInformer = context.informers.informer(Pod.self)
        let epInformer = context.informers.informer(Endpoints.self)
        let services = svcInformer.lister(Service.self)
        self.services = services
        pods = podInformer.lister(Pod.self)
        endpoints = epInformer.lister(Endpoints.self)
        informersSynced = {
            let services = await svcInformer.waitForSync(), pods = await podInformer.waitForSync()
            let endpoints = await epInformer.waitForSync()
            return services && pods && endpoints
        }

        let queue = self.queue
        svcInformer.addEventHandler(.enqueueingKeys { queue.add($0) })
        podInformer.addEventHandler(ResourceEventHandler(
            onAdd: { pod, _ in ServiceSelection.serviceKeys(selecting: pod, in: services).forEach(queue.add) },
            onUpdate: { old, new in ServiceSelection.serviceKeys(forPodUpdate: old, new, in: services).forEach(queue.add) },
            onDelete: { pod in ServiceSelection.serviceKeys(selecting: pod, in: services).forEach(queue.add) }))
        epInformer.addEventHandler(ResourceEventHandler(
            // The initial list finds Endpoints left behind by Services deleted while no
            // controller ran; a deleted Endpoints of a live Service is recreated.
            onAdd: { ep, initial in
                guard initial, ep["metadata"]?["annotations"]?[DesiredEndpoints.leaderAnnotation] == nil else { return }
                queue.add(Indexer.key(of: ep))
            },
            onDelete: { ep in queue.add(Indexer.key(of: ep)) }))
    }

    public func run(workers: Int) async {
        guard await informersSynced() else { return }
        await withTaskCancellationHandler {
            await queue.runWorkers(count: workers, logger: logger) { key in await self.sync(key) }
        } onCancel: {
            queue.shutDown()
        }
    }

    /// Brings the Endpoints of Service `key` in line with its pods.
    public func sync(_ key: String) async -> ReconcileResult {
        let (namespace, name) = ControllerKeys.split(key)
        guard let service = services.get(namespace: namespace, name: name) else {
            triggers.forget(serviceKey: key)
            return await deleteEndpoints(namespace: namespace, name: name)
        }
        guard let selector = service.podSelector else { return .done }
        let selected = pods.list(namespace: namespace, selector: selector)
        let subsets = DesiredEndpoints.subsets(for: service, pods: selected)
        let labels = DesiredEndpoints.labels(for: service)
        let current = endpoints.get(namespace: namespace, name: name)
        if let current, EndpointSubsets(json: current.json["subsets"]) == subsets, current.labels == labels {
            return .done
        }
        let (triggerTime, snapshot) = triggers.compute(service: service, pods: selected)
        var desired = current ?? Endpoints(namespace: namespace, name: name)
        desired.labels = labels
        var annotations = desired.annotations
        annotations[DesiredEndpoints.lastChangeTriggerTime] = triggerTime.map(APITimestamp.time)
        desired.annotations = annotations
        desired.json["subsets"] = subsets.isEmpty ? nil : subsets.json
        do {
            if current == nil {
                _ = try await client.create(desired)
            } else {
                _ = try await client.update(desired)
            }
            triggers.commit(serviceKey: key, snapshot: snapshot)
            return .done
        } catch let e as APIError where e.isNamespaceTerminating {
            return .done
        } catch {
            // Conflicts and AlreadyExists mean the cache is behind: retry once it caught up.
            return .error(error)
        }
    }

    private func deleteEndpoints(namespace: String?, name: String) async -> ReconcileResult {
        guard let ep = endpoints.get(namespace: namespace, name: name),
              ep.annotations[DesiredEndpoints.leaderAnnotation] == nil else { return .done }
        do {
            try await client.delete(Endpoints.self, namespace: namespace, name: name)
        } catch let e as APIError where e.isNotFound {
        } catch {
            return .error(error)
        }
        return .done
    }
}
