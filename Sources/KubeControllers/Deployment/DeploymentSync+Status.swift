import Foundation
import KubeAPI
import KubeClient
import KubeMachinery

/// Writing the Deployment's status: counts, the Available condition, and the Progressing
/// condition that tells `kubectl rollout status` whether a rollout moves, finished or stalled.
extension DeploymentSync {
    /// Writes a status (only ever called with a changed one) and keeps the returned object.
    mutating func writeStatus(_ status: DeploymentRolloutStatus) async throws {
        var object = d.object
        object.json["status"] = status.json
        d.object = try await client.updateStatus(object)
        d.status = status
    }

    /// Upstream's `syncDeploymentStatus`: counts and availability, no progress judgement.
    mutating func syncDeploymentStatus(newRS newName: String?) async throws {
        let newRS = newName.flatMap(current)
        let status = DeploymentStatusMath.calculate(d, all: rsList, newRS: newRS, now: controller.timestamp)
        if status != d.status { try await writeStatus(status) }
    }

    /// Status for a Deployment being deleted: counts only.
    mutating func syncStatusOnly() async throws {
        let (newRS, _) = try await replicaSetsAndSyncRevision(createIfMissing: false)
        try await syncDeploymentStatus(newRS: newRS?.name)
    }

    /// Upstream's `syncRolloutStatus`: the Progressing condition moves to
    /// NewReplicaSetAvailable when complete, is refreshed (ReplicaSetUpdated) whenever
    /// something progressed, and turns to ProgressDeadlineExceeded when it was not refreshed
    /// within the deadline. A rollout still under way is looked at again at its deadline.
    mutating func syncRolloutStatus(newRS newName: String?) async throws {
        let newRS = newName.flatMap(current)
        let now = controller.now()
        let stamp = APITimestamp.time(now)
        var status = DeploymentStatusMath.calculate(d, all: rsList, newRS: newRS, now: stamp)
        if !d.hasProgressDeadline { status.conditions.remove(DeploymentConditionType.progressing) }
        let progressing = d.progressingCondition
        let alreadyComplete = status.replicas == status.updatedReplicas
            && progressing?.reason == DeploymentConditionReason.newReplicaSetAvailable
        if d.hasProgressDeadline && !alreadyComplete {
            let subject = newRS.map { "ReplicaSet \"\($0.name)\"" } ?? "Deployment \"\(d.name)\""
            if DeploymentStatusMath.isComplete(d, status) {
                status.conditions.set(DeploymentCondition(
                    type: DeploymentConditionType.progressing, status: "True",
                    reason: DeploymentConditionReason.newReplicaSetAvailable,
                    message: "\(subject) has successfully progressed.", now: stamp))
            } else if DeploymentStatusMath.isProgressing(d, status) {
                var cond = DeploymentCondition(
                    type: DeploymentConditionType.progressing, status: "True",
                    reason: DeploymentConditionReason.replicaSetUpdated,
                    message: "\(subject) is progressing.", now: stamp)
                // Progress refreshes lastUpdateTime even when the reason stays the same, which
                // the generic rule would not do; the transition time stays while it is True.
                if let progressing {
                    if progressing.status == "True" { cond.lastTransitionTime = progressing.lastTransitionTime }
                    status.conditions.remove(DeploymentConditionType.progressing)
                }
                status.conditions.set(cond)
            } else if DeploymentStatusMath.hasTimedOut(d, status, now: now) {
                status.conditions.set(DeploymentCondition(
                    type: DeploymentConditionType.progressing, status: "False",
                    reason: DeploymentConditionReason.progressDeadlineExceeded,
                    message: "\(subject) has timed out progressing.", now: stamp))
            }
        }
        if let failure = replicaFailure(newRS: newRS) {
            status.conditions.set(failure)
        } else {
            status.conditions.remove(DeploymentConditionType.replicaFailure)
        }
        if status == d.status {
            requeueAfter = DeploymentStatusMath.stuckCheckDelay(d, newStatus: status, now: now)
            return
        }
        // The write comes back through the informer; that pass, finding nothing new, sets
        // the timer for the deadline.
        try await writeStatus(status)
    }

    /// A ReplicaSet's ReplicaFailure condition (the new one's first), carried over to the
    /// Deployment so that quota or admission failures show where users look.
    func replicaFailure(newRS: RolloutReplicaSet?) -> DeploymentCondition? {
        func failure(_ rs: RolloutReplicaSet) -> DeploymentCondition? {
            guard let c = rs.object.json["status"]?["conditions"]?.arrayValue?
                .first(where: { $0["type"]?.stringValue == DeploymentConditionType.replicaFailure }) else { return nil }
            var cond = DeploymentCondition(json: c)
            cond.lastUpdateTime = cond.lastTransitionTime
            return cond
        }
        if let newRS, let f = failure(newRS) { return f }
        return rsList.lazy.compactMap(failure).first
    }

    /// Upstream's `checkPausedConditions`: Progressing turns Unknown with DeploymentPaused
    /// when paused and DeploymentResumed when resumed, unless a stall was already reported.
    mutating func checkPausedConditions() async throws {
        guard d.hasProgressDeadline else { return }
        let cond = d.progressingCondition
        if cond?.reason == DeploymentConditionReason.progressDeadlineExceeded { return }
        let pausedReported = cond?.reason == DeploymentConditionReason.paused
        var status = d.status
        if d.paused && !pausedReported {
            status.conditions.set(DeploymentCondition(
                type: DeploymentConditionType.progressing, status: "Unknown",
                reason: DeploymentConditionReason.paused, message: "Deployment is paused", now: controller.timestamp))
        } else if !d.paused && pausedReported {
            status.conditions.set(DeploymentCondition(
                type: DeploymentConditionType.progressing, status: "Unknown",
                reason: DeploymentConditionReason.resumed, message: "Deployment is resumed", now: controller.timestamp))
        } else {
            return
        }
        try await writeStatus(status)
    }
}
