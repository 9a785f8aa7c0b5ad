import KubeMachinery

/// `ValidateService` and `ValidateServiceUpdate`, per-kind parts.
enum ServiceValidation {
    static func validate(_ spec: JSONValue) -> [FieldError] {
        let p = FieldPath("spec")
        var errs: [FieldError] = []
        let type = spec.string("type")
        let clusterIP = spec.string("clusterIP")
        let headless = clusterIP == "None"
        let ports = spec.items("ports")

        if ports.isEmpty && !headless && type != "ExternalName" { errs.append(FieldErr.required(p.child("ports"))) }
        switch type {
        case "LoadBalancer", "NodePort":
            if headless {
                errs.append(FieldErr.invalid(p.child("clusterIPs").index(0), .string(clusterIP), "may not be set to 'None' for \(type) services"))
            }
        case "ExternalName":
            if !spec.items("clusterIPs").isEmpty {
                errs.append(FieldErr.forbidden(p.child("clusterIPs"), "may not be set for ExternalName services"))
            }
            var cname = spec.string("externalName")
            if cname.hasSuffix(".") { cname.removeLast() }
            if cname.isEmpty {
                errs.append(FieldErr.required(p.child("externalName")))
            } else {
                errs += FieldCheck.dnsSubdomain(cname, p.child("externalName"))
            }
        default: break
        }
        for (i, ip) in spec.items("clusterIPs").enumerated() {
            guard let s = ip.stringValue, s != "None", !s.isEmpty else { continue }
            if !isIP(s) {
                errs.append(FieldErr.invalid(p.child("clusterIPs").index(i), .string(s), "must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)"))
            }
        }

        var names: Set<String> = []
        for (i, port) in ports.enumerated() {
            errs += servicePort(port, requireName: ports.count > 1, names: &names, p.child("ports").index(i))
        }

        let affinity = spec.string("sessionAffinity")
        if affinity.isEmpty { errs.append(FieldErr.required(p.child("sessionAffinity"))) }
        else if !["ClientIP", "None"].contains(affinity) {
            errs.append(FieldErr.notSupported(p.child("sessionAffinity"), .string(affinity), ["ClientIP", "None"]))
        }
        if type.isEmpty { errs.append(FieldErr.required(p.child("type"))) }
        else if !ServiceStrategy.types.contains(type) {
            errs.append(FieldErr.notSupported(p.child("type"), .string(type), ServiceStrategy.types))
        }
        if type == "ClusterIP" {
            for (i, port) in ports.enumerated() where (port["nodePort"]?.intValue ?? 0) != 0 {
                errs.append(FieldErr.forbidden(p.child("ports").index(i).child("nodePort"), "may not be used when `type` is 'ClusterIP'"))
            }
        }
        var nodePorts: Set<String> = []
        var seen: Set<String> = []
        for (i, port) in ports.enumerated() {
            let proto = port.string("protocol")
            if let np = port["nodePort"]?.intValue, np != 0, !nodePorts.insert("\(proto)/\(np)").inserted {
                errs.append(FieldErr.duplicate(p.child("ports").index(i).child("nodePort"), .int(np)))
            }
            let number = port["port"]?.intValue ?? 0
            if !seen.insert("\(proto)/\(number)").inserted {
                errs.append(FieldError(.duplicate, field: p.child("ports").index(i).description, value: nil,
                    detail: "core.ServicePort{Protocol:\(GoRender.quoted(proto)), Port:\(number)}"))
            }
        }

        let etp = spec.string("externalTrafficPolicy")
        if ServiceStrategy.externallyAccessible(spec) {
            errs += FieldCheck.oneOf(spec["externalTrafficPolicy"], ["Cluster", "Local"], p.child("externalTrafficPolicy"))
        } else if !etp.isEmpty {
            errs.append(FieldErr.invalid(p.child("externalTrafficPolicy"), .string(etp), "may only be set for externally-accessible services"))
        }
        if type != "ExternalName" {
            errs += FieldCheck.oneOf(spec["internalTrafficPolicy"], ["Cluster", "Local"], p.child("internalTrafficPolicy"))
        }
        return errs
    }

    static func servicePort(_ port: JSONValue, requireName: Bool, names: inout Set<String>, _ p: FieldPath) -> [FieldError] {
        var errs: [FieldError] = []
        let name = port.string("name")
        if requireName && name.isEmpty {
            errs.append(FieldErr.required(p.child("name")))
        } else if !name.isEmpty {
            errs += FieldCheck.dnsLabel(name, p.child("name"))
            if !names.insert(name).inserted { errs.append(FieldErr.duplicate(p.child("name"), .string(name))) }
        }
        let number = port["port"]?.intValue ?? 0
        if !NameFormats.isPortNumber(number) {
            errs.append(FieldErr.invalid(p.child("port"), .int(number), NameFormats.portRangeMessage))
        }
        errs += FieldCheck.oneOf(port["protocol"], ServiceStrategy.protocols, p.child("protocol"))
        switch port["targetPort"] {
        case .string(let s)?:
            errs += NameFormats.portName(s).map { FieldErr.invalid(p.child("targetPort"), .string(s), $0) }
        case let v?:
            let n = v.intValue ?? 0
            if !NameFormats.isPortNumber(n) { errs.append(FieldErr.invalid(p.child("targetPort"), .int(n), NameFormats.portRangeMessage)) }
        case nil: break
        }
        if let np = port["nodePort"]?.intValue, np != 0, !NameFormats.isPortNumber(np) {
            errs.append(FieldErr.invalid(p.child("nodePort"), .int(np), NameFormats.portRangeMessage))
        }
        return errs
    }

    /// Addresses stay once allocated; only a change to or from ExternalName may drop them.
    static func validateUpdate(new: JSONValue, old: JSONValue) -> [FieldError] {
        guard new.string("type") != "ExternalName", old.string("type") != "ExternalName" else { return [] }
        let p = FieldPath("spec.clusterIPs")
        let newIPs = new.items("clusterIPs").isEmpty && !new.string("clusterIP").isEmpty
            ? [JSONValue.string(new.string("clusterIP"))] : new.items("clusterIPs")
        let oldIPs = old.items("clusterIPs").isEmpty && !old.string("clusterIP").isEmpty
            ? [JSONValue.string(old.string("clusterIP"))] : old.items("clusterIPs")
        var errs: [FieldError] = []
        for (i, ip) in oldIPs.enumerated() where i < newIPs.count && newIPs[i] != ip {
            errs.append(FieldErr.invalid(p.index(i), rendered: GoRender.stringSlice(newIPs), "may not change once set"))
        }
        if newIPs.isEmpty && !oldIPs.isEmpty {
            errs.append(FieldErr.invalid(p.index(0), rendered: GoRender.stringSlice(newIPs), "primary clusterIP can not be unset"))
        }
        return errs
    }

    static func isIP(_ s: String) -> Bool {
        if s.contains(":") {
            return s.allSatisfy { $0.isHexDigit || $0 == ":" || $0 == "." } && s.filter({ $0 == ":" }).count >= 2
        }
        let parts = s.split(separator: ".", omittingEmptySubsequences: false)
        return parts.count == 4 && parts.allSatisfy { p in
            !p.isEmpty && p.count <= 3 && p.allSatisfy(\.isNumber) && (Int(p) ?? 256) <= 255 && !(p.count > 1 && p.first == "0")
        }
    }
}
