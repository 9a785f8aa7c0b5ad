import KubeMachinery

/// The pod's quality-of-service class, computed as upstream's `GetPodQOS` does from the
/// (defaulted) cpu and memory requests and limits of all init and regular containers.
enum PodQOS {
    static let computeResources: Set<String> = ["cpu", "memory"]

    static func qosClass(of spec: JSONValue) -> String {
        var requests: [String: ResourceQuantity] = [:]
        var limits: [String: ResourceQuantity] = [:]
        var guaranteed = true
        let containers = spec.items("initContainers") + spec.items("containers")
        for c in containers {
            for (name, q) in c[path: ["resources", "requests"]]?.objectValue ?? [:] where computeResources.contains(name) {
                if let v = ResourceQuantity(q), v > .zero { requests[name] = (requests[name] ?? .zero) + v }
            }
            var found: Set<String> = []
            for (name, q) in c[path: ["resources", "limits"]]?.objectValue ?? [:] where computeResources.contains(name) {
                if let v = ResourceQuantity(q), v > .zero {
                    found.insert(name)
                    limits[name] = (limits[name] ?? .zero) + v
                }
            }
            if found != computeResources { guaranteed = false }
        }
        if requests.isEmpty && limits.isEmpty { return "BestEffort" }
        if guaranteed {
            let equal = requests.allSatisfy { name, r in limits[name] == r }
            if equal && requests.count == limits.count { return "Guaranteed" }
        }
        return "Burstable"
    }
}
