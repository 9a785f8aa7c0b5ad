import KubeMachinery

/// Roles and ClusterRoles (rbac.authorization.k8s.io/v1): each rule names verbs, and either
/// API groups plus resources or (cluster roles only) non-resource URLs.
public struct RoleStrategy: ResourceStrategy {
    public let namespaced: Bool
    public init(namespaced: Bool) { self.namespaced = namespaced }

    public func validate(_ object: JSONValue) -> [FieldError] {
        var errs: [FieldError] = []
        for (i, rule) in object.items("rules").enumerated() {
            let p = FieldPath("rules").index(i)
            if rule.items("verbs").isEmpty { errs.append(FieldErr.required(p.child("verbs"), "verbs must contain at least one value")) }
            let urls = rule.items("nonResourceURLs")
            if !urls.isEmpty {
                let rendered = GoRender.stringSlice(urls)
                if namespaced {
                    errs.append(FieldErr.invalid(p.child("nonResourceURLs"), rendered: rendered, "namespaced rules cannot apply to non-resource URLs"))
                }
                if !rule.items("apiGroups").isEmpty || !rule.items("resources").isEmpty || !rule.items("resourceNames").isEmpty {
                    errs.append(FieldErr.invalid(p.child("nonResourceURLs"), rendered: rendered, "rules cannot apply to both regular resources and non-resource URLs"))
                }
                continue
            }
            if rule["apiGroups"] == nil || rule["apiGroups"] == .null || rule.items("apiGroups").isEmpty {
                errs.append(FieldErr.required(p.child("apiGroups"), "resource rules must supply at least one api group"))
            }
            if rule.items("resources").isEmpty {
                errs.append(FieldErr.required(p.child("resources"), "resource rules must supply at least one resource"))
            }
        }
        return errs
    }
}

/// RoleBindings and ClusterRoleBindings: a valid role reference (fixed once set) and subjects.
public struct RoleBindingStrategy: ResourceStrategy {
    public let namespaced: Bool
    public init(namespaced: Bool) { self.namespaced = namespaced }

    static let group = "rbac.authorization.k8s.io"

    public func applyDefaults(_ object: inout JSONValue) {
        object.editField("roleRef", create: true) { $0.defaultField("apiGroup", to: .string(Self.group)) }
        object.editEach("subjects") { s in
            let kind = s.string("kind")
            if kind == "User" || kind == "Group" { s.defaultField("apiGroup", to: .string(Self.group)) }
        }
    }

    public func validate(_ object: JSONValue) -> [FieldError] {
        var errs: [FieldError] = []
        let ref = object["roleRef"] ?? .object([:])
        let rp = FieldPath("roleRef")
        if ref.string("apiGroup") != Self.group {
            errs.append(FieldErr.notSupported(rp.child("apiGroup"), .string(ref.string("apiGroup")), [Self.group]))
        }
        let kinds = namespaced ? ["Role", "ClusterRole"] : ["ClusterRole"]
        if !kinds.contains(ref.string("kind")) { errs.append(FieldErr.notSupported(rp.child("kind"), .string(ref.string("kind")), kinds)) }
        if ref.string("name").isEmpty { errs.append(FieldErr.required(rp.child("name"))) }
        for (i, s) in object.items("subjects").enumerated() {
            let p = FieldPath("subjects").index(i)
            if s.string("name").isEmpty { errs.append(FieldErr.required(p.child("name"))) }
            switch s.string("kind") {
            case "ServiceAccount":
                if !s.string("apiGroup").isEmpty { errs.append(FieldErr.notSupported(p.child("apiGroup"), .string(s.string("apiGroup")), [""])) }
                if !namespaced && s.string("namespace").isEmpty { errs.append(FieldErr.required(p.child("namespace"))) }
            case "User", "Group":
                if s.string("apiGroup") != Self.group { errs.append(FieldErr.notSupported(p.child("apiGroup"), .string(s.string("apiGroup")), [Self.group])) }
            case let k:
                errs.append(FieldErr.notSupported(p.child("kind"), .string(k), ["ServiceAccount", "User", "Group"]))
            }
        }
        return errs
    }

    public func validateUpdate(_ object: JSONValue, old: JSONValue) -> [FieldError] {
        guard !(object["roleRef"] ?? .null).semanticallyEqual(old["roleRef"]) else { return [] }
        let r = object["roleRef"] ?? .object([:])
        return [FieldErr.invalid(FieldPath("roleRef"), rendered:
            "rbac.RoleRef{APIGroup:\(GoRender.quoted(r.string("apiGroup"))), Kind:\(GoRender.quoted(r.string("kind"))), Name:\(GoRender.quoted(r.string("name")))}",
            "cannot change roleRef")]
    }
}
