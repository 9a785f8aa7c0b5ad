import KubeMachinery

/// Ingresses (networking.k8s.io/v1).
public struct IngressStrategy: ResourceStrategy {
    public init() {}

    static let pathTypes = ["Exact", "ImplementationSpecific", "Prefix"]

    public func validate(_ object: JSONValue) -> [FieldError] {
        let spec = object["spec"] ?? .object([:])
        let p = FieldPath("spec")
        var errs: [FieldError] = []
        let rules = spec.items("rules")
        if rules.isEmpty && (spec["defaultBackend"] == nil || spec["defaultBackend"] == .null) {
            errs.append(FieldErr.invalid(p, rendered: "[]networking.IngressRule(nil)", "either `defaultBackend` or `rules` must be specified"))
        }
        if let b = spec["defaultBackend"], case .object = b { errs += backend(b, p.child("defaultBackend")) }
        for (i, rule) in rules.enumerated() {
            let rp = p.child("rules").index(i)
            var host = rule.string("host")
            if !host.isEmpty {
                if host.hasPrefix("*.") { host.removeFirst(2) }
                errs += NameFormats.dns1123Subdomain(host).map { FieldErr.invalid(rp.child("host"), .string(rule.string("host")), $0) }
            }
            guard let http = rule["http"], case .object = http else { continue }
            let paths = http.items("paths")
            if paths.isEmpty { errs.append(FieldErr.required(rp.child("http", "paths"))) }
            for (j, path) in paths.enumerated() {
                let pp = rp.child("http", "paths").index(j)
                let type = path.string("pathType")
                if type.isEmpty {
                    errs.append(FieldErr.required(pp.child("pathType"), "pathType must be specified"))
                } else if !Self.pathTypes.contains(type) {
                    errs.append(FieldErr.notSupported(pp.child("pathType"), .string(type), Self.pathTypes))
                }
                let text = path.string("path")
                if (type == "Exact" || type == "Prefix") && !text.hasPrefix("/") {
                    errs.append(FieldErr.invalid(pp.child("path"), .string(text), "must be an absolute path"))
                }
                errs += backend(path["backend"] ?? .object([:]), pp.child("backend"))
            }
        }
        return errs
    }

    func backend(_ b: JSONValue, _ p: FieldPath) -> [FieldError] {
        let hasService = b["service"].map { !$0.isNull } ?? false
        let hasResource = b["resource"].map { !$0.isNull } ?? false
        if hasService && hasResource { return [FieldErr.invalid(p, .string(""), "cannot set both resource and service backends")] }
        if hasResource {
            let r = b["resource"]!
            var errs: [FieldError] = []
            if r.string("kind").isEmpty { errs.append(FieldErr.required(p.child("resource", "kind"))) }
            if r.string("name").isEmpty { errs.append(FieldErr.required(p.child("resource", "name"))) }
            return errs
        }
        guard hasService, let s = b["service"] else { return [FieldErr.invalid(p, .string(""), "resource or service backend is required")] }
        var errs: [FieldError] = []
        if s.string("name").isEmpty { errs.append(FieldErr.required(p.child("service", "name"))) }
        let name = s[path: ["port", "name"]]?.stringValue ?? ""
        let number = s[path: ["port", "number"]]?.intValue ?? 0
        if !name.isEmpty && number != 0 {
            errs.append(FieldErr.invalid(p, .string(""), "cannot set both port name & port number"))
        } else if !name.isEmpty {
            errs += NameFormats.portName(name).map { FieldErr.invalid(p.child("service", "port", "name"), .string(name), $0) }
        } else if number != 0 {
            if !NameFormats.isPortNumber(number) {
                errs.append(FieldErr.invalid(p.child("service", "port", "number"), .int(number), NameFormats.portRangeMessage))
            }
        } else {
            errs.append(FieldErr.required(p.child("service", "port"), "port name or number is required"))
        }
        return errs
    }
}

/// IngressClasses (networking.k8s.io/v1): the controller is required and fixed.
public struct IngressClassStrategy: ResourceStrategy {
    public init() {}

    public func validate(_ object: JSONValue) -> [FieldError] {
        let controller = object[path: ["spec", "controller"]]?.stringValue ?? ""
        if controller.isEmpty { return [FieldErr.required(FieldPath("spec.controller"))] }
        if controller.count > 250 { return [FieldError.tooLong("spec.controller", max: 250)] }
        return []
    }

    public func validateUpdate(_ object: JSONValue, old: JSONValue) -> [FieldError] {
        FieldCheck.immutable(object[path: ["spec", "controller"]], old[path: ["spec", "controller"]], FieldPath("spec.controller"))
    }
}
