import Foundation
import KubeAPI
import KubeClient
import KubeMachinery

/// Services and pods for the Endpoints and EndpointSlice tests. Pods are bound to a node name
/// that no kubelet serves, and their status (IP, readiness) is written by the test, so each
/// case controls exactly what the controllers see.
enum EndpointFixtures {
    static func service(_ name: String, selector: [String: String]?, ports: [JSONValue] = [port("http", 80, target: "http")],
                        publishNotReady: Bool = false, labels: [String: String] = [:]) -> Service {
        var svc = Service(namespace: "default", name: name)
        svc.labels = labels
        var spec: JSONValue = ["ports": .array(ports)]
        if let selector { spec["selector"] = .stringMap(selector) }
        if publishNotReady { spec["publishNotReadyAddresses"] = true }
        svc.spec = spec
        return svc
    }

    static func port(_ name: String, _ port: Int64, target: JSONValue) -> JSONValue {
        ["name": .string(name), "port": .int(port), "protocol": "TCP", "targetPort": target]
    }

    /// A pod spec with one container declaring `ports` (name → containerPort).
    static func pod(_ name: String, labels: [String: String], ports: [String: Int64] = ["http": 8080],
                    node: String = "node-a", hostname: String? = nil, subdomain: String? = nil) -> Pod {
        var pod = Pod(namespace: "default", name: name)
        pod.labels = labels
        let containerPorts: [JSONValue] = ports.sorted { $0.key < $1.key }.map {
            ["name": .string($0.key), "containerPort": .int($0.value), "protocol": "TCP"]
        }
        var spec: JSONValue = ["nodeName": .string(node),
                               "containers": [["name": "main", "image": "nginx:1.25", "ports": .array(containerPorts)]]]
        if let hostname { spec["hostname"] = .string(hostname) }
        if let subdomain { spec["subdomain"] = .string(subdomain) }
        pod.spec = spec
        return pod
    }

    /// The pod as a kubelet would report it: Running with `ip`, Ready or not.
    static func withStatus(_ pod: Pod, ip: String, ready: Bool) -> Pod {
        var p = pod
        let now = APITimestamp.time(Date())
        p.status = ["phase": "Running", "podIP": .string(ip), "podIPs": [["ip": .string(ip)]],
                    "conditions": [["type": "Ready", "status": ready ? "True" : "False", "lastTransitionTime": .string(now)]]]
        return p
    }

    /// Creates the pod and posts its status.
    @discardableResult
    static func createRunning(_ client: KubeClient, _ pod: Pod, ip: String, ready: Bool = true) async throws -> Pod {
        let created = try await client.create(pod)
        return try await client.updateStatus(withStatus(created, ip: ip, ready: ready))
    }

    /// Sets a pod's readiness (reading it fresh, so no conflict with earlier writes).
    static func setReady(_ client: KubeClient, _ name: String, _ ready: Bool) async throws {
        let pod = try await client.get(Pod.self, namespace: "default", name: name)
        _ = try await client.updateStatus(withStatus(pod, ip: pod.json["status"]?["podIP"]?.stringValue ?? "", ready: ready))
    }

    static func endpoints(_ client: KubeClient, _ name: String) async throws -> Endpoints? {
        do {
            return try await client.get(Endpoints.self, namespace: "default", name: name)
        } catch let e as APIError where e.isNotFound {
            return nil
        }
    }

    /// Ready and not-ready IPs of an Endpoints, over all subsets, sorted.
    static func ips(_ ep: Endpoints?) -> (ready: [String], notReady: [String]) {
        let subsets = ep?.json["subsets"]?.arrayValue ?? []
        let ready = subsets.flatMap { $0["addresses"]?.arrayValue ?? [] }.compactMap { $0["ip"]?.stringValue }
        let notReady = subsets.flatMap { $0["notReadyAddresses"]?.arrayValue ?? [] }.compactMap { $0["ip"]?.stringValue }
        return (ready.sorted(), notReady.sorted())
    }
}
