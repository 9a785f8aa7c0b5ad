import KubeAPI
import KubeClient
import KubeMachinery

/// ConfigMaps, Secrets, ReplicaSets and Pods wired together with ownerReferences, for the
/// garbage collector's and namespace controller's tests.
enum OwnedObjects {
    static func reference(to object: JSONValue, controller: Bool = false, blockOwnerDeletion: Bool = false) -> OwnerReference {
        OwnerReference(apiVersion: object["apiVersion"]?.stringValue ?? "v1", kind: object["kind"]?.stringValue ?? "",
                       name: object["metadata"]?["name"]?.stringValue ?? "", uid: object["metadata"]?["uid"]?.stringValue ?? "",
                       controller: controller, blockOwnerDeletion: blockOwnerDeletion)
    }

    static func metadata(_ name: String, namespace: String, owners: [OwnerReference], finalizers: [String]) -> JSONValue {
        var meta: JSONValue = ["name": .string(name), "namespace": .string(namespace)]
        if !owners.isEmpty { meta["ownerReferences"] = .array(owners.map(\.json)) }
        if !finalizers.isEmpty { meta["finalizers"] = .array(finalizers.map { .string($0) }) }
        return meta
    }

    @discardableResult
    static func configMap(_ client: KubeClient, _ name: String, namespace: String = "default",
                          owners: [OwnerReference] = [], finalizers: [String] = []) async throws -> JSONValue {
        let object: JSONValue = ["apiVersion": "v1", "kind": "ConfigMap",
                                 "metadata": metadata(name, namespace: namespace, owners: owners, finalizers: finalizers),
                                 "data": ["k": "v"]]
        return try await client.create(ConfigMap.resource, namespace: namespace, object)
    }

    @discardableResult
    static func secret(_ client: KubeClient, _ name: String, namespace: String = "default",
                       owners: [OwnerReference] = [], finalizers: [String] = []) async throws -> JSONValue {
        let object: JSONValue = ["apiVersion": "v1", "kind": "Secret",
                                 "metadata": metadata(name, namespace: namespace, owners: owners, finalizers: finalizers),
                                 "type": "Opaque"]
        return try await client.create(Secret.resource, namespace: namespace, object)
    }

    @discardableResult
    static func replicaSet(_ client: KubeClient, _ name: String, namespace: String = "default") async throws -> JSONValue {
        let labels: JSONValue = ["app": .string(name)]
        let object: JSONValue = [
            "apiVersion": "apps/v1", "kind": "ReplicaSet",
            "metadata": ["name": .string(name), "namespace": .string(namespace)],
            "spec": ["replicas": 0, "selector": ["matchLabels": labels],
                     "template": ["metadata": ["labels": labels],
                                  "spec": ["containers": [["name": "main", "image": "nginx:1.25"]]]]],
        ]
        return try await client.create(ReplicaSet.resource, namespace: namespace, object)
    }

    @discardableResult
    static func deployment(_ client: KubeClient, _ name: String, namespace: String = "default") async throws -> JSONValue {
        let labels: JSONValue = ["app": .string(name)]
        let object: JSONValue = [
            "apiVersion": "apps/v1", "kind": "Deployment",
            "metadata": ["name": .string(name), "namespace": .string(namespace)],
            "spec": ["replicas": 2, "selector": ["matchLabels": labels],
                     "template": ["metadata": ["labels": labels],
                                  "spec": ["containers": [["name": "main", "image": "nginx:1.25"]]]]],
        ]
        return try await client.create(Deployment.resource, namespace: namespace, object)
    }

    /// A ReplicaSet owned (as its controller) by another object.
    @discardableResult
    static func replicaSet(_ client: KubeClient, _ name: String, namespace: String = "default", owner: OwnerReference) async throws -> JSONValue {
        var object = try await replicaSet(client, name, namespace: namespace)
        object.set(["metadata", "ownerReferences"], to: [owner.json])
        return try await client.update(ReplicaSet.resource, object)
    }

    /// An unscheduled pod (so a delete removes it at once: nothing runs it).
    @discardableResult
    static func pod(_ client: KubeClient, _ name: String, namespace: String = "default",
                    owners: [OwnerReference] = [], finalizers: [String] = []) async throws -> JSONValue {
        let object: JSONValue = ["apiVersion": "v1", "kind": "Pod",
                                 "metadata": metadata(name, namespace: namespace, owners: owners, finalizers: finalizers),
                                 "spec": ["containers": [["name": "main", "image": "nginx:1.25"]]]]
        return try await client.create(Pod.resource, namespace: namespace, object)
    }

    /// The object, or nil once it is gone.
    static func get(_ client: KubeClient, _ r: APIResource, _ name: String, namespace: String? = "default") async throws -> JSONValue? {
        do {
            return try await client.get(r, namespace: namespace, name: name)
        } catch let e as APIError where e.isNotFound {
            return nil
        }
    }

    /// Removes every finalizer from an object.
    static func clearFinalizers(_ client: KubeClient, _ r: APIResource, _ name: String, namespace: String = "default") async throws {
        // A merge patch, not read-modify-write: the garbage collector may be writing the same
        // object (marking it deleted) at the same moment, and a stale update would conflict.
        do {
            _ = try await client.patch(r, namespace: namespace, name: name, .merge, ["metadata": ["finalizers": .null]])
        } catch let e as APIError where e.isNotFound {}
    }

    static func ownerUIDs(_ object: JSONValue?) -> [String] {
        (object?["metadata"]?["ownerReferences"]?.arrayValue ?? []).compactMap { $0["uid"]?.stringValue }
    }

    static func finalizers(_ object: JSONValue?) -> [String] {
        (object?["metadata"]?["finalizers"]?.arrayValue ?? []).compactMap(\.stringValue)
    }
}
