import KubeMachinery

/// What a pod update may change (`ValidatePodUpdate`): container and init container images,
/// `activeDeadlineSeconds` (only downwards, never removed), tolerations (additions, and
/// `tolerationSeconds` of existing ones), and `terminationGracePeriodSeconds` from a negative
/// value to 1, and scheduling gates (removals only). Everything else in the spec is fixed once the
/// pod exists — including `nodeName`, which only the `binding` subresource sets.
enum PodUpdateRules {
    static let updatableFields =
        "`spec.containers[*].image`,`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,"
        + "`spec.tolerations` (only additions to existing tolerations),"
        + "`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)"

    static let forbiddenMessagePrefix = "pod updates may not change fields other than " + updatableFields

    static func validate(new: JSONValue, old: JSONValue) -> [FieldError] {
        let specPath = FieldPath("spec")
        let newSpec = new["spec"] ?? .object([:])
        let oldSpec = old["spec"] ?? .object([:])
        var errs: [FieldError] = []

        let ads = specPath.child("activeDeadlineSeconds")
        if let n = newSpec["activeDeadlineSeconds"]?.intValue {
            if n < 0 || n > Int64(Int32.max) {
                return [FieldErr.invalid(ads, .int(n), NameFormats.inclusiveRange(0, Int64(Int32.max)))]
            }
            if let o = oldSpec["activeDeadlineSeconds"]?.intValue, o < n {
                return [FieldErr.invalid(ads, .int(n), "must be less than or equal to previous value")]
            }
        } else if oldSpec["activeDeadlineSeconds"]?.intValue != nil {
            errs.append(FieldErr.invalid(ads, .null, "must not update from a positive integer to nil value"))
        }

        if let e = onlyAddedTolerations(new: newSpec.items("tolerations"), old: oldSpec.items("tolerations")) {
            errs.append(e)
        }

        // Scheduling gates may only be removed (the scheduler waits until none are left).
        let oldGates = Set(oldSpec.items("schedulingGates").map { $0.string("name") })
        for (i, gate) in newSpec.items("schedulingGates").enumerated() where !oldGates.contains(gate.string("name")) {
            errs.append(FieldErr.forbidden(specPath.child("schedulingGates").index(i).child("name"),
                "only deletion is allowed, but found new scheduling gate '\(gate.string("name"))'"))
        }

        // Put back everything a pod update may change; what differs after that may not change.
        var munged = newSpec
        for list in ["containers", "initContainers"] {
            let oldList = oldSpec.items(list)
            var i = 0
            munged.editEach(list) { c in
                if i < oldList.count { c["image"] = oldList[i]["image"] }
                i += 1
            }
        }
        munged["activeDeadlineSeconds"] = oldSpec["activeDeadlineSeconds"]
        munged["tolerations"] = oldSpec["tolerations"]
        munged["schedulingGates"] = oldSpec["schedulingGates"]
        if let o = oldSpec["terminationGracePeriodSeconds"]?.intValue, o < 0,
           newSpec["terminationGracePeriodSeconds"]?.intValue == 1 {
            munged["terminationGracePeriodSeconds"] = oldSpec["terminationGracePeriodSeconds"]
        }
        if !munged.semanticallyEqual(oldSpec) {
            errs.append(FieldErr.forbidden(specPath, forbiddenMessagePrefix + "\n" + changeSummary(old: oldSpec, new: munged)))
        }
        return errs
    }

    /// Existing tolerations must all still be present, compared without `tolerationSeconds`.
    static func onlyAddedTolerations(new: [JSONValue], old: [JSONValue]) -> FieldError? {
        func stripped(_ t: JSONValue) -> JSONValue {
            var t = t.semanticallyNormalized
            t["tolerationSeconds"] = nil
            return t
        }
        let newSet = new.map(stripped)
        for o in old where !newSet.contains(stripped(o)) {
            return FieldErr.forbidden(FieldPath("spec.tolerations"), "existing toleration can not be modified except its tolerationSeconds")
        }
        return nil
    }

    /// A short, readable account of which spec fields differ (upstream prints a Go diff here).
    static func changeSummary(old: JSONValue, new: JSONValue) -> String {
        let o = old.semanticallyNormalized.objectValue ?? [:]
        let n = new.semanticallyNormalized.objectValue ?? [:]
        let keys = Set(o.keys).union(n.keys).sorted().filter { o[$0] != n[$0] }
        return keys.map { k in
            "  spec.\(k): \(o[k]?.serializedString() ?? "<unset>") -> \(n[k]?.serializedString() ?? "<unset>")"
        }.joined(separator: "\n")
    }
}
