import Foundation
import KubeAPI
import KubeClient
import KubeMachinery

/// Pod facts controllers share (upstream's `podutil` and `controller` helpers), read from a
/// pod's JSON.
extension Pod {
    /// `status.phase`; "" when not reported yet.
    var phase: String { json["status"]?["phase"]?.stringValue ?? "" }

    /// `spec.nodeName`; "" while unscheduled.
    var nodeName: String { json["spec"]?["nodeName"]?.stringValue ?? "" }

    /// Counts toward a controller's replicas: not finished and not being deleted
    /// (upstream's `IsPodActive`).
    var isActive: Bool { phase != "Succeeded" && phase != "Failed" && !isBeingDeleted }

    /// The `Ready` condition, if reported.
    var readyCondition: JSONValue? {
        json["status"]?["conditions"]?.arrayValue?.first { $0["type"]?.stringValue == "Ready" }
    }

    /// The Ready condition is True.
    var isReady: Bool { readyCondition?["status"]?.stringValue == "True" }

    /// When the pod last became ready, if it is ready.
    var readySince: Date? {
        guard isReady, let t = readyCondition?["lastTransitionTime"]?.stringValue else { return nil }
        return APITimestamp.parse(t)
    }

    /// Ready for at least `minReadySeconds` at `now` (upstream's `IsPodAvailable`). A ready
    /// pod without a transition time counts as available only when no wait is asked for.
    func isAvailable(minReadySeconds: Int64, now: Date) -> Bool {
        guard isReady else { return false }
        if minReadySeconds == 0 { return true }
        guard let since = readySince else { return false }
        return since.addingTimeInterval(TimeInterval(minReadySeconds)) <= now
    }

    /// Restarts of the container that restarted most: what victim ranking compares.
    var maxContainerRestarts: Int64 {
        let statuses = json["status"]?["containerStatuses"]?.arrayValue ?? []
        return statuses.compactMap { $0["restartCount"]?.intValue }.max() ?? 0
    }

    /// `metadata.creationTimestamp` parsed.
    var createdAt: Date? { creationTimestamp.flatMap(APITimestamp.parse) }
}
