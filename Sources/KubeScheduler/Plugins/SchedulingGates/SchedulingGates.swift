/// Keeps pods that still carry `spec.schedulingGates` out of the active queue: whoever added a
/// gate (a quota controller, a workflow engine) must remove it before scheduling is attempted.
public struct SchedulingGates: PreEnqueuePlugin, EnqueueExtensions {
    public static let name = "SchedulingGates"
    public var name: String { Self.name }

    public init() {}

    public func preEnqueue(_ pod: PodInfo) -> Status {
        let gates = Self.gateNames(of: pod)
        if gates.isEmpty { return .success }
        // Upstream prints the Go slice: "[a b]".
        return .unresolvable("waiting for scheduling gates: [\(gates.joined(separator: " "))]")
    }

    /// Removing a gate is an update of the (unscheduled) pod itself.
    public var eventsToRegister: [ClusterEvent] {
        [ClusterEvent(.pod, .updateOther)]
    }

    static func gateNames(of pod: PodInfo) -> [String] {
        pod.pod.json["spec"]?["schedulingGates"]?.arrayValue?.compactMap { $0["name"]?.stringValue } ?? []
    }
}
