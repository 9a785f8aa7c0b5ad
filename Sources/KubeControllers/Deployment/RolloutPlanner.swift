/// The arithmetic of a rollout, free of I/O so that tables can test it: how big the new
/// ReplicaSet may grow, which old ReplicaSets shrink and by how much, and how a change of
/// `spec.replicas` is spread over ReplicaSets mid-rollout.
enum RolloutPlanner {
    /// One ReplicaSet resize.
    struct Step: Sendable, Hashable {
        var name: String
        var from: Int
        var to: Int
    }

    /// Upstream's `NewRSNewReplicas`: Recreate jumps to the desired count; a rolling update
    /// grows the new ReplicaSet only as far as the surge allows over all ReplicaSets' pods.
    static func newReplicaSetSize(replicas: Int, strategy: RolloutDeployment.Strategy,
                                  allReplicas: Int, newReplicaSetReplicas: Int) -> Int {
        switch strategy {
        case .recreate:
            return replicas
        case .rollingUpdate:
            let maxTotal = replicas + Fenceposts(strategy: strategy, replicas: replicas).maxSurge
            guard allReplicas < maxTotal else { return newReplicaSetReplicas }
            let scaleUp = min(maxTotal - allReplicas, replicas - newReplicaSetReplicas)
            return newReplicaSetReplicas + scaleUp
        }
    }

    /// How many old pods may go now (upstream's `maxScaledDown`): whatever keeps the total
    /// at or above `replicas - maxUnavailable`, not counting new pods that are not available
    /// yet (they may never become so, and must not be relied upon).
    static func maxScaledDown(allReplicas: Int, replicas: Int, maxUnavailable: Int,
                              newReplicas: Int, newAvailable: Int) -> Int {
        allReplicas - (replicas - maxUnavailable) - (newReplicas - newAvailable)
    }

    /// Old ReplicaSets lose their unavailable pods first (oldest ReplicaSet first, at most
    /// `limit` in all): removing a pod that serves nothing costs no availability.
    static func unhealthyCleanup(_ old: [RolloutReplicaSet], limit: Int) -> [Step] {
        var steps: [Step] = []
        var total = 0
        for rs in old.oldestFirst() {
            if total >= limit { break }
            // A ReplicaSet just scaled down may still report more available pods than it
            // wants; it has nothing unhealthy to give up (and must never be scaled up here).
            if rs.replicas == 0 || rs.replicas <= rs.availableReplicas { continue }
            let count = min(limit - total, rs.replicas - rs.availableReplicas)
            steps.append(Step(name: rs.name, from: rs.replicas, to: rs.replicas - count))
            total += count
        }
        return steps
    }

    /// Then old ReplicaSets shrink, oldest first, by as much as availability above
    /// `replicas - maxUnavailable` allows (upstream's `scaleDownOldReplicaSetsForRollingUpdate`).
    /// `availableReplicas` counts every ReplicaSet of the deployment.
    static func availableScaleDown(_ old: [RolloutReplicaSet], availableReplicas: Int, minAvailable: Int) -> [Step] {
        guard availableReplicas > minAvailable else { return [] }
        let budget = availableReplicas - minAvailable
        var steps: [Step] = []
        var total = 0
        for rs in old.oldestFirst() {
            if total >= budget { break }
            if rs.replicas == 0 { continue }
            let count = min(rs.replicas, budget - total)
            steps.append(Step(name: rs.name, from: rs.replicas, to: rs.replicas - count))
            total += count
        }
        return steps
    }

    /// Upstream's proportional scaling: when `spec.replicas` changes while several
    /// ReplicaSets have pods, each gets a share of the difference proportional to its size
    /// (against the `max-replicas` it was sized for, or the deployment's status replicas),
    /// and what rounding leaves over goes to the first in order: the largest (newest among
    /// equals) when growing, the largest (oldest among equals) when shrinking. Returns a
    /// step for every active ReplicaSet, changed or not, so callers can refresh annotations.
    static func proportionalScale(active: [RolloutReplicaSet], replicas: Int, maxSurge: Int,
                                  statusReplicas: Int) -> [Step] {
        let allowed = replicas > 0 ? replicas + maxSurge : 0
        let toAdd = allowed - active.specReplicas
        let ordered: [RolloutReplicaSet]
        if toAdd > 0 { ordered = active.largestNewestFirst() }
        else if toAdd < 0 { ordered = active.largestOldestFirst() }
        else { ordered = active }

        var added = 0
        var sizes: [Int] = []
        for rs in ordered {
            guard toAdd != 0 else { sizes.append(rs.replicas); continue }
            let share = proportion(rs, replicas: replicas, maxSurge: maxSurge, statusReplicas: statusReplicas,
                                   toAdd: toAdd, added: added)
            sizes.append(rs.replicas + share)
            added += share
        }
        if toAdd != 0, !sizes.isEmpty {
            sizes[0] = max(0, sizes[0] + toAdd - added)
        }
        return zip(ordered, sizes).map { Step(name: $0.name, from: $0.replicas, to: $1) }
    }

    /// The share of `toAdd` one ReplicaSet gets, never past what is still to hand out.
    static func proportion(_ rs: RolloutReplicaSet, replicas: Int, maxSurge: Int, statusReplicas: Int,
                           toAdd: Int, added: Int) -> Int {
        guard rs.replicas != 0, toAdd != 0, toAdd != added else { return 0 }
        let fraction = fractionChange(rs, replicas: replicas, maxSurge: maxSurge, statusReplicas: statusReplicas)
        let remaining = toAdd - added
        return toAdd > 0 ? min(fraction, remaining) : max(fraction, remaining)
    }

    /// How much the ReplicaSet would change were it resized to the same fraction of the new
    /// total as it held of the old one (rounded half away from zero, as Go's `math.Round`).
    static func fractionChange(_ rs: RolloutReplicaSet, replicas: Int, maxSurge: Int, statusReplicas: Int) -> Int {
        if replicas == 0 { return -rs.replicas }
        let newTotal = replicas + maxSurge
        let oldTotal = rs.maxReplicasAnnotation ?? statusReplicas
        // No record of the old total: no proportional share; the leftover pass places the rest.
        guard oldTotal > 0 else { return 0 }
        let size = (Double(rs.replicas * newTotal) / Double(oldTotal)).rounded(.toNearestOrAwayFromZero)
        return Int(size) - rs.replicas
    }
}
