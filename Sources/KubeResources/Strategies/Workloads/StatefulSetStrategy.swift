import KubeMachinery

/// StatefulSets (apps/v1). Most of the spec is fixed after creation; see `validateUpdate`.
public struct StatefulSetStrategy: ResourceStrategy {
    public init() {}

    static let updatableSpecFields = ["replicas", "ordinals", "template", "updateStrategy",
                                      "revisionHistoryLimit", "persistentVolumeClaimRetentionPolicy", "minReadySeconds"]

    public func applyDefaults(_ object: inout JSONValue) {
        object.editField("spec", create: true) { spec in
            spec.defaultField("podManagementPolicy", to: "OrderedReady")
            spec.editField("updateStrategy", create: true) { s in
                if s.isUnset("type") {
                    s["type"] = "RollingUpdate"
                    s.defaultField("rollingUpdate", to: .object([:]))
                }
                if s.string("type") == "RollingUpdate" {
                    s.editField("rollingUpdate") { $0.defaultField("partition", to: 0) }
                }
            }
            spec.editField("persistentVolumeClaimRetentionPolicy", create: true) { r in
                r.defaultField("whenDeleted", to: "Retain")
                r.defaultField("whenScaled", to: "Retain")
            }
            spec.defaultField("replicas", to: 1)
            spec.defaultField("revisionHistoryLimit", to: 10)
            spec.editEach("volumeClaimTemplates") { PersistentVolumeClaimStrategy.defaultClaim(&$0) }
            PodTemplateRules.applyDefaults(&spec)
        }
    }

    public func validate(_ object: JSONValue) -> [FieldError] {
        let spec = object["spec"] ?? .object([:])
        let p = FieldPath("spec")
        var errs: [FieldError] = []
        switch spec.string("podManagementPolicy") {
        case "": errs.append(FieldErr.required(p.child("podManagementPolicy")))
        case "OrderedReady", "Parallel": break
        case let v: errs.append(FieldErr.invalid(p.child("podManagementPolicy"), .string(v), "must be 'OrderedReady' or 'Parallel'"))
        }
        let s = spec["updateStrategy"] ?? .object([:])
        let sp = p.child("updateStrategy")
        let rolling = s["rollingUpdate"].flatMap { $0.isNull ? nil : $0 }
        switch s.string("type") {
        case "": errs.append(FieldErr.required(sp))
        case "OnDelete":
            if let rolling {
                errs.append(FieldErr.invalid(sp.child("rollingUpdate"), rendered: rolling.serializedString(), "only allowed for updateStrategy 'RollingUpdate'"))
            }
        case "RollingUpdate":
            errs += FieldCheck.nonNegative(rolling?["partition"], sp.child("rollingUpdate", "partition"))
        default:
            errs.append(FieldErr.invalid(sp, rendered: s.serializedString(), "must be 'RollingUpdate' or 'OnDelete'"))
        }
        if let policy = spec["persistentVolumeClaimRetentionPolicy"], case .object = policy {
            let pp = p.child("persistentVolumeClaimRetentionPolicy")
            for f in ["whenDeleted", "whenScaled"] {
                errs += FieldCheck.oneOf(policy[f], ["Retain", "Delete"], pp.child(f))
            }
        }
        errs += FieldCheck.nonNegative(spec["replicas"], p.child("replicas"))
        errs += FieldCheck.nonNegative(spec["minReadySeconds"], p.child("minReadySeconds"))
        errs += FieldCheck.nonNegative(spec[path: ["ordinals", "start"]], p.child("ordinals", "start"))
        errs += PodTemplateRules.selector(spec, p, kindForMessages: "statefulset")
        errs += PodTemplateRules.template(spec["template"], matching: LabelSelectorMatcher(spec["selector"]),
                                          p.child("template"), kindName: "StatefulSet")
        return errs
    }

    public func validateUpdate(_ object: JSONValue, old: JSONValue) -> [FieldError] {
        var newSpec = object["spec"] ?? .object([:])
        let oldSpec = old["spec"] ?? .object([:])
        for f in Self.updatableSpecFields { newSpec[f] = oldSpec[f] }
        guard !newSpec.semanticallyEqual(oldSpec) else { return [] }
        return [FieldErr.forbidden(FieldPath("spec"),
            "updates to statefulset spec for fields other than 'replicas', 'ordinals', 'template', 'updateStrategy', "
            + "'revisionHistoryLimit', 'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden")]
    }
}
