import KubeAPIServer
import KubeMachinery
import Logging
import NIOHTTP1

/// The objects every cluster starts with: the system namespaces and the `kubernetes` Service
/// with its Endpoints. Created through the API (as the API server's own user), so they get the
/// same defaulting, validation and allocation as anything a client creates.
struct BootstrapObjects {
    let api: APIServer
    let logger: Logger
    let advertiseAddress: String
    let securePort: Int

    func ensure() async {
        for ns in ["default", "kube-system", "kube-public", "kube-node-lease"] {
            await create("/api/v1/namespaces", ["apiVersion": "v1", "kind": "Namespace", "metadata": ["name": .string(ns)]])
        }
        // The two system priority classes upstream's API server maintains.
        for (name, value, description) in [
            ("system-node-critical", Int64(2_000_001_000), "Used for system critical pods that must not be moved from their current node."),
            ("system-cluster-critical", Int64(2_000_000_000), "Used for system critical pods that must run in the cluster, but can be moved to another node if necessary."),
        ] {
            await create("/apis/scheduling.k8s.io/v1/priorityclasses", [
                "apiVersion": "scheduling.k8s.io/v1", "kind": "PriorityClass",
                "metadata": ["name": .string(name)], "value": .int(value), "description": .string(description),
                "preemptionPolicy": "PreemptLowerPriority",
            ])
        }
        await create("/api/v1/namespaces/default/services", [
            "apiVersion": "v1", "kind": "Service",
            "metadata": ["name": "kubernetes", "namespace": "default",
                         "labels": ["component": "apiserver", "provider": "kubernetes"]],
            "spec": ["type": "ClusterIP", "clusterIP": .string(api.kubernetesServiceIP), "sessionAffinity": "None",
                     "ports": [["name": "https", "port": 443, "protocol": "TCP", "targetPort": .int(Int64(securePort))]]],
        ])
        await create("/api/v1/namespaces/default/endpoints", [
            "apiVersion": "v1", "kind": "Endpoints",
            "metadata": ["name": "kubernetes", "namespace": "default", "labels": ["endpointslice.kubernetes.io/skip-mirror": "true"]],
            "subsets": [["addresses": [["ip": .string(advertiseAddress)]],
                         "ports": [["name": "https", "port": .int(Int64(securePort)), "protocol": "TCP"]]]],
        ])
    }

    private func create(_ path: String, _ obj: JSONValue) async {
        let name = obj[path: ["metadata", "name"]]?.stringValue ?? ""
        let user = UserInfo(name: "system:apiserver", groups: ["system:masters"])
        let existing = await api.respond(to: APIRequest(method: .GET, uri: path + "/" + name, headers: [:], body: [], user: user))
        if existing.status == .ok { return }
        let req = APIRequest(method: .POST, uri: path, headers: ["Content-Type": "application/json"], body: obj.serialized(),
                             user: UserInfo(name: "system:apiserver", groups: ["system:masters"]))
        let resp = await api.respond(to: req)
        switch resp.status.code {
        case 201, 409: break
        default:
            var body = ""
            if case .bytes(let b) = resp.body { body = String(decoding: b, as: UTF8.self) }
            logger.error("bootstrap object not created", metadata: ["path": "\(path)", "status": "\(resp.status.code)", "body": "\(body)"])
        }
    }
}
