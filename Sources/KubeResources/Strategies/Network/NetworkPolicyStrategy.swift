import KubeMachinery

/// NetworkPolicies (networking.k8s.io/v1).
public struct NetworkPolicyStrategy: ResourceStrategy {
    public init() {}

    /// Ports default to TCP; a policy without `policyTypes` is an Ingress policy, and an Egress
    /// one too when it has egress rules.
    public func applyDefaults(_ object: inout JSONValue) {
        object.editField("spec", create: true) { spec in
            for direction in ["ingress", "egress"] {
                spec.editEach(direction) { rule in rule.editEach("ports") { $0.defaultField("protocol", to: "TCP") } }
            }
            if spec.isUnset("policyTypes") {
                spec["policyTypes"] = spec.items("egress").isEmpty ? ["Ingress"] : ["Ingress", "Egress"]
            }
        }
    }

    public func validate(_ object: JSONValue) -> [FieldError] {
        let spec = object["spec"] ?? .object([:])
        let p = FieldPath("spec")
        var errs = LabelSelectorMatcher.validate(spec["podSelector"], p.child("podSelector"))
        let types = spec.items("policyTypes")
        for (i, t) in types.enumerated() {
            errs += FieldCheck.oneOf(t, ["Egress", "Ingress"], p.child("policyTypes").index(i))
        }
        if types.count > 2 {
            errs.append(FieldErr.invalid(p.child("policyTypes"), rendered: GoRender.stringSlice(types), "may not specify more than two policyTypes"))
        }
        for direction in ["ingress", "egress"] {
            for (i, rule) in spec.items(direction).enumerated() {
                for (j, port) in rule.items("ports").enumerated() {
                    let pp = p.child(direction).index(i).child("ports").index(j)
                    errs += FieldCheck.oneOf(port["protocol"], ServiceStrategy.protocols, pp.child("protocol"), required: false)
                    if let n = port["port"]?.intValue, !NameFormats.isPortNumber(n) {
                        errs.append(FieldErr.invalid(pp.child("port"), .int(n), NameFormats.portRangeMessage))
                    }
                    if let end = port["endPort"]?.intValue, let start = port["port"]?.intValue, end < start {
                        errs.append(FieldErr.invalid(pp.child("endPort"), .int(end), "must be greater than or equal to `port`"))
                    }
                }
            }
        }
        return errs
    }
}

/// EndpointSlices (discovery.k8s.io/v1): the address type is required and fixed.
public struct EndpointSliceStrategy: ResourceStrategy {
    public init() {}

    static let addressTypes = ["FQDN", "IPv4", "IPv6"]

    public func applyDefaults(_ object: inout JSONValue) {
        object.editEach("ports") { port in
            port.defaultField("protocol", to: "TCP")
            if port["name"] == nil { port["name"] = "" }
        }
    }

    public func validate(_ object: JSONValue) -> [FieldError] {
        var errs = FieldCheck.oneOf(object["addressType"], Self.addressTypes, FieldPath("addressType"))
        for (i, e) in object.items("endpoints").enumerated() {
            let addresses = e.items("addresses")
            if addresses.isEmpty || addresses.count > 100 {
                errs.append(FieldErr.required(FieldPath("endpoints").index(i).child("addresses"), "must contain at least 1 address"))
            }
        }
        for (i, port) in object.items("ports").enumerated() {
            let pp = FieldPath("ports").index(i)
            if let n = port["port"]?.intValue, !NameFormats.isPortNumber(n) {
                errs.append(FieldErr.invalid(pp.child("port"), .int(n), NameFormats.portRangeMessage))
            }
            errs += FieldCheck.oneOf(port["protocol"], ServiceStrategy.protocols, pp.child("protocol"), required: false)
        }
        return errs
    }

    public func validateUpdate(_ object: JSONValue, old: JSONValue) -> [FieldError] {
        FieldCheck.immutable(object["addressType"], old["addressType"], FieldPath("addressType"))
    }
}
