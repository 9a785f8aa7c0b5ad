import KubeAPI
import KubeClient
import KubeMachinery

/// Binds every unscheduled pod to a node, round-robin: a stand-in for the scheduler so that
/// hollow kubelets run the pods controllers create. Polls the API because a test cluster is
/// small and this keeps the binder independent of the caches under test.
struct TestBinder: Sendable {
    let client: KubeClient
    let nodes: [String]

    func run() async {
        var next = 0
        while !Task.isCancelled {
            if let pods = try? await client.list(Pod.self).items {
                for pod in pods where pod.json["spec"]?["nodeName"]?.stringValue == nil && !pod.isBeingDeleted {
                    let node = nodes[next % nodes.count]
                    next += 1
                    let binding: JSONValue = [
                        "apiVersion": "v1", "kind": "Binding",
                        "metadata": ["name": .string(pod.name), "namespace": .string(pod.namespace ?? "default")],
                        "target": ["apiVersion": "v1", "kind": "Node", "name": .string(node)],
                    ]
                    _ = try? await client.createSubresource(Pod.resource, namespace: pod.namespace, name: pod.name,
                                                            subresource: "binding", binding)
                }
            }
            try? await Task.sleep(for: .milliseconds(50))
        }
    }
}
