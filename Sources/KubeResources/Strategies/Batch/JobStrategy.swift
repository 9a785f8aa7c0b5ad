import KubeMachinery

/// Jobs (batch/v1). Unless `manualSelector` is true, the selector is generated from the job's
/// uid (which the API server assigns before `prepareForCreate`) and stamped on the template.
public struct JobStrategy: ResourceStrategy {
    public init() {}

    static let controllerUIDLabel = "batch.kubernetes.io/controller-uid"
    static let legacyControllerUIDLabel = "controller-uid"
    static let jobNameLabel = "batch.kubernetes.io/job-name"
    static let legacyJobNameLabel = "job-name"

    public func prepareForCreate(_ object: inout JSONValue) {
        guard object[path: ["spec", "manualSelector"]]?.boolValue != true else { return }
        let name = object[path: ["metadata", "name"]]?.stringValue ?? ""
        let uid = object[path: ["metadata", "uid"]]?.stringValue ?? ""
        object.editField("spec", create: true) { spec in
            spec.editField("template", create: true) { t in
                t.editField("metadata", create: true) { m in
                    var labels = m.members("labels")
                    // Labels the user set are kept; a conflicting value fails validation below.
                    for key in [Self.legacyJobNameLabel, Self.jobNameLabel] where labels[key] == nil { labels[key] = .string(name) }
                    for key in [Self.legacyControllerUIDLabel, Self.controllerUIDLabel] where labels[key] == nil { labels[key] = .string(uid) }
                    m["labels"] = .object(labels)
                }
            }
            spec.editField("selector", create: true) { s in
                var matchLabels = s.members("matchLabels")
                if matchLabels[Self.controllerUIDLabel] == nil { matchLabels[Self.controllerUIDLabel] = .string(uid) }
                s["matchLabels"] = .object(matchLabels)
            }
        }
    }

    public func applyDefaults(_ object: inout JSONValue) {
        object.editField("spec", create: true) { spec in
            if spec["completions"] == nil && spec["parallelism"] == nil {
                spec["completions"] = 1
                spec["parallelism"] = 1
            }
            spec.defaultField("parallelism", to: 1)
            spec.defaultField("backoffLimit", to: spec["backoffLimitPerIndex"]?.intValue != nil ? .int(Int64(Int32.max)) : 6)
            spec.defaultField("completionMode", to: "NonIndexed")
            spec.defaultField("suspend", to: false)
            spec.defaultField("manualSelector", to: false)
            spec.defaultField("podReplacementPolicy", to: spec["podFailurePolicy"] == nil ? "TerminatingOrFailed" : "Failed")
            spec.editField("podFailurePolicy") { pfp in
                pfp.editEach("rules") { r in r.editEach("onPodConditions") { $0.defaultField("status", to: "True") } }
            }
            PodTemplateRules.applyDefaults(&spec)
        }
        // A job without labels of its own takes its template's.
        if let labels = object[path: ["spec", "template", "metadata", "labels"]]?.objectValue,
           object[path: ["metadata", "labels"]]?.objectValue?.isEmpty ?? true {
            object.editField("metadata", create: true) { $0["labels"] = .object(labels) }
        }
    }

    public func validate(_ object: JSONValue) -> [FieldError] {
        let spec = object["spec"] ?? .object([:])
        var errs: [FieldError] = []
        if spec["manualSelector"]?.boolValue != true { errs += generatedSelector(object) }
        errs += Self.validateSpec(spec, FieldPath("spec"), isTemplate: false)
        return errs
    }

    /// The generated labels must be on the template, with this job's uid and name.
    func generatedSelector(_ object: JSONValue) -> [FieldError] {
        let uid = object[path: ["metadata", "uid"]]?.stringValue ?? ""
        let name = object[path: ["metadata", "name"]]?.stringValue ?? ""
        if uid.isEmpty { return [FieldErr.required(FieldPath("metadata.uid"))] }
        var errs: [FieldError] = []
        let labelsPath = FieldPath("spec.template.metadata.labels")
        let labels = FieldCheck.stringMap(object[path: ["spec", "template", "metadata", "labels"]])
        for (key, expected) in [(Self.legacyControllerUIDLabel, uid), (Self.controllerUIDLabel, uid),
                                (Self.legacyJobNameLabel, name), (Self.jobNameLabel, name)] {
            switch labels[key] {
            case nil: errs.append(FieldErr.required(labelsPath.key(key), "must be '\(expected)'"))
            case let v? where v != expected: errs.append(FieldErr.invalid(labelsPath.key(key), .string(v), "must be '\(expected)'"))
            default: break
            }
        }
        let selector = object[path: ["spec", "selector"]]
        if !LabelSelectorMatcher(selector).matches([Self.controllerUIDLabel: uid]) {
            errs.append(FieldErr.invalid(FieldPath("spec.selector"), rendered: GoRender.value(selector ?? .null), "`selector` not auto-generated"))
        }
        return errs
    }

    /// `validateJobSpec`; a CronJob's job template has no selector and is checked with `isTemplate`.
    static func validateSpec(_ spec: JSONValue, _ p: FieldPath, isTemplate: Bool) -> [FieldError] {
        var errs: [FieldError] = []
        for f in ["parallelism", "completions", "activeDeadlineSeconds", "backoffLimit", "ttlSecondsAfterFinished"] {
            errs += FieldCheck.nonNegative(spec[f], p.child(f))
        }
        let mode = spec.string("completionMode")
        if !mode.isEmpty && mode != "NonIndexed" && mode != "Indexed" {
            errs.append(FieldErr.notSupported(p.child("completionMode"), .string(mode), ["NonIndexed", "Indexed"]))
        }
        if mode == "Indexed" && spec["completions"]?.intValue == nil {
            errs.append(FieldErr.required(p.child("completions"), "when completion mode is Indexed"))
        }
        errs += FieldCheck.oneOf(spec["podReplacementPolicy"], ["TerminatingOrFailed", "Failed"], p.child("podReplacementPolicy"), required: false)
        var matcher: LabelSelectorMatcher?
        if isTemplate {
            if let s = spec["selector"], !s.isNull {
                errs.append(FieldErr.invalid(p.child("selector"), rendered: GoRender.value(s), "`selector` will be auto-generated"))
            }
        } else if let s = spec["selector"], case .object = s {
            errs += LabelSelectorMatcher.validate(s, p.child("selector"))
            matcher = LabelSelectorMatcher(s)
        } else {
            errs.append(FieldErr.required(p.child("selector")))
        }
        let tp = p.child("template")
        errs += PodTemplateRules.template(spec["template"], matching: matcher, tp, kindName: "Job", requireAlways: false)
        let restart = spec[path: ["template", "spec", "restartPolicy"]]?.stringValue ?? ""
        if spec["template"] != nil && restart != "OnFailure" && restart != "Never" {
            errs.append(FieldErr.notSupported(tp.child("spec", "restartPolicy"), .string(restart), ["OnFailure", "Never"]))
        }
        return errs
    }

    public func validateUpdate(_ object: JSONValue, old: JSONValue) -> [FieldError] {
        let spec = object["spec"] ?? .object([:])
        let oldSpec = old["spec"] ?? .object([:])
        let p = FieldPath("spec")
        var errs: [FieldError] = []
        errs += FieldCheck.immutable(spec["selector"], oldSpec["selector"], p.child("selector"))
        for f in ["completionMode", "podFailurePolicy", "backoffLimitPerIndex", "manualSelector"] {
            errs += FieldCheck.immutable(spec[f], oldSpec[f], p.child(f))
        }
        // Indexed jobs may scale completions together with parallelism (elastic indexed jobs).
        let elastic = spec.string("completionMode") == "Indexed" && spec["completions"] == spec["parallelism"]
        if !elastic { errs += FieldCheck.immutable(spec["completions"], oldSpec["completions"], p.child("completions")) }
        errs += templateUpdate(spec, oldSpec: oldSpec, p.child("template"))
        return errs
    }

    /// The template is fixed, except that a suspended job that never started may change where
    /// its pods run (node selector, affinity, tolerations, scheduling gates) and their labels and annotations.
    func templateUpdate(_ spec: JSONValue, oldSpec: JSONValue, _ p: FieldPath) -> [FieldError] {
        var template = spec["template"] ?? .object([:])
        let oldTemplate = oldSpec["template"] ?? .object([:])
        if oldSpec["suspend"]?.boolValue == true {
            for f in ["nodeSelector", "affinity", "tolerations", "schedulingGates"] {
                template.editField("spec", create: true) { $0[f] = oldTemplate[path: ["spec", f]] }
            }
            template.editField("metadata", create: true) { m in
                m["labels"] = oldTemplate[path: ["metadata", "labels"]]
                m["annotations"] = oldTemplate[path: ["metadata", "annotations"]]
            }
        }
        if template.semanticallyEqual(oldTemplate) { return [] }
        return [FieldErr.invalid(p, rendered: "core.PodTemplateSpec{...}", "field is immutable")]
    }
}
