import KubeMachinery
import KubeResources

/// Upstream's Priority admission: a pod's `spec.priority` and `spec.preemptionPolicy` come from
/// its PriorityClass (or the global default class), never from the client. The scheduler's
/// queue order and preemption read these two fields.
extension ResourceContext {
    func admitPodPriority(_ obj: inout JSONValue, name: String) throws(APIError) {
        guard type.plural == "pods", type.group.isEmpty,
              let pcType = server.registry.lookup(group: "scheduling.k8s.io", version: "v1", resource: "priorityclasses") else { return }
        var spec = obj["spec"] ?? .object([:])
        guard case .object = spec else { return }
        let classes = server.cache(for: pcType).list(keyPrefix: ResourceRegistry.storagePrefix(pcType)).items.map(\.object)
        var className = spec["priorityClassName"]?.stringValue ?? ""
        let priority: Int64
        var policy: String?
        if className.isEmpty {
            // The global default, if any (upstream picks the lowest-valued one when several claim it).
            let defaults = classes.filter { $0["globalDefault"]?.boolValue == true }
            if let pc = defaults.min(by: { ($0["value"]?.intValue ?? 0) < ($1["value"]?.intValue ?? 0) }) {
                className = pc["metadata"]?["name"]?.stringValue ?? ""
                priority = pc["value"]?.intValue ?? 0
                policy = pc["preemptionPolicy"]?.stringValue
                spec["priorityClassName"] = .string(className)
            } else {
                priority = 0
            }
        } else if let pc = classes.first(where: { $0["metadata"]?["name"]?.stringValue == className }) ?? Self.systemPriorityClass(className) {
            priority = pc["value"]?.intValue ?? 0
            policy = pc["preemptionPolicy"]?.stringValue
        } else {
            throw APIError.forbidden("pods \"\(name)\" is forbidden: no PriorityClass with name \(className) was found")
        }
        if let given = spec["priority"]?.intValue, given != priority {
            throw APIError.forbidden("pods \"\(name)\" is forbidden: the integer value of priority (\(given)) must not be provided in pod spec; priority admission controller computed \(priority) from the given PriorityClass name")
        }
        spec["priority"] = .int(priority)
        let computed = policy ?? "PreemptLowerPriority"
        if let given = spec["preemptionPolicy"]?.stringValue, given != computed, policy != nil {
            throw APIError.forbidden("pods \"\(name)\" is forbidden: the string value of PreemptionPolicy (\(given)) must not be provided in pod spec; priority admission controller computed \(computed) from the given PriorityClass name")
        }
        if spec["preemptionPolicy"] == nil || policy != nil { spec["preemptionPolicy"] = .string(computed) }
        obj["spec"] = spec
    }

    /// The two classes every cluster has, even before bootstrap created their objects.
    static func systemPriorityClass(_ name: String) -> JSONValue? {
        switch name {
        case "system-node-critical": return ["value": 2_000_001_000]
        case "system-cluster-critical": return ["value": 2_000_000_000]
        default: return nil
        }
    }
}
