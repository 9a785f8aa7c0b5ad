import KubeAPI
import KubeMachinery

/// The two strategies. A rolling update grows the new ReplicaSet within the surge and
/// shrinks old ones within the unavailability budget, one step per pass; Recreate empties
/// the old ReplicaSets, waits until their pods are gone, then fills the new one.
extension DeploymentSync {
    mutating func rolloutRolling() async throws {
        let (created, old) = try await replicaSetsAndSyncRevision(createIfMissing: true)
        guard let newName = created?.name else { return }
        let oldNames = old.map(\.name)
        if try await reconcileNewReplicaSet(newName, old: oldNames) {
            return try await syncRolloutStatus(newRS: newName)
        }
        if try await reconcileOldReplicaSets(newName, old: oldNames) {
            return try await syncRolloutStatus(newRS: newName)
        }
        if let newRS = current(newName), DeploymentStatusMath.isComplete(d, d.status) {
            try await cleanupOldReplicaSets(except: newRS.uid)
        }
        try await syncRolloutStatus(newRS: newName)
    }

    /// Upstream's `reconcileNewReplicaSet`: down to `spec.replicas` if above, else up as far
    /// as the surge allows. Returns whether it scaled.
    mutating func reconcileNewReplicaSet(_ newName: String, old oldNames: [String]) async throws -> Bool {
        guard let newRS = current(newName) else { return false }
        if newRS.replicas == d.replicas { return false }
        if newRS.replicas > d.replicas { return try await scaleIfNeeded(newName, to: d.replicas) }
        let all = oldNames.compactMap(current) + [newRS]
        let size = RolloutPlanner.newReplicaSetSize(replicas: d.replicas, strategy: d.strategy,
                                                   allReplicas: all.specReplicas, newReplicaSetReplicas: newRS.replicas)
        return try await scaleIfNeeded(newName, to: size)
    }

    /// Upstream's `reconcileOldReplicaSets`: first old pods that are not available, then
    /// available ones as far as `spec.replicas - maxUnavailable` allows.
    mutating func reconcileOldReplicaSets(_ newName: String, old oldNames: [String]) async throws -> Bool {
        guard let newRS = current(newName) else { return false }
        let old = oldNames.compactMap(current).active
        guard old.specReplicas > 0 else { return false }
        let all = old + [newRS]
        let budget = RolloutPlanner.maxScaledDown(allReplicas: all.specReplicas, replicas: d.replicas,
                                                  maxUnavailable: d.fenceposts.maxUnavailable,
                                                  newReplicas: newRS.replicas, newAvailable: newRS.availableReplicas)
        guard budget > 0 else { return false }
        var scaledDown = 0
        for step in RolloutPlanner.unhealthyCleanup(old, limit: budget) {
            try await scaleIfNeeded(step.name, to: step.to)
            scaledDown += step.from - step.to
        }
        let afterCleanup = oldNames.compactMap(current).active
        let available = (afterCleanup + [newRS]).availableWithinSpec
        for step in RolloutPlanner.availableScaleDown(afterCleanup, availableReplicas: available,
                                                      minAvailable: d.replicas - d.maxUnavailable) {
            try await scaleIfNeeded(step.name, to: step.to)
            scaledDown += step.from - step.to
        }
        return scaledDown > 0
    }

    mutating func rolloutRecreate() async throws {
        var (newRS, old) = try await replicaSetsAndSyncRevision(createIfMissing: false)
        var scaledDown = false
        for rs in old.active {
            if try await scaleIfNeeded(rs.name, to: 0) { scaledDown = true }
        }
        if scaledDown { return try await syncRolloutStatus(newRS: newRS?.name) }
        if oldPodsRunning(newUID: newRS?.uid, old: old.map(\.name)) {
            return try await syncRolloutStatus(newRS: newRS?.name)
        }
        if newRS == nil {
            (newRS, old) = try await replicaSetsAndSyncRevision(createIfMissing: true)
        }
        if let name = newRS?.name { try await scaleIfNeeded(name, to: d.replicas) }
        if DeploymentStatusMath.isComplete(d, d.status) { try await cleanupOldReplicaSets(except: newRS?.uid) }
        try await syncRolloutStatus(newRS: newRS?.name)
    }

    /// Whether any old ReplicaSet still reports pods, or any pod of one (found through the
    /// cache, by controllerRef) has not finished: Recreate must not overlap old and new pods.
    func oldPodsRunning(newUID: String?, old oldNames: [String]) -> Bool {
        let old = oldNames.compactMap(current)
        if old.statusReplicas > 0 { return true }
        let oldUIDs = Set(old.map(\.uid))
        guard let selector = try? LabelSelector(metav1: d.selector) else { return false }
        for pod in controller.pods.list(namespace: d.namespace, selector: selector) {
            guard let owner = pod.controllerRef?.uid, owner != newUID, oldUIDs.contains(owner) else { continue }
            if pod.phase == "Failed" || pod.phase == "Succeeded" { continue }
            return true
        }
        return false
    }
}
