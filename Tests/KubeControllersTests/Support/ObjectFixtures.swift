import Foundation
import KubeAPI
import KubeClient
import KubeMachinery

/// Builders for the objects controller tests create.
enum ObjectFixtures {
    static func podTemplate(labels: [String: String]) -> JSONValue {
        ["metadata": ["labels": .stringMap(labels)],
         "spec": ["containers": [["name": "main", "image": "nginx:1.25"]]]]
    }

    static func replicaSet(_ name: String, namespace: String = "default", replicas: Int, labels: [String: String] = ["app": "web"],
                           minReadySeconds: Int64 = 0) -> ReplicaSet {
        var rs = ReplicaSet(namespace: namespace, name: name)
        var spec: JSONValue = [
            "replicas": .int(Int64(replicas)),
            "selector": ["matchLabels": .stringMap(labels)],
            "template": podTemplate(labels: labels),
        ]
        if minReadySeconds > 0 { spec["minReadySeconds"] = .int(minReadySeconds) }
        rs.spec = spec
        return rs
    }

    static func replicationController(_ name: String, namespace: String = "default", replicas: Int,
                                      labels: [String: String] = ["app": "legacy"]) -> ReplicationController {
        var rc = ReplicationController(namespace: namespace, name: name)
        rc.spec = ["replicas": .int(Int64(replicas)), "selector": .stringMap(labels), "template": podTemplate(labels: labels)]
        return rc
    }

    static func pod(_ name: String, namespace: String = "default", labels: [String: String], nodeName: String? = nil,
                    owner: OwnerReference? = nil) -> Pod {
        var pod = Pod(namespace: namespace, name: name)
        pod.labels = labels
        var spec: JSONValue = ["containers": [["name": "main", "image": "nginx:1.25"]]]
        if let nodeName { spec["nodeName"] = .string(nodeName) }
        pod.spec = spec
        if let owner { pod.ownerReferences = [owner] }
        return pod
    }

    /// A pod as a cache would hold it, for pure ranking tests: status and times set directly.
    static func rankedPod(_ uid: String, node: String = "", phase: String = "Running", ready: Bool = false,
                          readySince: Date? = nil, restarts: Int64 = 0, created: Date, deletionCost: Int? = nil) -> Pod {
        var pod = Pod(namespace: "default", name: uid)
        pod.json.set(["metadata", "uid"], to: .string(uid))
        pod.json.set(["metadata", "creationTimestamp"], to: .string(APITimestamp.time(created)))
        if let deletionCost { pod.annotations = ["controller.kubernetes.io/pod-deletion-cost": String(deletionCost)] }
        if !node.isEmpty { pod.spec = ["nodeName": .string(node)] }
        var ready: JSONValue = ["type": "Ready", "status": ready ? "True" : "False"]
        if let readySince { ready["lastTransitionTime"] = .string(APITimestamp.time(readySince)) }
        pod.status = ["phase": .string(phase), "conditions": [ready],
                      "containerStatuses": [["name": "main", "restartCount": .int(restarts)]]]
        return pod
    }
}
