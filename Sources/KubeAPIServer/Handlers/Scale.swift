import KubeMachinery
import KubeResources

/// The `scale` subresource: an autoscaling/v1 Scale view of a workload's replicas.
enum Scale {
    static func scale(of obj: JSONValue, type: ResourceType) throws(APIError) -> JSONValue {
        let meta = obj["metadata"] ?? .object([:])
        var scaleMeta: JSONValue = [:]
        for f in ["name", "namespace", "uid", "resourceVersion", "creationTimestamp"] { scaleMeta[f] = meta[f] }
        let selector: String
        if let sel = obj[path: ["spec", "selector"]] {
            if case .object = sel {
                selector = LabelSelectorText.string(from: sel)
            } else {
                selector = ""
            }
        } else {
            selector = ""
        }
        var status: JSONValue = ["replicas": .int(obj[path: ["status", "replicas"]]?.intValue ?? 0)]
        if !selector.isEmpty { status["selector"] = .string(selector) }
        return [
            "kind": "Scale", "apiVersion": "autoscaling/v1", "metadata": scaleMeta,
            "spec": ["replicas": .int(obj[path: ["spec", "replicas"]]?.intValue ?? 0)],
            "status": status,
        ]
    }
}

extension ResourceContext {
    /// Updates spec.replicas from a Scale produced by `makeScale` (a PUT body or a patched Scale).
    func writeScale(name: String, makeScale: (JSONValue) throws(APIError) -> JSONValue) async throws(APIError) -> APIResponse {
        let response = try await writeWithRetryScale(name: name) { current, _ throws(APIError) in
            let currentScale = try Scale.scale(of: current.object, type: type)
            let newScale = try makeScale(currentScale)
            if let rv = newScale[path: ["metadata", "resourceVersion"]]?.stringValue, !rv.isEmpty, rv != String(current.revision) {
                throw conflict(name)
            }
            guard let replicas = newScale[path: ["spec", "replicas"]]?.intValue else {
                throw APIError.invalid(kind: "Scale", group: "autoscaling", name: name, [.required("spec.replicas", "")])
            }
            if replicas < 0 {
                throw APIError.invalid(kind: "Scale", group: "autoscaling", name: name, [.invalid("spec.replicas", .int(replicas), "must be greater than or equal to 0")])
            }
            var obj = current.object
            obj.set(["spec", "replicas"], to: .int(replicas))
            return obj
        }
        // The main-resource write answers with the object; the client asked for its Scale.
        if case .bytes(let b) = response.body, let obj = try? JSONValue.parse(b), obj["kind"]?.stringValue == type.kind {
            return .json(try Scale.scale(of: obj, type: type), status: response.status)
        }
        return response
    }

    private func writeWithRetryScale(name: String, transform: (CachedObject, inout [String]) throws(APIError) -> JSONValue) async throws(APIError) -> APIResponse {
        // The scale subresource writes the main object: reuse the main-resource path.
        let main = ResourceContext(server: server, type: type,
                                   info: RequestInfo(group: info.group, version: info.version, namespace: info.namespace, resource: info.resource, name: name, subresource: nil, verb: info.verb),
                                   request: withoutTableAccept(request), cache: cache)
        return try await main.writeWithRetry(name: name, precondition: nil, warnings: [], transform: transform)
    }

    private func withoutTableAccept(_ r: APIRequest) -> APIRequest {
        var r = r
        r.headers.replaceOrAdd(name: "Accept", value: "application/json")
        return r
    }
}
