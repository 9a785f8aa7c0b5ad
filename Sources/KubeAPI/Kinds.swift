import KubeMachinery

// Typed views for the kinds Bosun's own components read and write. Each is its JSON plus
// the resource it lives at; accessors for a kind's fields live in that kind's extension files.

public struct Namespace: KubeObject, Hashable {
    public static let resource = APIResource(group: "", version: "v1", resource: "namespaces", kind: "Namespace", namespaced: false)
    public var json: JSONValue
    public init(json: JSONValue) { self.json = json }
}

public struct Pod: KubeObject, Hashable {
    public static let resource = APIResource(group: "", version: "v1", resource: "pods", kind: "Pod", namespaced: true)
    public var json: JSONValue
    public init(json: JSONValue) { self.json = json }
}

public struct Node: KubeObject, Hashable {
    public static let resource = APIResource(group: "", version: "v1", resource: "nodes", kind: "Node", namespaced: false)
    public var json: JSONValue
    public init(json: JSONValue) { self.json = json }
}

public struct Service: KubeObject, Hashable {
    public static let resource = APIResource(group: "", version: "v1", resource: "services", kind: "Service", namespaced: true)
    public var json: JSONValue
    public init(json: JSONValue) { self.json = json }
}

public struct Endpoints: KubeObject, Hashable {
    public static let resource = APIResource(group: "", version: "v1", resource: "endpoints", kind: "Endpoints", namespaced: true)
    public var json: JSONValue
    public init(json: JSONValue) { self.json = json }
}

public struct ConfigMap: KubeObject, Hashable {
    public static let resource = APIResource(group: "", version: "v1", resource: "configmaps", kind: "ConfigMap", namespaced: true)
    public var json: JSONValue
    public init(json: JSONValue) { self.json = json }
}

public struct Secret: KubeObject, Hashable {
    public static let resource = APIResource(group: "", version: "v1", resource: "secrets", kind: "Secret", namespaced: true)
    public var json: JSONValue
    public init(json: JSONValue) { self.json = json }
}

public struct ServiceAccount: KubeObject, Hashable {
    public static let resource = APIResource(group: "", version: "v1", resource: "serviceaccounts", kind: "ServiceAccount", namespaced: true)
    public var json: JSONValue
    public init(json: JSONValue) { self.json = json }
}

public struct CoreEvent: KubeObject, Hashable {
    public static let resource = APIResource(group: "", version: "v1", resource: "events", kind: "Event", namespaced: true)
    public var json: JSONValue
    public init(json: JSONValue) { self.json = json }
}

public struct ReplicationController: KubeObject, Hashable {
    public static let resource = APIResource(group: "", version: "v1", resource: "replicationcontrollers", kind: "ReplicationController", namespaced: true)
    public var json: JSONValue
    public init(json: JSONValue) { self.json = json }
}

public struct PersistentVolumeClaim: KubeObject, Hashable {
    public static let resource = APIResource(group: "", version: "v1", resource: "persistentvolumeclaims", kind: "PersistentVolumeClaim", namespaced: true)
    public var json: JSONValue
    public init(json: JSONValue) { self.json = json }
}

public struct PersistentVolume: KubeObject, Hashable {
    public static let resource = APIResource(group: "", version: "v1", resource: "persistentvolumes", kind: "PersistentVolume", namespaced: false)
    public var json: JSONValue
    public init(json: JSONValue) { self.json = json }
}

public struct Deployment: KubeObject, Hashable {
    public static let resource = APIResource(group: "apps", version: "v1", resource: "deployments", kind: "Deployment", namespaced: true)
    public var json: JSONValue
    public init(json: JSONValue) { self.json = json }
}

public struct ReplicaSet: KubeObject, Hashable {
    public static let resource = APIResource(group: "apps", version: "v1", resource: "replicasets", kind: "ReplicaSet", namespaced: true)
    public var json: JSONValue
    public init(json: JSONValue) { self.json = json }
}

public struct StatefulSet: KubeObject, Hashable {
    public static let resource = APIResource(group: "apps", version: "v1", resource: "statefulsets", kind: "StatefulSet", namespaced: true)
    public var json: JSONValue
    public init(json: JSONValue) { self.json = json }
}

public struct DaemonSet: KubeObject, Hashable {
    public static let resource = APIResource(group: "apps", version: "v1", resource: "daemonsets", kind: "DaemonSet", namespaced: true)
    public var json: JSONValue
    public init(json: JSONValue) { self.json = json }
}

public struct ControllerRevision: KubeObject, Hashable {
    public static let resource = APIResource(group: "apps", version: "v1", resource: "controllerrevisions", kind: "ControllerRevision", namespaced: true)
    public var json: JSONValue
    public init(json: JSONValue) { self.json = json }
}

public struct Job: KubeObject, Hashable {
    public static let resource = APIResource(group: "batch", version: "v1", resource: "jobs", kind: "Job", namespaced: true)
    public var json: JSONValue
    public init(json: JSONValue) { self.json = json }
}

public struct CronJob: KubeObject, Hashable {
    public static let resource = APIResource(group: "batch", version: "v1", resource: "cronjobs", kind: "CronJob", namespaced: true)
    public var json: JSONValue
    public init(json: JSONValue) { self.json = json }
}

public struct Lease: KubeObject, Hashable {
    public static let resource = APIResource(group: "coordination.k8s.io", version: "v1", resource: "leases", kind: "Lease", namespaced: true)
    public var json: JSONValue
    public init(json: JSONValue) { self.json = json }
}

public struct EndpointSlice: KubeObject, Hashable {
    public static let resource = APIResource(group: "discovery.k8s.io", version: "v1", resource: "endpointslices", kind: "EndpointSlice", namespaced: true)
    public var json: JSONValue
    public init(json: JSONValue) { self.json = json }
}

public struct PodDisruptionBudget: KubeObject, Hashable {
    public static let resource = APIResource(group: "policy", version: "v1", resource: "poddisruptionbudgets", kind: "PodDisruptionBudget", namespaced: true)
    public var json: JSONValue
    public init(json: JSONValue) { self.json = json }
}

public struct PriorityClass: KubeObject, Hashable {
    public static let resource = APIResource(group: "scheduling.k8s.io", version: "v1", resource: "priorityclasses", kind: "PriorityClass", namespaced: false)
    public var json: JSONValue
    public init(json: JSONValue) { self.json = json }
}
