import KubeAPI
import KubeClient
import KubeMachinery

/// Resizing ReplicaSets: the one write every strategy is made of, the proportional
/// scaling of a Deployment whose `spec.replicas` changed, and cleanup of old ReplicaSets.
extension DeploymentSync {
    /// Resizes a ReplicaSet and refreshes its size annotations; records `ScalingReplicaSet`
    /// when the size changed. Returns whether it did.
    @discardableResult
    mutating func scaleReplicaSet(_ name: String, to newSize: Int) async throws -> Bool {
        guard let rs = current(name) else { return false }
        let maxReplicas = d.replicas + d.maxSurge
        let sizeChanges = rs.replicas != newSize
        guard sizeChanges || RevisionAnnotations.replicasNeedUpdate(rs.annotations, desired: d.replicas, max: maxReplicas) else {
            return false
        }
        var copy = rs
        copy.replicas = newSize
        var annotations = rs.annotations
        RevisionAnnotations.setReplicas(&annotations, desired: d.replicas, max: maxReplicas)
        copy.object.annotations = annotations
        let updated = RolloutReplicaSet(try await client.update(copy.object))
        remember(updated)
        if sizeChanges {
            let direction = newSize > rs.replicas ? "up" : "down"
            controller.event(d, reason: "ScalingReplicaSet",
                             "Scaled \(direction) replica set \(rs.name) from \(rs.replicas) to \(newSize)")
        }
        return sizeChanges
    }

    /// Upstream's `scaleReplicaSetAndRecordEvent`: nothing to do when the size is right.
    @discardableResult
    mutating func scaleIfNeeded(_ name: String, to newSize: Int) async throws -> Bool {
        guard let rs = current(name), rs.replicas != newSize else { return false }
        return try await scaleReplicaSet(name, to: newSize)
    }

    /// Upstream's `sync` for paused Deployments and scaling events: resize without rolling,
    /// clean up while paused, and report status.
    mutating func syncScaling() async throws {
        let (newRS, old) = try await replicaSetsAndSyncRevision(createIfMissing: false)
        try await scale(newRS: newRS?.name, old: old.map(\.name))
        if d.paused { try await cleanupOldReplicaSets(except: newRS?.uid) }
        try await syncDeploymentStatus(newRS: newRS?.name)
    }

    /// Upstream's `scale`: a single active ReplicaSet simply takes `spec.replicas`; a
    /// saturated new ReplicaSet lets all old ones go to zero; otherwise a rolling update
    /// spreads the difference proportionally.
    mutating func scale(newRS newName: String?, old oldNames: [String]) async throws {
        let newRS = newName.flatMap(current)
        let old = oldNames.compactMap(current)
        if let target = Self.activeOrLatest(newRS: newRS, old: old) {
            if target.replicas != d.replicas { try await scaleIfNeeded(target.name, to: d.replicas) }
            return
        }
        if let newRS, isSaturated(newRS) {
            for rs in old.active { try await scaleIfNeeded(rs.name, to: 0) }
            return
        }
        guard d.isRollingUpdate else { return }
        let active = (old + (newRS.map { [$0] } ?? [])).active
        let steps = RolloutPlanner.proportionalScale(active: active, replicas: d.replicas, maxSurge: d.maxSurge,
                                                     statusReplicas: d.status.replicas)
        for step in steps { try await scaleReplicaSet(step.name, to: step.to) }
    }

    /// Upstream's `FindActiveOrLatest`: the only ReplicaSet with replicas, or when none has
    /// any, the new one or else the newest old one; nil when several have replicas.
    static func activeOrLatest(newRS: RolloutReplicaSet?, old: [RolloutReplicaSet]) -> RolloutReplicaSet? {
        if newRS == nil && old.isEmpty { return nil }
        let newestFirst = Array(old.oldestFirst().reversed())
        let active = (newestFirst + (newRS.map { [$0] } ?? [])).active
        switch active.count {
        case 0: return newRS ?? newestFirst.first
        case 1: return active[0]
        default: return nil
        }
    }

    /// The new ReplicaSet was sized for the current `spec.replicas` and has them all available.
    func isSaturated(_ rs: RolloutReplicaSet) -> Bool {
        rs.desiredReplicasAnnotation == d.replicas && rs.replicas == d.replicas && rs.availableReplicas == d.replicas
    }

    /// Deletes the oldest-revision old ReplicaSets past `revisionHistoryLimit`, only those
    /// with no pods wanted or left and whose status is current.
    mutating func cleanupOldReplicaSets(except newUID: String?) async throws {
        guard let limit = d.revisionHistoryLimit else { return }
        let cleanable = rsList.filter { $0.uid != newUID && !$0.isBeingDeleted }
        let excess = cleanable.count - limit
        guard excess > 0 else { return }
        for rs in cleanable.byRevision().prefix(excess) {
            if rs.statusReplicas != 0 || rs.replicas != 0 || rs.generation > rs.observedGeneration { continue }
            do {
                try await client.delete(ReplicaSet.self, namespace: d.namespace, name: rs.name,
                                        options: DeleteOptions(preconditionUID: rs.uid))
            } catch let error as APIError where error.isNotFound {
                // Already gone.
            }
            rsList.removeAll { $0.uid == rs.uid }
        }
    }
}
