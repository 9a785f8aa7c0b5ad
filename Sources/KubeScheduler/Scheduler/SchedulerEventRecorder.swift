import KubeClient
import KubeMachinery

/// Where the scheduler reports `Scheduled` and `FailedScheduling` events; the client's
/// `EventRecorder` in production, a recording fake in tests.
public protocol SchedulerEventRecorder: Sendable {
    func event(regarding object: JSONValue, type: EventType, reason: String, message: String)
}

extension EventRecorder: SchedulerEventRecorder {}
