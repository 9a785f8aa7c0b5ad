import KubeMachinery

/// Deployments (apps/v1).
public struct DeploymentStrategy: ResourceStrategy {
    public init() {}

    /// As upstream, a status update may also change annotations (spec and labels stay): the
    /// Deployment controller records `deployment.kubernetes.io/revision` in the same write
    /// as the status that goes with it.
    public func prepareForStatusUpdate(_ object: inout JSONValue, old: JSONValue) {
        let status = object["status"]
        let annotations = object["metadata"]?["annotations"]
        object = old
        object["status"] = status
        object.set(["metadata", "annotations"], to: annotations)
    }

    public func applyDefaults(_ object: inout JSONValue) {
        object.editField("spec", create: true) { spec in
            spec.defaultField("replicas", to: 1)
            spec.editField("strategy", create: true) { s in
                s.defaultField("type", to: "RollingUpdate")
                guard s.string("type") == "RollingUpdate" else { return }
                s.editField("rollingUpdate", create: true) { r in
                    r.defaultField("maxUnavailable", to: "25%")
                    r.defaultField("maxSurge", to: "25%")
                }
            }
            spec.defaultField("revisionHistoryLimit", to: 10)
            spec.defaultField("progressDeadlineSeconds", to: 600)
            PodTemplateRules.applyDefaults(&spec)
        }
    }

    public func validate(_ object: JSONValue) -> [FieldError] {
        let spec = object["spec"] ?? .object([:])
        let p = FieldPath("spec")
        var errs = FieldCheck.nonNegative(spec["replicas"], p.child("replicas"))
        let selectorErrors = PodTemplateRules.selector(spec, p, kindForMessages: "deployment")
        errs += selectorErrors
        errs += PodTemplateRules.template(spec["template"], matching: LabelSelectorMatcher(spec["selector"]),
                                          p.child("template"), kindName: "ReplicaSet")
        errs += strategy(spec["strategy"] ?? .object([:]), p.child("strategy"))
        errs += FieldCheck.nonNegative(spec["minReadySeconds"], p.child("minReadySeconds"))
        errs += FieldCheck.nonNegative(spec["revisionHistoryLimit"], p.child("revisionHistoryLimit"))
        if let pds = spec["progressDeadlineSeconds"]?.intValue {
            errs += FieldCheck.nonNegative(.int(pds), p.child("progressDeadlineSeconds"))
            if pds <= (spec["minReadySeconds"]?.intValue ?? 0) {
                errs.append(FieldErr.invalid(p.child("progressDeadlineSeconds"), .int(pds), "must be greater than minReadySeconds"))
            }
        }
        return errs
    }

    func strategy(_ s: JSONValue, _ p: FieldPath) -> [FieldError] {
        var errs: [FieldError] = []
        let type = s.string("type")
        let rolling = s["rollingUpdate"].flatMap { $0.isNull ? nil : $0 }
        switch type {
        case "Recreate":
            if rolling != nil {
                errs.append(FieldErr.forbidden(p.child("rollingUpdate"), "may not be specified when strategy `type` is 'Recreate'"))
            }
        case "RollingUpdate":
            guard let r = rolling else {
                errs.append(FieldErr.required(p.child("rollingUpdate"), "this should be defaulted and never be nil"))
                break
            }
            let rp = p.child("rollingUpdate")
            errs += IntOrPercent.validate(r["maxUnavailable"], rp.child("maxUnavailable"))
            errs += IntOrPercent.validate(r["maxSurge"], rp.child("maxSurge"))
            if IntOrPercent.isZero(r["maxUnavailable"]) && IntOrPercent.isZero(r["maxSurge"]) {
                errs.append(FieldErr.invalid(rp.child("maxUnavailable"), r["maxUnavailable"] ?? .int(0), "may not be 0 when `maxSurge` is 0"))
            }
            errs += IntOrPercent.notOver100(r["maxUnavailable"], rp.child("maxUnavailable"))
        default:
            errs.append(FieldErr.notSupported(p.child("Type"), .string(type), ["Recreate", "RollingUpdate"]))
        }
        return errs
    }

    public func validateUpdate(_ object: JSONValue, old: JSONValue) -> [FieldError] {
        FieldCheck.immutable(object[path: ["spec", "selector"]], old[path: ["spec", "selector"]], FieldPath("spec.selector"))
    }
}
