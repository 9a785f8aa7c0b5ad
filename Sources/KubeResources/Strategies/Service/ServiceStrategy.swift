import KubeMachinery

/// Services (core/v1). The API server allocates `spec.clusterIP(s)` and node ports before
/// `applyDefaults`; this strategy fills in the rest and checks the spec.
public struct ServiceStrategy: ResourceStrategy {
    public init() {}

    static let types = ["ClusterIP", "ExternalName", "LoadBalancer", "NodePort"]
    static let protocols = ["SCTP", "TCP", "UDP"]

    /// Reachable from outside the cluster: NodePort, LoadBalancer, or ClusterIP with external IPs.
    static func externallyAccessible(_ spec: JSONValue) -> Bool {
        let t = spec.string("type")
        return t == "LoadBalancer" || t == "NodePort" || (t == "ClusterIP" && !spec.items("externalIPs").isEmpty)
    }

    public func applyDefaults(_ object: inout JSONValue) {
        object.editField("spec", create: true) { spec in
            spec.defaultField("sessionAffinity", to: "None")
            if spec.string("sessionAffinity") == "None" { spec["sessionAffinityConfig"] = nil }
            if spec.string("sessionAffinity") == "ClientIP", spec[path: ["sessionAffinityConfig", "clientIP", "timeoutSeconds"]] == nil {
                spec["sessionAffinityConfig"] = ["clientIP": ["timeoutSeconds": 10800]]
            }
            spec.defaultField("type", to: "ClusterIP")
            spec.editEach("ports") { port in
                port.defaultField("protocol", to: "TCP")
                let target = port["targetPort"]
                if target == nil || target == .null || target == .int(0) || target == .string("") {
                    port["targetPort"] = port["port"]
                }
            }
            if Self.externallyAccessible(spec) { spec.defaultField("externalTrafficPolicy", to: "Cluster") }
            let type = spec.string("type")
            if type != "ExternalName" { spec.defaultField("internalTrafficPolicy", to: "Cluster") }
            if type == "LoadBalancer" { spec.defaultField("allocateLoadBalancerNodePorts", to: true) }
            Self.defaultIPFamilies(&spec)
        }
    }

    /// What upstream's IP allocator records beside the addresses: `clusterIPs` mirrors
    /// `clusterIP`, and each address's family is listed. Headless services without a selector
    /// are left free to use both families, as upstream does.
    static func defaultIPFamilies(_ spec: inout JSONValue) {
        guard spec.string("type") != "ExternalName" else { return }
        let clusterIP = spec.string("clusterIP")
        if spec.isUnset("clusterIPs"), !clusterIP.isEmpty { spec["clusterIPs"] = [.string(clusterIP)] }
        guard !clusterIP.isEmpty else { return }
        if clusterIP == "None" {
            if spec.members("selector").isEmpty {
                spec.defaultField("ipFamilyPolicy", to: "RequireDualStack")
                if spec.isUnset("ipFamilies") { spec["ipFamilies"] = ["IPv4", "IPv6"] }
            } else {
                spec.defaultField("ipFamilyPolicy", to: "SingleStack")
                if spec.isUnset("ipFamilies") { spec["ipFamilies"] = ["IPv4"] }
            }
            return
        }
        let ips = spec.items("clusterIPs").compactMap(\.stringValue)
        spec.defaultField("ipFamilyPolicy", to: ips.count > 1 ? "PreferDualStack" : "SingleStack")
        if spec.isUnset("ipFamilies") {
            spec["ipFamilies"] = .array(ips.map { .string($0.contains(":") ? "IPv6" : "IPv4") })
        }
    }

    /// An update that leaves out allocated values keeps them (upstream's `patchAllocatedValues`):
    /// clients commonly PUT a manifest without `clusterIP` or node ports.
    public func prepareForUpdate(_ object: inout JSONValue, old: JSONValue) {
        guard let oldSpec = old["spec"] else { return }
        object.editField("spec", create: true) { spec in
            let bothAllocate = spec.string("type") != "ExternalName" && oldSpec.string("type") != "ExternalName"
            if bothAllocate, spec.isUnset("clusterIP"), !oldSpec.isUnset("clusterIP") {
                spec["clusterIP"] = oldSpec["clusterIP"]
                if spec.isUnset("clusterIPs") { spec["clusterIPs"] = oldSpec["clusterIPs"] }
            }
            let nodePortTypes: Set<String> = ["NodePort", "LoadBalancer"]
            guard nodePortTypes.contains(spec.string("type")), nodePortTypes.contains(oldSpec.string("type")) else { return }
            let oldPorts = oldSpec.items("ports")
            spec.editEach("ports") { port in
                guard (port["nodePort"]?.intValue ?? 0) == 0 else { return }
                let match = oldPorts.first {
                    $0["port"]?.intValue == port["port"]?.intValue && $0.string("protocol") == (port.string("protocol").isEmpty ? "TCP" : port.string("protocol"))
                }
                if let np = match?["nodePort"] { port["nodePort"] = np }
            }
            if spec["healthCheckNodePort"] == nil, let h = oldSpec["healthCheckNodePort"] { spec["healthCheckNodePort"] = h }
        }
    }

    public func validate(_ object: JSONValue) -> [FieldError] {
        ServiceValidation.validate(object["spec"] ?? .object([:]))
    }

    public func validateUpdate(_ object: JSONValue, old: JSONValue) -> [FieldError] {
        ServiceValidation.validateUpdate(new: object["spec"] ?? .object([:]), old: old["spec"] ?? .object([:]))
    }
}
