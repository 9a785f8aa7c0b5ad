import Foundation
import KubeMachinery
import KubeResources
import KubeStorage
import NIOHTTP1

/// The `pods/binding` subresource (and the older `bindings` collection it replaced): how a
/// scheduler assigns a pod to a node.
///
/// A binding is not stored. It is one compare-and-swap on the pod that sets `spec.nodeName`,
/// adds the binding's annotations and marks the pod `PodScheduled`. It bypasses the pod's
/// update rules on purpose: `nodeName` is immutable to every other writer, which is what makes
/// "first binding wins" hold when two schedulers race.
enum PodBinding {
    /// The kind a binding request carries; its schema drives field validation of the body.
    static let bindingType = ResourceType(
        group: "", version: "v1", kind: "Binding", plural: "bindings", namespaced: true,
        verbs: ["create"], schema: BuiltinSchemas.schema(group: "", version: "v1", kind: "Binding"))

    /// The qualified resource upstream names in a refused binding's Conflict.
    static let subresource = QualifiedResource(group: "", resource: "pods/binding")

    /// Upstream's `ValidatePodBinding`: the target must name a node.
    static func validate(_ binding: JSONValue) -> [FieldError] {
        var errors: [FieldError] = []
        let target = binding["target"] ?? .object([:])
        let kind = target["kind"]?.stringValue ?? ""
        if !kind.isEmpty && kind != "Node" {
            errors.append(.notSupported("target.kind", .string(kind), supported: ["Node", "<empty>"]))
        }
        let node = target["name"]?.stringValue ?? ""
        if node.isEmpty {
            errors.append(.required("target.name"))
        } else {
            // Binding to a name no node can have would leave the pod stuck forever.
            for message in NameValidation.isDNS1123Subdomain(node) {
                errors.append(.invalid("target.name", .string(node), message))
            }
        }
        return errors
    }

    /// The pod after the binding: node set, annotations merged, PodScheduled True.
    /// Throws the reason a bound, terminating or gated pod refuses the binding.
    static func bind(_ pod: JSONValue, to node: String, annotations: [String: JSONValue], now: String) throws(APIError) -> JSONValue {
        let name = pod[path: ["metadata", "name"]]?.stringValue ?? ""
        func refuse(_ why: String) -> APIError { APIError.conflict(subresource, name: name, why) }
        if pod[path: ["metadata", "deletionTimestamp"]] != nil {
            throw refuse("pod \(name) is being deleted, cannot be assigned to a host")
        }
        if let current = pod[path: ["spec", "nodeName"]]?.stringValue, !current.isEmpty {
            throw refuse("pod \(name) is already assigned to node \"\(current)\"")
        }
        if !(pod[path: ["spec", "schedulingGates"]]?.arrayValue ?? []).isEmpty {
            throw refuse("pod \(name) has non-empty .spec.schedulingGates")
        }
        var out = pod
        out.set(["spec", "nodeName"], to: .string(node))
        if !annotations.isEmpty {
            var merged = pod[path: ["metadata", "annotations"]]?.objectValue ?? [:]
            for (k, v) in annotations { merged[k] = v }
            out.set(["metadata", "annotations"], to: .object(merged))
        }
        var conditions = pod[path: ["status", "conditions"]]?.arrayValue ?? []
        let index = conditions.firstIndex { $0["type"]?.stringValue == "PodScheduled" }
        // The transition time moves only when the status does; reason and message are replaced
        // (a scheduler's "Unschedulable" explanation no longer applies).
        var transition = JSONValue.string(now)
        if let i = index, conditions[i]["status"]?.stringValue == "True", let t = conditions[i]["lastTransitionTime"] {
            transition = t
        }
        let scheduled: JSONValue = ["type": "PodScheduled", "status": "True", "lastProbeTime": .null, "lastTransitionTime": transition]
        if let i = index { conditions[i] = scheduled } else { conditions.append(scheduled) }
        out.set(["status", "conditions"], to: .array(conditions))
        return out
    }

    /// What upstream answers to an accepted binding.
    static let success: JSONValue = ["kind": "Status", "apiVersion": "v1", "metadata": [:], "status": "Success", "code": 201]

    /// Discovery entries of `/api/v1`: the `bindings` collection and the `pods/binding` subresource.
    static func legacyDiscoveryEntries(after t: ResourceType) -> [JSONValue] {
        guard t.group.isEmpty, t.version == "v1", t.plural == "pods" else { return [] }
        return [
            ["name": "bindings", "singularName": "binding", "namespaced": true, "kind": "Binding", "verbs": ["create"]],
            ["name": "pods/binding", "singularName": "", "namespaced": true, "kind": "Binding", "verbs": ["create"]],
        ]
    }

    /// The aggregated-discovery subresource entry for `pods`, and the `bindings` resource.
    static func aggregatedSubresources(of t: ResourceType) -> [JSONValue] {
        guard t.group.isEmpty, t.version == "v1", t.plural == "pods" else { return [] }
        return [["subresource": "binding", "responseKind": ["group": "", "version": "v1", "kind": "Binding"], "verbs": ["create"]]]
    }

    static func aggregatedResources(after t: ResourceType) -> [JSONValue] {
        guard t.group.isEmpty, t.version == "v1", t.plural == "pods" else { return [] }
        return [[
            "resource": "bindings", "responseKind": ["group": "", "version": "v1", "kind": "Binding"],
            "scope": "Namespaced", "singularResource": "binding", "verbs": ["create"],
        ]]
    }
}

extension APIServer {
    /// Serves `POST .../pods/{name}/binding` and `POST .../bindings`; nil for every other request.
    func handlePodBinding(_ info: RequestInfo, _ request: APIRequest) async throws(APIError) -> APIResponse? {
        guard info.group.isEmpty, info.version == "v1" else { return nil }
        let viaSubresource = info.resource == "pods" && info.subresource == "binding" && info.name != nil
        let viaCollection = info.resource == "bindings" && info.subresource == nil
        guard viaSubresource || viaCollection else { return nil }
        guard let namespace = info.namespace, !(viaCollection && info.name != nil),
              let podType = registry.lookup(group: "", version: "v1", resource: "pods") else {
            throw APIError.notFoundPath()
        }
        guard info.verb == .create else { throw APIError.methodNotAllowed() }

        // The body is read and checked as a Binding; the write goes to the pod.
        let bindingCtx = ResourceContext(server: self, type: PodBinding.bindingType, info: info, request: request, cache: cache(for: podType))
        var binding = try bindingCtx.decodeBody()
        try bindingCtx.checkTypeMeta(&binding)
        let warnings = try bindingCtx.validateFields(&binding)
        let meta = binding["metadata"] ?? .object([:])
        let bodyName = meta["name"]?.stringValue ?? ""
        if let bodyNS = meta["namespace"]?.stringValue, !bodyNS.isEmpty, bodyNS != namespace {
            throw APIError.badRequest("the namespace of the provided object does not match the namespace sent on the request")
        }
        let name: String
        if viaSubresource {
            name = info.name ?? ""
            if bodyName != name { throw APIError.badRequest("name in URL does not match name in Binding object") }
        } else {
            name = bodyName
            if name.isEmpty { throw APIError.badRequest("Name parameter required.") }
        }
        let errors = PodBinding.validate(binding)
        if !errors.isEmpty { throw APIError.invalid(kind: "Binding", group: "", name: name, errors) }

        let podInfo = RequestInfo(group: "", version: "v1", namespace: namespace, resource: "pods", name: name, subresource: nil, verb: .update)
        let pods = ResourceContext(server: self, type: podType, info: podInfo, request: request, cache: cache(for: podType))
        try await pods.assign(
            name: name, node: binding[path: ["target", "name"]]?.stringValue ?? "",
            annotations: meta["annotations"]?.objectValue ?? [:],
            preconditionUID: meta["uid"]?.stringValue.flatMap { $0.isEmpty ? nil : $0 },
            preconditionResourceVersion: meta["resourceVersion"]?.stringValue.flatMap { $0.isEmpty ? nil : $0 })
        return .json(PodBinding.success, status: .created, headers: bindingCtx.headers(warnings: warnings))
    }
}

extension ResourceContext {
    /// Sets the pod's node with compare-and-swap, retrying when another writer got in between
    /// (the preconditions and the "already assigned" check are re-evaluated on each attempt).
    func assign(name: String, node: String, annotations: [String: JSONValue],
                preconditionUID: String?, preconditionResourceVersion: String?) async throws(APIError) {
        for _ in 0..<16 {
            await readForWrite()
            guard let current = cache.get(key(name)) else { throw notFound(name) }
            let uid = current.object[path: ["metadata", "uid"]]?.stringValue ?? ""
            if let p = preconditionUID, p != uid {
                throw APIError.conflict(qualified, name: name, "Precondition failed: UID in precondition: \(p), UID in object meta: \(uid)")
            }
            if let p = preconditionResourceVersion, p != String(current.revision) {
                throw APIError.conflict(qualified, name: name, "Precondition failed: ResourceVersion in precondition: \(p), ResourceVersion in object meta: \(current.revision)")
            }
            let bound = try PodBinding.bind(current.object, to: node, annotations: annotations, now: ObjectMetaRules.timestamp())
            if isDryRun { return }
            do {
                let rev = try await server.timedStore.update(key(name), value: storageBytes(bound), expectedModRevision: current.revision)
                server.noteWrite(rev, key: key(name))
                return
            } catch StorageError.conflict {
                continue
            } catch {
                throw storeError(error, name: name)
            }
        }
        throw conflict(name)
    }
}
