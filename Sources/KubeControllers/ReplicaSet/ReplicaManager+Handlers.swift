import KubeAPI
import KubeClient
import KubeMachinery

/// Informer handlers: they only record observations (expectations) and enqueue owner keys.
extension ReplicaManager {
    func ownerHandler() -> ResourceEventHandler {
        .typed(Owner.self,
               onAdd: { [weak self] owner, _ in self?.enqueue(owner) },
               onUpdate: { [weak self] old, new in
                   guard let self else { return }
                   // Deleted and recreated under the same name: old expectations mean nothing.
                   if old.uid != new.uid { self.expectations.delete(old.key) }
                   self.enqueue(new)
               },
               onDelete: { [weak self] owner in
                   self?.expectations.delete(owner.key)
                   self?.enqueue(owner)
               })
    }

    func podHandler() -> ResourceEventHandler {
        .typed(Pod.self,
               onAdd: { [weak self] pod, _ in self?.podAdded(pod) },
               onUpdate: { [weak self] old, new in self?.podUpdated(old: old, new: new) },
               onDelete: { [weak self] pod in self?.podDeleted(pod) })
    }

    func podAdded(_ pod: Pod) {
        // A pod created already terminating (seen first on a re-list) must not count as a creation.
        if pod.isBeingDeleted {
            podDeleted(pod)
            return
        }
        if let ref = pod.controllerRef {
            guard let owner = resolveControllerRef(ref, namespace: pod.namespace) else { return }
            expectations.creationObserved(owner.key)
            // The last creation of a burst lets the next sync manage replicas again: at once.
            // Earlier ones only raise `status.replicas`: gathered.
            if expectations.satisfied(owner.key) { enqueue(owner) } else { enqueueBatched(owner) }
            return
        }
        // An orphan: every owner that selects it may want to adopt it.
        for owner in ownersSelecting(pod) { enqueue(owner) }
    }

    func podUpdated(old: Pod, new: Pod) {
        // Periodic resyncs carry nothing new for pods; owners resync on their own.
        if old.resourceVersion == new.resourceVersion { return }
        let labelsChanged = old.labels != new.labels
        if new.isBeingDeleted {
            // Graceful deletion shows as an update long before the delete: observe it now so
            // that a replacement is created at once, not after the grace period.
            podDeleted(new)
            if labelsChanged { podDeleted(old) }
            return
        }
        let refChanged = old.controllerRef != new.controllerRef
        if refChanged, let oldRef = old.controllerRef, let previous = resolveControllerRef(oldRef, namespace: old.namespace) {
            enqueue(previous)
        }
        if let ref = new.controllerRef {
            guard let owner = resolveControllerRef(ref, namespace: new.namespace) else { return }
            if Self.syncsAtOnce(old: old, new: new) { enqueue(owner) } else { enqueueBatched(owner) }
            // Readiness turned on: availability follows after minReadySeconds with no further event.
            if !old.isReady && new.isReady && owner.minReadySeconds > 0 {
                queue.addAfter(owner.key, .seconds(owner.minReadySeconds) + .seconds(1))
            }
            return
        }
        if labelsChanged || refChanged {
            for owner in ownersSelecting(new) { enqueue(owner) }
        }
    }

    /// Whether an owned pod's update must sync its owner at once rather than with the next
    /// batch (see `ControllerOptions.replicaStatusBatchPeriod`): a change of labels or owner
    /// (claims change), or one that can lower the ready, available or active counts.
    static func syncsAtOnce(old: Pod, new: Pod) -> Bool {
        old.labels != new.labels || old.controllerRef != new.controllerRef
            || (old.isReady && !new.isReady) || (old.isActive && !new.isActive)
    }

    func podDeleted(_ pod: Pod) {
        guard let ref = pod.controllerRef, let owner = resolveControllerRef(ref, namespace: pod.namespace) else { return }
        expectations.deletionObserved(owner.key, objectKey: pod.key)
        enqueue(owner)
    }
}
