import Foundation
import KubeAPI
import KubeClient
import Synchronization

/// Works out the `endpoints.kubernetes.io/last-change-trigger-time` of an Endpoints write
/// (upstream's `TriggerTimeTracker`): the earliest time of the changes not yet reflected,
/// where a pod's change time is its Ready condition's last transition and a new Service's is
/// its creation. Nil when nothing with a known time changed (the annotation is then dropped).
final class TriggerTimeTracker: Sendable {
    private struct ServiceState {
        var podTriggers: [String: String]
    }
    private let state = Mutex<[String: ServiceState]>([:])

    /// The trigger time for syncing `service` with `pods`, and the state to `commit` once the
    /// write succeeded.
    func compute(service: Service, pods: [Pod]) -> (time: Date?, snapshot: [String: String]) {
        var current: [String: String] = [:]
        for pod in pods {
            current[pod.key] = pod.readyCondition?["lastTransitionTime"]?.stringValue ?? ""
        }
        let previous = state.withLock { $0[service.key] }
        var times: [Date] = []
        if previous == nil, let created = service.creationTimestamp.flatMap(APITimestamp.parse) { times.append(created) }
        for (key, trigger) in current where previous?.podTriggers[key] != trigger {
            if let t = APITimestamp.parse(trigger) { times.append(t) }
        }
        return (times.min(), current)
    }

    func commit(serviceKey: String, snapshot: [String: String]) {
        state.withLock { $0[serviceKey] = ServiceState(podTriggers: snapshot) }
    }

    func forget(serviceKey: String) {
        state.withLock { _ = $0.removeValue(forKey: serviceKey) }
    }
}
