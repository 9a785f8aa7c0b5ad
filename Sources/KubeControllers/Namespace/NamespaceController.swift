import KubeAPI
import KubeClient
import KubeMachinery
import Logging

/// The namespace controller: empties a terminating namespace, then releases it.
///
/// `DELETE namespaces/x` only marks the namespace (deletionTimestamp, phase Terminating) while
/// `spec.finalizers` holds `kubernetes`. This controller deletes every namespaced resource's
/// objects in it, reports progress in the namespace's conditions, and once nothing is left
/// removes `kubernetes` through the `finalize` subresource, after which the API server
/// deletes the namespace (when no metadata.finalizers remain either).
public final class NamespaceController: Controller {
    public static let name = "namespace"
    /// The spec finalizer this controller is responsible for.
    static let kubernetesFinalizer = "kubernetes"

    let client: KubeClient
    let logger: Logger
    let queue = WorkQueue<String>(name: "namespace")
    let deleter: NamespacedContentDeleter

    public init(context: ControllerContext) throws {
        client = context.client
        var log = context.logger
        log[metadataKey: "controller"] = "\(Self.name)"
        logger = log
        deleter = NamespacedContentDeleter(client: context.client)
        let queue = self.queue
        let enqueueTerminating: @Sendable (JSONValue) -> Void = { ns in
            if ns["metadata"]?["deletionTimestamp"] != nil, let name = ns["metadata"]?["name"]?.stringValue { queue.add(name) }
        }
        context.informers.informer(for: Namespace.resource).addEventHandler(ResourceEventHandler(
            onAdd: { ns, _ in enqueueTerminating(ns) },
            onUpdate: { _, ns in enqueueTerminating(ns) }))
    }

    public func run(workers: Int) async {
        await withTaskCancellationHandler {
            await queue.runWorkers(count: workers, logger: logger) { await self.sync(namespace: $0) }
        } onCancel: {
            queue.shutDown()
        }
    }

    /// One pass over a terminating namespace.
    func sync(namespace name: String) async -> ReconcileResult {
        do {
            // The informer may lag behind a finalize that already happened: read it fresh.
            guard let ns = try await fetchNamespace(name), ns["metadata"]?["deletionTimestamp"] != nil else { return .done }
            let finalizers = (ns["spec"]?["finalizers"]?.arrayValue ?? []).compactMap(\.stringValue)
            guard finalizers.contains(Self.kubernetesFinalizer) else { return .done }

            var conditions = NamespaceDeletionConditions()
            let discovery: ResourceDiscovery
            do {
                discovery = try await ResourceDiscovery.discover(client)
            } catch {
                conditions.discoveryFailed(["(all)": String(describing: error)])
                try await updateConditions(name, conditions)
                return .error(error)
            }
            conditions.discoveryFailed(discovery.failedGroupVersions)
            let report = await deleter.deleteAll(in: name, resources: discovery.resources)
            conditions.contentDeletionFailed(report.errors)
            conditions.contentRemains(byResource: report.remainingByResource, byFinalizer: report.remainingByFinalizer)
            try await updateConditions(name, conditions)

            if !report.errors.isEmpty {
                return .error(NamespaceDeletionError("content deletion failed: \(report.errors.joined(separator: "; "))"))
            }
            if !report.isEmpty {
                // As upstream: look again after about half the expected graceful termination.
                return .requeueAfter(.seconds(report.estimateSeconds / 2 + 1))
            }
            // Content that could not be discovered may still exist: the namespace stays.
            if !discovery.failedGroupVersions.isEmpty {
                return .error(NamespaceDeletionError("discovery failed for \(discovery.failedGroupVersions.keys.sorted())"))
            }
            try await finalize(name)
            return .done
        } catch {
            return .error(error)
        }
    }

    private func fetchNamespace(_ name: String) async throws -> JSONValue? {
        do {
            return try await client.get(Namespace.resource, namespace: nil, name: name)
        } catch let e as APIError where e.isNotFound {
            return nil
        }
    }

    /// Writes the conditions to `status` when they changed (re-read and retried on conflict).
    private func updateConditions(_ name: String, _ conditions: NamespaceDeletionConditions) async throws {
        for attempt in 1...5 {
            guard var ns = try await fetchNamespace(name) else { return }
            guard conditions.apply(to: &ns) else { return }
            do {
                _ = try await client.update(Namespace.resource, ns, subresource: "status")
                return
            } catch let e as APIError where e.isConflict && attempt < 5 {
                continue
            } catch let e as APIError where e.isNotFound {
                return
            }
        }
    }

    /// Removes `kubernetes` from spec.finalizers through `namespaces/{name}/finalize`.
    private func finalize(_ name: String) async throws {
        for attempt in 1...5 {
            guard var ns = try await fetchNamespace(name) else { return }
            let finalizers = ns["spec"]?["finalizers"]?.arrayValue ?? []
            let kept = finalizers.filter { $0.stringValue != Self.kubernetesFinalizer }
            if kept.count == finalizers.count { return }
            ns.set(["spec", "finalizers"], to: .array(kept))
            do {
                _ = try await client.update(Namespace.resource, ns, subresource: "finalize")
                logger.debug("namespace finalized", metadata: ["namespace": "\(name)"])
                return
            } catch let e as APIError where e.isConflict && attempt < 5 {
                continue
            } catch let e as APIError where e.isNotFound {
                return
            }
        }
    }
}

struct NamespaceDeletionError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
