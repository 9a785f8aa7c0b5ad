import Foundation
import KubeAPI
import KubeClient
import KubeMachinery
import Logging

/// The replica control loop shared by ReplicaSets and ReplicationControllers (upstream's
/// `ReplicaSetController`, which also serves RCs through an adapter): keeps `spec.replicas`
/// active pods matching the selector, made from `spec.template`, and reports counts in status.
///
/// One sync of `namespace/name`:
/// 1. read the owner from the cache (gone: forget its expectations);
/// 2. take the active pods it controls and the namespace's orphans (from the pod cache's
///    `controllerUIDOrOrphan` index, as upstream's pod indexer does, so a sync costs the
///    owner's pods rather than the namespace's) and claim them (adopt matching orphans,
///    release relabelled pods) through `ControllerRefManager`;
/// 3. if the expectations of earlier syncs are satisfied and the owner is not being deleted,
///    create or delete the difference (at most `burstReplicas` per sync);
/// 4. write status if it changed, and come back after `minReadySeconds` when pods are ready
///    but not yet available.
public final class ReplicaManager<Owner: ReplicatedKind>: Sendable {
    /// Upstream's `BurstReplicas`: the most pods created or deleted in one sync.
    public let burstReplicas: Int
    public let expectations: ControllerExpectations
    public let queue: WorkQueue<String>
    let client: KubeClient
    let owners: Lister<Owner>
    let pods: Lister<Pod>
    let podControl: PodControl
    let logger: Logger
    let now: @Sendable () -> Date
    /// See `ControllerOptions.replicaStatusBatchPeriod`.
    let statusBatchPeriod: Duration

    public init(context: ControllerContext, burstReplicas: Int = 500, now: @escaping @Sendable () -> Date = { Date() }) {
        self.burstReplicas = burstReplicas
        self.client = context.client
        self.expectations = ControllerExpectations()
        self.queue = WorkQueue(name: Owner.controllerName)
        let ownerInformer = context.informers.informer(Owner.self)
        let podInformer = context.informers.informer(Pod.self)
        self.owners = ownerInformer.lister(Owner.self)
        podInformer.ensureIndexers([IndexFunctions.controllerUIDOrOrphanIndex: IndexFunctions.controllerUIDOrOrphan])
        self.pods = podInformer.lister(Pod.self)
        self.podControl = PodControl(client: context.client, recorder: context.makeRecorder(Owner.eventComponent))
        var logger = context.logger
        logger[metadataKey: "controller"] = "\(Owner.controllerName)"
        self.logger = logger
        self.now = now
        self.statusBatchPeriod = context.options.replicaStatusBatchPeriod
        ownerInformer.addEventHandler(ownerHandler())
        podInformer.addEventHandler(podHandler())
    }

    /// Runs `workers` workers until cancelled.
    public func run(workers: Int) async {
        logger.info("starting \(Owner.controllerName) controller", metadata: ["workers": "\(workers)"])
        await withTaskCancellationHandler {
            await queue.runWorkers(count: workers, logger: logger) { key in await self.sync(key) }
        } onCancel: {
            queue.shutDown()
        }
    }

    /// Reconciles one owner.
    public func sync(_ key: String) async -> ReconcileResult {
        let (namespace, name) = ControllerKeys.split(key)
        guard let owner = owners.get(namespace: namespace, name: name) else {
            expectations.delete(key)
            return .done
        }
        let needsSync = expectations.satisfied(key)
        let selector = owner.podSelector
        let active = ControllerKeys.claimCandidates(pods, owner: owner).filter(\.isActive)
        let claimed: [Pod]
        do {
            claimed = try await ControllerRefManager<Owner, Pod>(client: client, owner: owner, selector: selector).claim(active)
        } catch {
            return .error(error)
        }

        var manageError: (any Error)?
        if needsSync && !owner.isBeingDeleted {
            do { try await manageReplicas(owner, key: key, pods: claimed) } catch { manageError = error }
        }

        let status = ReplicaStatus(owner: owner, pods: claimed, manageError: manageError, now: now())
        let written: Owner
        do {
            written = try await status.write(to: owner, client: client)
        } catch {
            return .error(error)
        }
        if let manageError { return .error(manageError) }
        // Pods that are ready but not yet available become available with time alone, and no
        // event will announce it: look again then.
        let minReady = written.minReadySeconds
        if minReady > 0, status.readyReplicas == owner.desiredReplicas, status.availableReplicas != owner.desiredReplicas {
            return .requeueAfter(.seconds(minReady))
        }
        return .done
    }

    /// The owner of this pod's controllerRef, if it is one of ours and still the same object.
    func resolveControllerRef(_ ref: OwnerReference, namespace: String?) -> Owner? {
        guard ControllerKeys.refersTo(ref, Owner.resource),
              let owner = owners.get(namespace: namespace, name: ref.name), owner.uid == ref.uid else { return nil }
        return owner
    }

    /// Owners in the pod's namespace whose selector matches it (candidates to adopt an orphan).
    func ownersSelecting(_ pod: Pod) -> [Owner] {
        let labels = pod.labels
        if labels.isEmpty { return [] }
        return owners.list(namespace: pod.namespace).filter { $0.podSelector.matches(labels) }
    }

    func enqueue(_ owner: Owner) { queue.add(owner.key) }

    /// Syncs the owner after the status batch period, together with whatever else arrives
    /// meanwhile (an immediate `enqueue` still goes first).
    func enqueueBatched(_ owner: Owner) { queue.addAfter(owner.key, statusBatchPeriod) }
}
