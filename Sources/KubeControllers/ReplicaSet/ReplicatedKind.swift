import KubeAPI
import KubeClient
import KubeMachinery

/// What the replica manager needs from the kind it manages, so that ReplicaSets and
/// ReplicationControllers share one implementation: they differ only in how the selector is
/// written (a `metav1.LabelSelector` vs a plain map) and in names.
public protocol ReplicatedKind: KubeObject {
    /// The controller name (`replicaset`, `replicationcontroller`).
    static var controllerName: String { get }
    /// The event source component (`replicaset-controller`, `replication-controller`).
    static var eventComponent: String { get }
    /// The pods this object selects; `.nothing` for a missing or unparsable selector.
    var podSelector: LabelSelector { get }
}

extension ReplicatedKind {
    /// `spec.replicas` (the API server defaults it to 1).
    public var desiredReplicas: Int { Int(json["spec"]?["replicas"]?.intValue ?? 1) }
    /// `spec.minReadySeconds`.
    public var minReadySeconds: Int64 { json["spec"]?["minReadySeconds"]?.intValue ?? 0 }
    /// `spec.template`, the PodTemplateSpec new pods are made from.
    public var podTemplate: JSONValue? { json["spec"]?["template"] }
}

extension ReplicaSet: ReplicatedKind {
    public static let controllerName = "replicaset"
    public static let eventComponent = "replicaset-controller"
    public var podSelector: LabelSelector {
        (try? LabelSelector(metav1: json["spec"]?["selector"])) ?? .nothing
    }
}

extension ReplicationController: ReplicatedKind {
    public static let controllerName = "replicationcontroller"
    public static let eventComponent = "replication-controller"
    /// An RC's selector is a map; when absent the API server defaults it to the template's
    /// labels, and so does this, for objects that skipped defaulting. Validation never lets
    /// an empty selector through; should one appear anyway it selects nothing here rather
    /// than every pod in the namespace.
    public var podSelector: LabelSelector {
        let map = json["spec"]?["selector"]?.stringMap ?? podTemplate?["metadata"]?["labels"]?.stringMap ?? [:]
        if map.isEmpty { return .nothing }
        return (try? LabelSelector(matchLabels: map)) ?? .nothing
    }
}
