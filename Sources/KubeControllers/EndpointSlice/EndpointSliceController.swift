import KubeAPI
import KubeClient
import KubeMachinery
import Logging

/// Publishes the endpoints of every Service with a selector as discovery.k8s.io/v1
/// EndpointSlices (`--controllers=endpointslice`): IPv4 slices of at most
/// `maxEndpointsPerSlice` endpoints, labelled with the Service's name and this controller as
/// manager, owned by the Service. Each endpoint carries its pod's address, readiness
/// (`ready`, `serving`, `terminating`), node, zone and a reference to the pod. Work is keyed
/// by the Service's `namespace/name`.
public struct EndpointSliceController: Controller {
    public static let name = "endpointslice"
    public let queue: WorkQueue<String>
    public let maxEndpointsPerSlice: Int
    let client: KubeClient
    let services: Lister<Service>
    let pods: Lister<Pod>
    let nodes: Lister<Node>
    let slices: Lister<EndpointSlice>
    let tracker = EndpointSliceTracker()
    let logger: Logger
    private let informersSynced: @Sendable () async -> Bool

    public init(context: ControllerContext) throws {
        self.init(context: context, maxEndpointsPerSlice: 100)
    }

    /// - Parameter maxEndpointsPerSlice: upstream's `--max-endpoints-per-slice` (default 100).
    public init(context: ControllerContext, maxEndpointsPerSlice: Int) {
        self.maxEndpointsPerSlice = max(1, maxEndpointsPerSlice)
        client = context.client
        queue = WorkQueue(name: Self.name)
        var logger = context.logger
        logger[metadataKey: "controller"] = "\(Self.name)"
        self.logger = logger
        let svcInformer = context.informers.informer(Service.self)
        let podInformer = context.informers.informer(Pod.self)
        let nodeInformer = context.informers.informer(Node.self)
        let sliceInformer = context.informers.informer(
            EndpointSlice.self, labelSelector: "\(EndpointSliceLabels.managedBy)=\(EndpointSliceLabels.controllerName)")
        let services = svcInformer.lister(Service.self)
        self.services = services
        pods = podInformer.lister(Pod.self)
        nodes = nodeInformer.lister(Node.self)
        slices = sliceInformer.lister(EndpointSlice.self)
        informersSynced = {
            let services = await svcInformer.waitForSync(), pods = await podInformer.waitForSync()
            let nodes = await nodeInformer.waitForSync(), slices = await sliceInformer.waitForSync()
            return services && pods && nodes && slices
        }

        let queue = self.queue
        let tracker = self.tracker
        svcInformer.addEventHandler(.enqueueingKeys { queue.add($0) })
        podInformer.addEventHandler(ResourceEventHandler(
            onAdd: { pod, _ in ServiceSelection.serviceKeys(selecting: pod, in: services).forEach(queue.add) },
            onUpdate: { old, new in ServiceSelection.serviceKeys(forPodUpdate: old, new, in: services).forEach(queue.add) },
            onDelete: { pod in ServiceSelection.serviceKeys(selecting: pod, in: services).forEach(queue.add) }))
        // A slice changed or deleted behind our back is put right by resyncing its Service.
        sliceInformer.addEventHandler(ResourceEventHandler(
            onAdd: { s, _ in if let k = Self.serviceKey(of: s) { queue.add(k) } },
            onUpdate: { _, s in if let k = Self.serviceKey(of: s) { queue.add(k) } },
            onDelete: { s in
                guard let k = Self.serviceKey(of: s) else { return }
                tracker.observedDeletion(s["metadata"]?["name"]?.stringValue ?? "", service: k)
                queue.add(k)
            }))
    }

    public func run(workers: Int) async {
        guard await informersSynced() else { return }
        await withTaskCancellationHandler {
            await queue.runWorkers(count: workers, logger: logger) { key in await self.sync(key) }
        } onCancel: {
            queue.shutDown()
        }
    }

    /// Brings the slices of Service `key` in line with its pods.
    public func sync(_ key: String) async -> ReconcileResult {
        let (namespace, name) = ControllerKeys.split(key)
        let existing = managedSlices(namespace: namespace, service: name)
        guard let service = services.get(namespace: namespace, name: name) else {
            tracker.forget(service: key)
            // The garbage collector would remove them through the owner reference; doing it
            // here keeps clusters without one clean too.
            for slice in existing { await delete(slice, serviceKey: key) }
            return .done
        }
        guard service.serviceType != "ExternalName", let selector = service.podSelector else { return .done }
        guard tracker.isCurrent(service: key, cached: existing) else { return .requeueAfter(.milliseconds(100)) }

        let selected = pods.list(namespace: namespace, selector: selector)
        let nodes = self.nodes
        let desired = DesiredSliceEndpoints(service: service, pods: selected) { node in
            nodes.get(name: node)?.labels[EndpointSliceLabels.zone]
        }
        let plan = EndpointSliceReconciler(maxEndpointsPerSlice: maxEndpointsPerSlice)
            .plan(service: service, desired: desired, existing: existing)
        do {
            for slice in plan.creates { tracker.wrote(try await client.create(slice), service: key) }
            for slice in plan.updates { tracker.wrote(try await client.update(slice), service: key) }
        } catch let e as APIError where e.isNamespaceTerminating {
            return .done
        } catch {
            return .error(error)
        }
        for slice in plan.deletes { await delete(slice, serviceKey: key) }
        return .done
    }

    private func delete(_ slice: EndpointSlice, serviceKey: String) async {
        do {
            try await client.delete(EndpointSlice.self, namespace: slice.namespace, name: slice.name,
                                    options: DeleteOptions(preconditionUID: slice.uid))
            tracker.deleted(slice.name, service: serviceKey)
        } catch let e as APIError where e.isNotFound {
        } catch {
            logger.warning("failed to delete EndpointSlice", metadata: ["slice": "\(slice.key)", "error": "\(error)"])
        }
    }

    func managedSlices(namespace: String?, service: String) -> [EndpointSlice] {
        slices.list(namespace: namespace).filter { $0.labels[EndpointSliceLabels.serviceName] == service }
    }

    /// The key of the Service a managed slice belongs to.
    static func serviceKey(of slice: JSONValue) -> String? {
        guard let svc = slice["metadata"]?["labels"]?[EndpointSliceLabels.serviceName]?.stringValue else { return nil }
        return ControllerKeys.key(namespace: slice["metadata"]?["namespace"]?.stringValue, name: svc)
    }
}
