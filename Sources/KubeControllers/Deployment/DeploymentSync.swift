import KubeAPI
import KubeClient
import KubeMachinery

/// One sync of one Deployment (upstream's `syncDeployment`). It carries the Deployment and
/// its ReplicaSets as they are after each of its own writes, so that later steps of the same
/// pass build on them instead of on the cache's older copies.
struct DeploymentSync {
    let controller: DeploymentController
    var d: RolloutDeployment
    /// The ReplicaSets this Deployment controls, kept current with this pass's writes.
    var rsList: [RolloutReplicaSet] = []
    /// A stall check due after this pass, when the rollout is not complete.
    var requeueAfter: Duration?

    init(controller: DeploymentController, deployment: Deployment) {
        self.controller = controller
        self.d = RolloutDeployment(deployment)
    }

    var client: KubeClient { controller.client }

    mutating func run() async throws -> ReconcileResult {
        if Self.selectsEverything(d.selector) {
            controller.event(d, .warning, reason: "SelectorOverride",
                             "This deployment is selecting all pods. A non-empty selector is required.")
            if d.status.observedGeneration < d.generation {
                var status = d.status
                status.observedGeneration = d.generation
                try await writeStatus(status)
            }
            return .done
        }
        rsList = try await claimReplicaSets()
        if d.object.isBeingDeleted {
            try await syncStatusOnly()
            return .done
        }
        try await checkPausedConditions()
        // Paused: scaling only. A changed spec.replicas is scaled before any rollout step.
        let scalingOnly = try await d.paused ? true : isScalingEvent()
        if scalingOnly {
            try await syncScaling()
            return .done
        }
        switch d.strategy {
        case .recreate: try await rolloutRecreate()
        case .rollingUpdate: try await rolloutRolling()
        }
        guard let delay = requeueAfter else { return .done }
        return delay == .zero ? .requeue : .requeueAfter(delay)
    }

    /// An empty (but present) selector would select every pod in the namespace.
    static func selectsEverything(_ selector: JSONValue?) -> Bool {
        guard let s = selector, !s.isNull else { return false }
        return (s["matchLabels"]?.objectValue ?? [:]).isEmpty && (s["matchExpressions"]?.arrayValue ?? []).isEmpty
    }

    /// The ReplicaSets this Deployment controls, after adopting matching orphans and
    /// releasing its own that no longer match.
    func claimReplicaSets() async throws -> [RolloutReplicaSet] {
        let selector = try LabelSelector(metav1: d.selector)
        let candidates = ControllerKeys.claimCandidates(controller.replicaSets, owner: d.object)
        let manager = ControllerRefManager<Deployment, ReplicaSet>(client: client, owner: d.object, selector: selector)
        return try await manager.claim(candidates).map(RolloutReplicaSet.init)
    }

    /// Upstream's `isScalingEvent`: some active ReplicaSet was sized for another
    /// `spec.replicas` than the Deployment's now. Resolving the new ReplicaSet may bring its
    /// annotations and the Deployment's revision up to date on the way, as upstream does.
    mutating func isScalingEvent() async throws -> Bool {
        let (newRS, old) = try await replicaSetsAndSyncRevision(createIfMissing: false)
        let all = old + (newRS.map { [$0] } ?? [])
        return all.active.contains { rs in
            guard let desired = rs.desiredReplicasAnnotation else { return false }
            return desired != d.replicas
        }
    }

    /// Replaces a ReplicaSet in `rsList` with the copy the API server returned.
    mutating func remember(_ rs: RolloutReplicaSet) {
        if let i = rsList.firstIndex(where: { $0.uid == rs.uid }) { rsList[i] = rs } else { rsList.append(rs) }
    }

    /// The current copy of a ReplicaSet of this pass, by name.
    func current(_ name: String) -> RolloutReplicaSet? { rsList.first { $0.name == name } }
}
