import KubeMachinery

/// DaemonSets (apps/v1).
public struct DaemonSetStrategy: ResourceStrategy {
    public init() {}

    public func applyDefaults(_ object: inout JSONValue) {
        object.editField("spec", create: true) { spec in
            spec.editField("updateStrategy", create: true) { s in
                s.defaultField("type", to: "RollingUpdate")
                guard s.string("type") == "RollingUpdate" else { return }
                s.editField("rollingUpdate", create: true) { r in
                    r.defaultField("maxUnavailable", to: 1)
                    r.defaultField("maxSurge", to: 0)
                }
            }
            spec.defaultField("revisionHistoryLimit", to: 10)
            PodTemplateRules.applyDefaults(&spec)
        }
    }

    public func validate(_ object: JSONValue) -> [FieldError] {
        let spec = object["spec"] ?? .object([:])
        let p = FieldPath("spec")
        var errs = PodTemplateRules.selector(spec, p, kindForMessages: "daemonset")
        errs += PodTemplateRules.template(spec["template"], matching: LabelSelectorMatcher(spec["selector"]),
                                          p.child("template"), kindName: "DaemonSet")
        errs += FieldCheck.nonNegative(spec["minReadySeconds"], p.child("minReadySeconds"))
        errs += FieldCheck.nonNegative(spec["templateGeneration"], p.child("templateGeneration"))
        errs += FieldCheck.nonNegative(spec["revisionHistoryLimit"], p.child("revisionHistoryLimit"))
        let s = spec["updateStrategy"] ?? .object([:])
        let sp = p.child("updateStrategy")
        switch s.string("type") {
        case "OnDelete": break
        case "RollingUpdate":
            guard let r = s["rollingUpdate"], case .object = r else {
                errs.append(FieldErr.required(sp.child("rollingUpdate")))
                break
            }
            let rp = sp.child("rollingUpdate")
            errs += IntOrPercent.validate(r["maxUnavailable"], rp.child("maxUnavailable"))
            errs += IntOrPercent.validate(r["maxSurge"], rp.child("maxSurge"))
            if IntOrPercent.isZero(r["maxUnavailable"]) && IntOrPercent.isZero(r["maxSurge"]) {
                errs.append(FieldErr.invalid(rp.child("maxUnavailable"), r["maxUnavailable"] ?? .int(0), "cannot be 0 when maxSurge is 0"))
            }
            errs += IntOrPercent.notOver100(r["maxUnavailable"], rp.child("maxUnavailable"))
        case let t:
            errs.append(FieldErr.notSupported(sp.child("type"), .string(t), ["OnDelete", "RollingUpdate"]))
        }
        return errs
    }

    public func validateUpdate(_ object: JSONValue, old: JSONValue) -> [FieldError] {
        FieldCheck.immutable(object[path: ["spec", "selector"]], old[path: ["spec", "selector"]], FieldPath("spec.selector"))
    }
}
