import Foundation
import KubeClient

/// How a Deployment's status follows from its ReplicaSets, and upstream's tests of a
/// rollout's state (complete, progressing, timed out) on it.
enum DeploymentStatusMath {
    /// Upstream's `calculateStatus`: counts summed over every ReplicaSet, updated replicas
    /// from the new one, and the Available condition from the unavailability budget.
    static func calculate(_ d: RolloutDeployment, all: [RolloutReplicaSet], newRS: RolloutReplicaSet?,
                          now: String) -> DeploymentRolloutStatus {
        let available = all.availableReplicas
        var status = DeploymentRolloutStatus()
        status.observedGeneration = d.generation
        status.replicas = all.statusReplicas
        status.updatedReplicas = newRS?.statusReplicas ?? 0
        status.readyReplicas = all.readyReplicas
        status.availableReplicas = available
        status.unavailableReplicas = max(0, all.specReplicas - available)
        status.collisionCount = d.status.collisionCount
        status.conditions = d.status.conditions
        if available >= d.replicas - d.maxUnavailable {
            status.conditions.set(DeploymentCondition(
                type: DeploymentConditionType.available, status: "True",
                reason: DeploymentConditionReason.minimumReplicasAvailable,
                message: "Deployment has minimum availability.", now: now))
        } else {
            status.conditions.set(DeploymentCondition(
                type: DeploymentConditionType.available, status: "False",
                reason: DeploymentConditionReason.minimumReplicasUnavailable,
                message: "Deployment does not have minimum availability.", now: now))
        }
        return status
    }

    /// Every replica updated, existing and available, and the status is of the current spec.
    static func isComplete(_ d: RolloutDeployment, _ status: DeploymentRolloutStatus) -> Bool {
        status.updatedReplicas == d.replicas && status.replicas == d.replicas
            && status.availableReplicas == d.replicas && status.observedGeneration >= d.generation
    }

    /// Something moved since the last recorded status: more updated, ready or available
    /// pods, or fewer old ones.
    static func isProgressing(_ d: RolloutDeployment, _ status: DeploymentRolloutStatus) -> Bool {
        let old = d.status
        return status.updatedReplicas > old.updatedReplicas
            || (status.replicas - status.updatedReplicas) < (old.replicas - old.updatedReplicas)
            || status.readyReplicas > old.readyReplicas
            || status.availableReplicas > old.availableReplicas
    }

    /// The Progressing condition was last refreshed longer ago than the progress deadline.
    static func hasTimedOut(_ d: RolloutDeployment, _ status: DeploymentRolloutStatus, now: Date) -> Bool {
        guard let deadline = d.progressDeadlineSeconds,
              let cond = status.conditions.condition(DeploymentConditionType.progressing) else { return false }
        if cond.reason == DeploymentConditionReason.newReplicaSetAvailable { return false }
        if cond.reason == DeploymentConditionReason.progressDeadlineExceeded { return true }
        guard let from = APITimestamp.parse(cond.lastUpdateTime) else { return false }
        return from.addingTimeInterval(TimeInterval(deadline)) < now
    }

    /// When to look again at a rollout that has not completed, so that a stall is reported
    /// at its deadline even if nothing else happens (upstream's `requeueStuckDeployment`):
    /// nil when no check is due.
    static func stuckCheckDelay(_ d: RolloutDeployment, newStatus: DeploymentRolloutStatus, now: Date) -> Duration? {
        guard let deadline = d.progressDeadlineSeconds, let cond = d.progressingCondition else { return nil }
        if isComplete(d, newStatus) || cond.reason == DeploymentConditionReason.progressDeadlineExceeded { return nil }
        guard let from = APITimestamp.parse(cond.lastUpdateTime) else { return nil }
        let after = from.addingTimeInterval(TimeInterval(deadline)).timeIntervalSince(now)
        if after < 1 { return .zero }
        return .milliseconds(Int64((after + 1) * 1000))
    }
}
