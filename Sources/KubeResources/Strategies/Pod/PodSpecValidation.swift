import KubeMachinery

/// Validation of a PodSpec (`ValidatePodSpec`), at any path: `spec` for pods,
/// `spec.template.spec` for workloads, `spec.jobTemplate.spec.template.spec` for CronJobs.
enum PodSpecValidation {
    static let restartPolicies = ["Always", "OnFailure", "Never"]
    static let dnsPolicies = ["ClusterFirst", "ClusterFirstWithHostNet", "Default", "None"]
    static let tolerationEffects = ["NoExecute", "NoSchedule", "PreferNoSchedule"]

    static func validate(_ spec: JSONValue?, _ p: FieldPath) -> [FieldError] {
        guard let spec, case .object = spec else { return [FieldErr.required(p)] }
        var errs: [FieldError] = []
        let (volumeErrors, volumeNames) = volumes(spec.items("volumes"), p.child("volumes"))
        errs += volumeErrors

        // Container names are unique across init, regular and ephemeral containers.
        var names: Set<String> = []
        func unique(_ c: JSONValue, _ cp: FieldPath) {
            let n = c.string("name")
            if !n.isEmpty, !names.insert(n).inserted { errs.append(FieldErr.duplicate(cp.child("name"), .string(n))) }
        }
        for (i, c) in spec.items("initContainers").enumerated() {
            let cp = p.child("initContainers").index(i)
            errs += ContainerValidation.validate(c, cp, volumes: volumeNames, isInit: true)
            unique(c, cp)
        }
        let containers = spec.items("containers")
        if containers.isEmpty { errs.append(FieldErr.required(p.child("containers"))) }
        for (i, c) in containers.enumerated() {
            let cp = p.child("containers").index(i)
            errs += ContainerValidation.validate(c, cp, volumes: volumeNames, isInit: false)
            unique(c, cp)
        }
        errs += hostPortConflicts(containers, p.child("containers"))
        for (i, c) in spec.items("ephemeralContainers").enumerated() {
            unique(c, p.child("ephemeralContainers").index(i))
        }

        errs += FieldCheck.oneOf(spec["restartPolicy"], restartPolicies, p.child("restartPolicy"))
        errs += FieldCheck.oneOf(spec["dnsPolicy"], dnsPolicies, p.child("dnsPolicy"))
        if spec.string("dnsPolicy") == "None", spec["dnsConfig"] == nil || spec["dnsConfig"] == .null {
            errs.append(FieldErr.required(p.child("dnsConfig"), "must provide `dnsConfig` when `dnsPolicy` is None"))
        }
        if let ads = spec["activeDeadlineSeconds"]?.intValue, ads < 1 || ads > Int64(Int32.max) {
            errs.append(FieldErr.invalid(p.child("activeDeadlineSeconds"), .int(ads), NameFormats.inclusiveRange(1, Int64(Int32.max))))
        }
        for f in ["nodeName", "serviceAccountName", "priorityClassName"] where !spec.string(f).isEmpty {
            errs += FieldCheck.dnsSubdomain(spec.string(f), p.child(f))
        }
        for f in ["hostname", "subdomain"] where !spec.string(f).isEmpty {
            errs += FieldCheck.dnsLabel(spec.string(f), p.child(f))
        }
        errs += tolerations(spec.items("tolerations"), p.child("tolerations"))
        return errs
    }

    /// Two containers of one pod cannot bind the same host port, protocol and address.
    static func hostPortConflicts(_ containers: [JSONValue], _ p: FieldPath) -> [FieldError] {
        var errs: [FieldError] = []
        var seen: Set<String> = []
        for (i, c) in containers.enumerated() {
            for (j, port) in c.items("ports").enumerated() {
                guard let hostPort = port["hostPort"]?.intValue, hostPort != 0 else { continue }
                let key = "\(port.string("protocol"))/\(port.string("hostIP"))/\(hostPort)"
                if !seen.insert(key).inserted {
                    errs.append(FieldErr.duplicate(p.index(i).child("ports").index(j).child("hostPort"), .string(key)))
                }
            }
        }
        return errs
    }

    /// Volume names are unique DNS labels and each volume names exactly one source.
    static func volumes(_ list: [JSONValue], _ p: FieldPath) -> ([FieldError], Set<String>) {
        var errs: [FieldError] = []
        var names: Set<String> = []
        for (i, v) in list.enumerated() {
            let vp = p.index(i)
            let name = v.string("name")
            errs += FieldCheck.dnsLabel(name, vp.child("name"))
            if !name.isEmpty, !names.insert(name).inserted { errs.append(FieldErr.duplicate(vp.child("name"), .string(name))) }
            let sources = PodSpecDefaults.volumeSources.filter { v[$0] != nil && v[$0] != .null }
            if sources.isEmpty {
                errs.append(FieldErr.required(vp, "must specify a volume type"))
            } else if sources.count > 1 {
                errs.append(FieldErr.forbidden(vp.child(sources[1]), "may not specify more than 1 volume type"))
            }
            if let cm = v["configMap"], case .object = cm, cm.string("name").isEmpty {
                errs.append(FieldErr.required(vp.child("configMap", "name")))
            }
            if let s = v["secret"], case .object = s, s.string("secretName").isEmpty {
                errs.append(FieldErr.required(vp.child("secret", "secretName")))
            }
            if let c = v["persistentVolumeClaim"], case .object = c, c.string("claimName").isEmpty {
                errs.append(FieldErr.required(vp.child("persistentVolumeClaim", "claimName")))
            }
            if let h = v["hostPath"], case .object = h, h.string("path").isEmpty {
                errs.append(FieldErr.required(vp.child("hostPath", "path")))
            }
        }
        return (errs, names)
    }

    static func tolerations(_ list: [JSONValue], _ p: FieldPath) -> [FieldError] {
        var errs: [FieldError] = []
        for (i, t) in list.enumerated() {
            let tp = p.index(i)
            let op = t.string("operator")
            if t.string("key").isEmpty && op != "Exists" {
                errs.append(FieldErr.invalid(tp.child("operator"), .string(op),
                    "operator must be Exists when `key` is empty, which means \"match all values and all keys\""))
            }
            switch op {
            case "", "Equal": break
            case "Exists":
                if !t.string("value").isEmpty {
                    errs.append(FieldErr.invalid(tp.child("operator"), .string(t.string("value")), "value must be empty when `operator` is 'Exists'"))
                }
            default:
                errs.append(FieldErr.notSupported(tp.child("operator"), .string(op), ["Equal", "Exists"]))
            }
            if t["tolerationSeconds"]?.intValue != nil && t.string("effect") != "NoExecute" {
                errs.append(FieldErr.invalid(tp.child("effect"), .string(t.string("effect")), "effect must be 'NoExecute' when `tolerationSeconds` is set"))
            }
            errs += FieldCheck.oneOf(t["effect"], tolerationEffects, tp.child("effect"), required: false)
        }
        return errs
    }
}
