import KubeMachinery

/// HorizontalPodAutoscalers (autoscaling/v2, also served as v1).
public struct HorizontalPodAutoscalerStrategy: ResourceStrategy {
    public init() {}

    static let scaleUpPolicies: JSONValue = [
        ["type": "Pods", "value": 4, "periodSeconds": 15],
        ["type": "Percent", "value": 100, "periodSeconds": 15],
    ]
    static let scaleDownPolicies: JSONValue = [["type": "Percent", "value": 100, "periodSeconds": 15]]

    public func applyDefaults(_ object: inout JSONValue) {
        object.editField("spec", create: true) { spec in
            spec.defaultField("minReplicas", to: 1)
            if spec.isUnset("metrics") {
                spec["metrics"] = [["type": "Resource", "resource": ["name": "cpu", "target": ["type": "Utilization", "averageUtilization": 80]]]]
            }
            // Scaling rules are filled in only when the user gave a `behavior` at all.
            spec.editField("behavior") { b in
                b.editField("scaleUp", create: true) { r in
                    r.defaultField("stabilizationWindowSeconds", to: 0)
                    r.defaultField("selectPolicy", to: "Max")
                    if r.isUnset("policies") { r["policies"] = Self.scaleUpPolicies }
                }
                b.editField("scaleDown", create: true) { r in
                    r.defaultField("stabilizationWindowSeconds", to: 300)
                    r.defaultField("selectPolicy", to: "Max")
                    if r.isUnset("policies") { r["policies"] = Self.scaleDownPolicies }
                }
            }
        }
    }

    public func validate(_ object: JSONValue) -> [FieldError] {
        let spec = object["spec"] ?? .object([:])
        let p = FieldPath("spec")
        var errs: [FieldError] = []
        let ref = spec["scaleTargetRef"] ?? .object([:])
        if ref.string("kind").isEmpty { errs.append(FieldErr.required(p.child("scaleTargetRef", "kind"))) }
        if ref.string("name").isEmpty { errs.append(FieldErr.required(p.child("scaleTargetRef", "name"))) }
        let minReplicas = spec["minReplicas"]?.intValue
        if let m = minReplicas, m < 1 {
            errs.append(FieldErr.invalid(p.child("minReplicas"), .int(m), "must be greater than or equal to 1"))
        }
        let maxReplicas = spec["maxReplicas"]?.intValue ?? 0
        if maxReplicas < 1 {
            errs.append(FieldErr.invalid(p.child("maxReplicas"), .int(maxReplicas), "must be greater than 0"))
        } else if let m = minReplicas, maxReplicas < m {
            errs.append(FieldErr.invalid(p.child("maxReplicas"), .int(maxReplicas), "must be greater than or equal to `minReplicas`"))
        }
        for (i, metric) in spec.items("metrics").enumerated() {
            errs += FieldCheck.oneOf(metric["type"], ["ContainerResource", "External", "Object", "Pods", "Resource"], p.child("metrics").index(i).child("type"))
        }
        return errs
    }
}

/// PodDisruptionBudgets (policy/v1).
public struct PodDisruptionBudgetStrategy: ResourceStrategy {
    public init() {}

    public func validate(_ object: JSONValue) -> [FieldError] {
        let spec = object["spec"] ?? .object([:])
        let p = FieldPath("spec")
        var errs: [FieldError] = []
        let minAvailable = spec["minAvailable"].flatMap { $0.isNull ? nil : $0 }
        let maxUnavailable = spec["maxUnavailable"].flatMap { $0.isNull ? nil : $0 }
        if minAvailable != nil && maxUnavailable != nil {
            errs.append(FieldErr.invalid(p, rendered: "policy.PodDisruptionBudgetSpec{...}", "minAvailable and maxUnavailable cannot be both set"))
        }
        for (f, v) in [("minAvailable", minAvailable), ("maxUnavailable", maxUnavailable)] {
            errs += IntOrPercent.validate(v, p.child(f))
            errs += IntOrPercent.notOver100(v, p.child(f))
        }
        errs += LabelSelectorMatcher.validate(spec["selector"], p.child("selector"))
        errs += FieldCheck.oneOf(spec["unhealthyPodEvictionPolicy"], ["AlwaysAllow", "IfHealthyBudget"], p.child("unhealthyPodEvictionPolicy"), required: false)
        return errs
    }
}
