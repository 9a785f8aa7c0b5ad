import KubeMachinery

/// How far a rolling update may go above and below the desired replicas (upstream's
/// `ResolveFenceposts`): a surge percentage rounds up, an unavailability percentage rounds
/// down, and when both come to zero one pod may be unavailable, or no rollout could start.
struct Fenceposts: Sendable, Hashable {
    var maxSurge: Int
    var maxUnavailable: Int

    init(maxSurge: Int, maxUnavailable: Int) {
        self.maxSurge = maxSurge
        self.maxUnavailable = maxUnavailable
    }

    init(maxSurge: IntOrString, maxUnavailable: IntOrString, replicas: Int) {
        // Validation rejects anything but integers and percentages; a value that slipped
        // through counts as 0 rather than stopping the controller.
        let surge = (try? maxSurge.scaledValue(total: replicas, roundUp: true)) ?? 0
        var unavailable = (try? maxUnavailable.scaledValue(total: replicas, roundUp: false)) ?? 0
        if surge == 0 && unavailable == 0 { unavailable = 1 }
        self.init(maxSurge: surge, maxUnavailable: unavailable)
    }

    /// Recreate has no surge and no unavailability budget: it scales to zero and back.
    init(strategy: RolloutDeployment.Strategy, replicas: Int) {
        switch strategy {
        case .recreate: self.init(maxSurge: 0, maxUnavailable: 0)
        case .rollingUpdate(let s, let u): self.init(maxSurge: s, maxUnavailable: u, replicas: replicas)
        }
    }
}
