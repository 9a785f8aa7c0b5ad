import KubeAPI
import KubeMachinery

/// A ReplicaSet as the Deployment controller sees it: its sizes, revision and annotations,
/// read from the JSON (which stays the truth for writes).
struct RolloutReplicaSet: Sendable {
    var object: ReplicaSet

    init(_ object: ReplicaSet) { self.object = object }

    var name: String { object.name }
    var uid: String { object.uid }
    var creationTimestamp: String { object.creationTimestamp ?? "" }
    var annotations: [String: String] { object.annotations }
    var isBeingDeleted: Bool { object.isBeingDeleted }

    /// `spec.replicas` (1 when unset, as the API server defaults it).
    var replicas: Int {
        get { Int(object.json["spec"]?["replicas"]?.intValue ?? 1) }
        set { object.json.set(["spec", "replicas"], to: .int(Int64(newValue))) }
    }
    var template: JSONValue { object.json["spec"]?["template"] ?? .object([:]) }
    var minReadySeconds: Int64 { object.json["spec"]?["minReadySeconds"]?.intValue ?? 0 }

    private func statusCount(_ field: String) -> Int { Int(object.json["status"]?[field]?.intValue ?? 0) }
    /// `status.replicas`: pods that exist, whatever their state.
    var statusReplicas: Int { statusCount("replicas") }
    var readyReplicas: Int { statusCount("readyReplicas") }
    var availableReplicas: Int { statusCount("availableReplicas") }
    /// Available pods the ReplicaSet will keep: a ReplicaSet just scaled down may still
    /// report the pods it is about to delete, and counting those would let a rolling update
    /// take more away than its budget allows.
    var availableWithinSpec: Int { min(availableReplicas, replicas) }
    var observedGeneration: Int64 { object.json["status"]?["observedGeneration"]?.intValue ?? 0 }
    var generation: Int64 { object.generation }

    /// The `deployment.kubernetes.io/revision` annotation as a number; 0 when missing or not a number.
    var revision: Int64 { Int64(annotations[RevisionAnnotations.revision] ?? "") ?? 0 }

    /// `deployment.kubernetes.io/max-replicas`, if set and numeric.
    var maxReplicasAnnotation: Int? { annotations[RevisionAnnotations.maxReplicas].flatMap { Int($0) } }
    /// `deployment.kubernetes.io/desired-replicas`, if set and numeric.
    var desiredReplicasAnnotation: Int? { annotations[RevisionAnnotations.desiredReplicas].flatMap { Int($0) } }
}

/// Sums and orders over ReplicaSets, as upstream's deployment utilities define them.
extension Array where Element == RolloutReplicaSet {
    /// ReplicaSets that should have pods (`spec.replicas > 0`).
    var active: [RolloutReplicaSet] { filter { $0.replicas > 0 } }
    var specReplicas: Int { reduce(0) { $0 + $1.replicas } }
    var statusReplicas: Int { reduce(0) { $0 + $1.statusReplicas } }
    var readyReplicas: Int { reduce(0) { $0 + $1.readyReplicas } }
    var availableReplicas: Int { reduce(0) { $0 + $1.availableReplicas } }
    var availableWithinSpec: Int { reduce(0) { $0 + $1.availableWithinSpec } }
    var maxRevision: Int64 { map(\.revision).max() ?? 0 }

    /// Oldest first; ties by name, so the order is total.
    func oldestFirst() -> [RolloutReplicaSet] {
        sorted { a, b in
            a.creationTimestamp == b.creationTimestamp ? a.name < b.name : a.creationTimestamp < b.creationTimestamp
        }
    }

    /// Largest first; among equals the newest first: who gets replicas when scaling up.
    func largestNewestFirst() -> [RolloutReplicaSet] {
        sorted { a, b in
            if a.replicas != b.replicas { return a.replicas > b.replicas }
            if a.creationTimestamp != b.creationTimestamp { return a.creationTimestamp > b.creationTimestamp }
            return a.name > b.name
        }
    }

    /// Largest first; among equals the oldest first: who loses replicas when scaling down.
    func largestOldestFirst() -> [RolloutReplicaSet] {
        sorted { a, b in
            if a.replicas != b.replicas { return a.replicas > b.replicas }
            if a.creationTimestamp != b.creationTimestamp { return a.creationTimestamp < b.creationTimestamp }
            return a.name < b.name
        }
    }

    /// Lowest revision first; ties oldest first: the order old ReplicaSets are cleaned up in.
    func byRevision() -> [RolloutReplicaSet] {
        sorted { a, b in
            if a.revision != b.revision { return a.revision < b.revision }
            if a.creationTimestamp != b.creationTimestamp { return a.creationTimestamp < b.creationTimestamp }
            return a.name < b.name
        }
    }
}
