import KubeMachinery

/// The rules every controller with a pod template shares (`ValidatePodTemplateSpecForReplicaSet`
/// and its StatefulSet, DaemonSet and ReplicationController siblings): a selector that selects
/// the template's labels, a valid pod spec, `restartPolicy: Always`, no `activeDeadlineSeconds`.
enum PodTemplateRules {
    /// `kindForMessages` is the word upstream uses in "empty selector is invalid for ..." .
    static func selector(_ spec: JSONValue, _ p: FieldPath, kindForMessages: String) -> [FieldError] {
        guard let selector = spec["selector"], case .object = selector else {
            return [FieldErr.required(p.child("selector"))]
        }
        var errs = LabelSelectorMatcher.validate(selector, p.child("selector"))
        if LabelSelectorMatcher(selector).isEmpty {
            errs.append(FieldErr.invalid(p.child("selector"), rendered: GoRender.value(selector), "empty selector is invalid for \(kindForMessages)"))
        }
        return errs
    }

    /// `kindName` appears in "activeDeadlineSeconds in <kindName> is not Supported".
    static func template(_ template: JSONValue?, matching matcher: LabelSelectorMatcher?, _ p: FieldPath,
                         kindName: String, requireAlways: Bool = true) -> [FieldError] {
        guard let template, case .object = template else { return [FieldErr.required(p)] }
        var errs: [FieldError] = []
        if let matcher, !matcher.isEmpty {
            let labels = template[path: ["metadata", "labels"]]
            if !matcher.matches(FieldCheck.stringMap(labels)) {
                let rendered = labels?.objectValue.map(GoRender.stringMap) ?? "map[string]string(nil)"
                errs.append(FieldErr.invalid(p.child("metadata", "labels"), rendered: rendered, "`selector` does not match template `labels`"))
            }
        }
        errs += PodSpecValidation.validate(template["spec"], p.child("spec"))
        guard requireAlways else { return errs }
        let restart = template[path: ["spec", "restartPolicy"]]?.stringValue ?? ""
        if restart != "Always" && !restart.isEmpty {
            errs.append(FieldErr.notSupported(p.child("spec", "restartPolicy"), .string(restart), ["Always"]))
        }
        if template[path: ["spec", "activeDeadlineSeconds"]]?.intValue != nil {
            errs.append(FieldErr.forbidden(p.child("spec", "activeDeadlineSeconds"), "activeDeadlineSeconds in \(kindName) is not Supported"))
        }
        return errs
    }

    /// Defaults of `spec.template` when present.
    static func applyDefaults(_ spec: inout JSONValue) {
        spec.editField("template") { PodSpecDefaults.applyTemplate(&$0) }
    }
}

/// `maxSurge` / `maxUnavailable`: a non-negative integer or a percentage string.
enum IntOrPercent {
    static let percentMessage = NameFormats.regexError(
        "a valid percent string must be a numeric string followed by an ending '%'", "[0-9]+%", ["1%", "93%"])

    static func percent(_ s: String) -> Int64? {
        guard s.hasSuffix("%"), s.count > 1 else { return nil }
        let digits = s.dropLast()
        guard digits.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        return Int64(digits)
    }

    /// `ValidatePositiveIntOrPercent`.
    static func validate(_ v: JSONValue?, _ p: FieldPath) -> [FieldError] {
        switch v {
        case .string(let s)?:
            return percent(s) == nil ? [FieldErr.invalid(p, .string(s), percentMessage)] : []
        case let other?:
            return FieldCheck.nonNegative(other, p)
        case nil:
            return []
        }
    }

    /// `IsNotMoreThan100Percent`.
    static func notOver100(_ v: JSONValue?, _ p: FieldPath) -> [FieldError] {
        guard let s = v?.stringValue, let pct = percent(s), pct > 100 else { return [] }
        return [FieldErr.invalid(p, .string(s), "must not be greater than 100%")]
    }

    /// Zero whether written as 0 or "0%".
    static func isZero(_ v: JSONValue?) -> Bool {
        if let s = v?.stringValue { return percent(s) == 0 }
        return (v?.intValue ?? 0) == 0
    }
}
