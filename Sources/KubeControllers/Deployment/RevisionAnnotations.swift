import KubeMachinery

/// The annotations through which a Deployment and its ReplicaSets record history: which
/// revision each ReplicaSet is (what `kubectl rollout history` and `undo` list), which
/// revisions it was before a rollback returned to it, and the sizes it was scaled for
/// (what proportional scaling divides by).
enum RevisionAnnotations {
    static let revision = "deployment.kubernetes.io/revision"
    static let revisionHistory = "deployment.kubernetes.io/revision-history"
    static let desiredReplicas = "deployment.kubernetes.io/desired-replicas"
    static let maxReplicas = "deployment.kubernetes.io/max-replicas"
    static let changeCause = "kubernetes.io/change-cause"
    static let lastAppliedConfiguration = "kubectl.kubernetes.io/last-applied-configuration"
    static let deprecatedRollbackTo = "deprecated.deployment.rollback.to"

    /// Upstream caps the revision history annotation at this many characters.
    static let maxRevisionHistoryLength = 2000

    /// Deployment annotations that describe the Deployment itself and are not copied to
    /// its ReplicaSets; every other annotation (e.g. `kubernetes.io/change-cause`) is.
    static func isCopiedToReplicaSet(_ key: String) -> Bool {
        ![lastAppliedConfiguration, revision, revisionHistory, desiredReplicas, maxReplicas, deprecatedRollbackTo].contains(key)
    }

    /// Upstream's `SetNewReplicaSetAnnotations`: copies the deployment's annotations,
    /// raises the revision to `newRevision` when it is higher (keeping the one it replaces
    /// in the history, since that is a rollback to this ReplicaSet), and for a ReplicaSet
    /// about to be created, records the sizes. Returns whether anything changed.
    static func updateForNewReplicaSet(_ annotations: inout [String: String], deploymentAnnotations: [String: String],
                                       newRevision: Int64, exists: Bool, replicas: Int, maxReplicas: Int) -> Bool {
        var changed = false
        for (k, v) in deploymentAnnotations where isCopiedToReplicaSet(k) && annotations[k] != v {
            annotations[k] = v
            changed = true
        }
        let oldText = annotations[revision]
        let old: Int64
        if let oldText {
            // An unreadable revision is left alone, as upstream does.
            guard let parsed = Int64(oldText) else { return changed }
            old = parsed
        } else {
            old = 0
        }
        if old < newRevision {
            annotations[revision] = String(newRevision)
            changed = true
            if let oldText { appendHistory(&annotations, oldText) }
        }
        if !exists && setReplicas(&annotations, desired: replicas, max: maxReplicas) { changed = true }
        return changed
    }

    /// Appends a revision to `revision-history`, dropping the oldest entries past the cap.
    private static func appendHistory(_ annotations: inout [String: String], _ oldRevision: String) {
        let current = annotations[revisionHistory] ?? ""
        if current.isEmpty {
            annotations[revisionHistory] = oldRevision
            return
        }
        var entries = current.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        var total = current.count + oldRevision.count + 1
        var start = 0
        while total > maxRevisionHistoryLength && start < entries.count {
            total -= entries[start].count + 1
            start += 1
        }
        guard total <= maxRevisionHistoryLength else { return }
        entries = Array(entries[start...]) + [oldRevision]
        annotations[revisionHistory] = entries.joined(separator: ",")
    }

    /// Sets `desired-replicas` and `max-replicas`; returns whether either changed.
    @discardableResult
    static func setReplicas(_ annotations: inout [String: String], desired: Int, max: Int) -> Bool {
        var changed = false
        if annotations[desiredReplicas] != String(desired) {
            annotations[desiredReplicas] = String(desired)
            changed = true
        }
        if annotations[maxReplicas] != String(max) {
            annotations[maxReplicas] = String(max)
            changed = true
        }
        return changed
    }

    static func replicasNeedUpdate(_ annotations: [String: String], desired: Int, max: Int) -> Bool {
        annotations[desiredReplicas] != String(desired) || annotations[maxReplicas] != String(max)
    }
}
