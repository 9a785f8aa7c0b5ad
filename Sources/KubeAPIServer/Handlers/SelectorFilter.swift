import KubeMachinery
import KubeResources

/// `labelSelector` and `fieldSelector` query parameters as a watch-cache filter.
enum SelectorFilter {
    static func make(request: APIRequest, type: ResourceType, nameFromPath: String? = nil, namespace: String? = nil) throws(APIError) -> WatchCache.Filter {
        let labels: LabelSelector
        do {
            labels = try LabelSelector(parsing: request.query["labelSelector"] ?? "")
        } catch {
            throw APIError.badRequest("unable to parse requirement: \(error.message)")
        }
        var fields: FieldSelector?
        if let text = request.query["fieldSelector"], !text.isEmpty {
            do {
                let f = try FieldSelector(parsing: text)
                try f.checkSupported(FieldSets.supported(type))
                fields = f
            } catch {
                throw APIError.badRequest(error.message)
            }
        }
        // A watch on one named object (`/pods/NAME?watch=1`) filters by name.
        if let name = nameFromPath {
            let byName = FieldSelector.Requirement(field: "metadata.name", operator: .equals, value: name)
            fields = FieldSelector((fields?.requirements ?? []) + [byName])
        }
        // A watch under /namespaces/NS/ sees only that namespace (lists are scoped by key prefix instead).
        if let namespace, type.namespaced {
            let byNamespace = FieldSelector.Requirement(field: "metadata.namespace", operator: .equals, value: namespace)
            fields = FieldSelector((fields?.requirements ?? []) + [byNamespace])
        }
        if labels.isEverything && fields == nil { return .all }
        let fieldSelector = fields
        let plural = type.plural
        return WatchCache.Filter { obj in
            if !labels.isEverything && !labels.matches(obj.labels) { return false }
            if let fieldSelector, !fieldSelector.matches(FieldSets.fields(plural: plural, obj)) { return false }
            return true
        }
    }
}

/// The fields each kind can be selected by (upstream's field label conversions).
enum FieldSets {
    static func supported(_ type: ResourceType) -> Set<String> {
        var s: Set<String> = ["metadata.name", "metadata.namespace"]
        switch type.plural {
        case "pods":
            s.formUnion(["spec.nodeName", "spec.restartPolicy", "spec.schedulerName", "spec.serviceAccountName",
                         "spec.hostNetwork", "status.phase", "status.podIP", "status.podIPs", "status.nominatedNodeName"])
        case "events":
            s.formUnion(["involvedObject.kind", "involvedObject.namespace", "involvedObject.name", "involvedObject.uid",
                         "involvedObject.apiVersion", "involvedObject.resourceVersion", "involvedObject.fieldPath",
                         "reason", "reportingComponent", "source", "type",
                         "regarding.kind", "regarding.namespace", "regarding.name", "regarding.uid", "note", "deprecatedSource"])
        case "secrets": s.insert("type")
        case "nodes": s.insert("spec.unschedulable")
        case "namespaces": s.insert("status.phase")
        case "replicasets", "replicationcontrollers": s.insert("status.replicas")
        case "jobs": s.insert("status.successful")
        default: break
        }
        return s
    }

    static func fields(plural: String, _ c: CachedObject) -> [String: String] {
        let o = c.object
        var f = ["metadata.name": c.name, "metadata.namespace": c.namespace]
        func str(_ path: [String]) -> String {
            switch o[path: path] {
            case .string(let s)?: return s
            case .bool(let b)?: return b ? "true" : "false"
            case .int(let i)?: return String(i)
            default: return ""
            }
        }
        switch plural {
        case "pods":
            for p in [["spec", "nodeName"], ["spec", "restartPolicy"], ["spec", "schedulerName"], ["spec", "serviceAccountName"],
                      ["status", "phase"], ["status", "podIP"], ["status", "nominatedNodeName"]] {
                f[p.joined(separator: ".")] = str(p)
            }
            f["spec.hostNetwork"] = o[path: ["spec", "hostNetwork"]]?.boolValue == true ? "true" : "false"
            f["status.podIPs"] = str(["status", "podIP"])
        case "events":
            // Events are stored in the core shape; events.k8s.io's `regarding` is `involvedObject`.
            for k in ["kind", "namespace", "name", "uid", "apiVersion", "resourceVersion", "fieldPath"] {
                f["involvedObject.\(k)"] = str(["involvedObject", k])
                f["regarding.\(k)"] = str(["involvedObject", k])
            }
            f["reason"] = str(["reason"])
            f["reportingComponent"] = str(["reportingComponent"])
            f["source"] = str(["source", "component"])
            f["type"] = str(["type"])
            f["note"] = str(["message"])
            f["deprecatedSource"] = str(["source", "component"])
        case "secrets": f["type"] = str(["type"])
        case "nodes": f["spec.unschedulable"] = o[path: ["spec", "unschedulable"]]?.boolValue == true ? "true" : "false"
        case "namespaces": f["status.phase"] = str(["status", "phase"])
        case "replicasets", "replicationcontrollers": f["status.replicas"] = str(["status", "replicas"])
        case "jobs": f["status.successful"] = str(["status", "succeeded"])
        default: break
        }
        return f
    }
}

enum LabelSelectorText {
    /// The string form of a metav1.LabelSelector, as the scale subresource reports it.
    static func string(from json: JSONValue) -> String {
        (try? LabelSelector(metav1: json))?.description ?? ""
    }
}
