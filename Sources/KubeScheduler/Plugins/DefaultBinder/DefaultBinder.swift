import KubeAPI
import KubeMachinery

/// Binds a pod by POSTing a Binding to `pods/<name>/binding`: the API server sets
/// `spec.nodeName` and the PodScheduled condition atomically, and refuses if the pod was
/// bound meanwhile (409) or deleted (404), so a stale scheduler cannot double-bind.
public struct DefaultBinder: BindPlugin {
    public static let name = "DefaultBinder"
    public var name: String { Self.name }

    let handle: any FrameworkHandle

    public init(handle: any FrameworkHandle) { self.handle = handle }

    public func bind(_ state: CycleState, _ pod: PodInfo, nodeName: String) async -> Status {
        do {
            _ = try await handle.client.createSubresource(Pod.resource, namespace: pod.namespace, name: pod.name,
                                                          subresource: "binding", Self.binding(for: pod, nodeName: nodeName))
            return .success
        } catch let e as APIError {
            return .error(e.message.isEmpty ? e.description : e.message)
        } catch {
            return .error(String(describing: error))
        }
    }

    /// The uid makes the server reject the binding if the pod was deleted and re-created under
    /// the same name while this cycle ran.
    static func binding(for pod: PodInfo, nodeName: String) -> JSONValue {
        var metadata: [String: JSONValue] = ["name": .string(pod.name), "namespace": .string(pod.namespace)]
        if !pod.uid.isEmpty { metadata["uid"] = .string(pod.uid) }
        return [
            "apiVersion": "v1",
            "kind": "Binding",
            "metadata": .object(metadata),
            "target": ["apiVersion": "v1", "kind": "Node", "name": .string(nodeName)],
        ]
    }
}
