import Foundation
import KubeMachinery

/// Validation of one container (regular or init) as upstream's `validateContainers` does it:
/// name, image, ports, env, volume mounts, resources and probes.
enum ContainerValidation {
    static let pullPolicies = ["Always", "IfNotPresent", "Never"]
    static let terminationMessagePolicies = ["File", "FallbackToLogsOnError"]
    static let protocols = ["SCTP", "TCP", "UDP"]

    /// `volumes` are the pod's volume names, for checking that mounts refer to one.
    static func validate(_ c: JSONValue, _ p: FieldPath, volumes: Set<String>, isInit: Bool) -> [FieldError] {
        var errs: [FieldError] = []
        errs += FieldCheck.dnsLabel(c.string("name"), p.child("name"))
        if c.string("image").trimmingCharacters(in: .whitespaces).isEmpty {
            errs.append(FieldErr.required(p.child("image")))
        }
        errs += FieldCheck.oneOf(c["imagePullPolicy"], pullPolicies, p.child("imagePullPolicy"))
        errs += FieldCheck.oneOf(c["terminationMessagePolicy"], terminationMessagePolicies, p.child("terminationMessagePolicy"))
        errs += ports(c.items("ports"), p.child("ports"))
        errs += env(c.items("env"), p.child("env"))
        errs += volumeMounts(c.items("volumeMounts"), p.child("volumeMounts"), volumes: volumes)
        errs += resources(c["resources"], p.child("resources"))
        let sidecar = isInit && c.string("restartPolicy") == "Always"
        if isInit {
            if let rp = c["restartPolicy"], !rp.isNull {
                errs += FieldCheck.oneOf(rp, ["Always"], p.child("restartPolicy"))
            }
            if !sidecar {
                for probe in ["lifecycle", "livenessProbe", "readinessProbe", "startupProbe"] where c[probe] != nil && c[probe] != .null {
                    errs.append(FieldErr.forbidden(p.child(probe), "may not be set for init containers without restartPolicy=Always"))
                }
            }
        } else if let rp = c["restartPolicy"], !rp.isNull {
            errs.append(FieldErr.forbidden(p.child("restartPolicy"), "may not be set for non-init containers"))
        }
        for probe in ["livenessProbe", "readinessProbe", "startupProbe"] {
            if let pr = c[probe], case .object = pr { errs += self.probe(pr, p.child(probe), kind: probe) }
        }
        return errs
    }

    static func ports(_ list: [JSONValue], _ p: FieldPath) -> [FieldError] {
        var errs: [FieldError] = []
        var names: Set<String> = []
        for (i, port) in list.enumerated() {
            let ip = p.index(i)
            let name = port.string("name")
            if !name.isEmpty {
                errs += NameFormats.portName(name).map { FieldErr.invalid(ip.child("name"), .string(name), $0) }
                if !names.insert(name).inserted { errs.append(FieldErr.duplicate(ip.child("name"), .string(name))) }
            }
            let cp = port["containerPort"]?.intValue ?? 0
            if cp == 0 {
                errs.append(FieldErr.required(ip.child("containerPort")))
            } else if !NameFormats.isPortNumber(cp) {
                errs.append(FieldErr.invalid(ip.child("containerPort"), .int(cp), NameFormats.portRangeMessage))
            }
            if let hp = port["hostPort"]?.intValue, hp != 0, !NameFormats.isPortNumber(hp) {
                errs.append(FieldErr.invalid(ip.child("hostPort"), .int(hp), NameFormats.portRangeMessage))
            }
            errs += FieldCheck.oneOf(port["protocol"], protocols, ip.child("protocol"))
        }
        return errs
    }

    static func env(_ list: [JSONValue], _ p: FieldPath) -> [FieldError] {
        var errs: [FieldError] = []
        for (i, e) in list.enumerated() {
            let ip = p.index(i)
            if e.string("name").isEmpty { errs.append(FieldErr.required(ip.child("name"))) }
            guard let from = e["valueFrom"]?.objectValue else { continue }
            let sources = ["fieldRef", "resourceFieldRef", "configMapKeyRef", "secretKeyRef", "fileKeyRef"].filter { from[$0] != nil && from[$0] != .null }
            if sources.count > 1 {
                errs.append(FieldErr.invalid(ip.child("valueFrom"), .string(""), "may not have more than one field specified at a time"))
            }
            if e.string("value") != "" && !sources.isEmpty {
                errs.append(FieldErr.invalid(ip.child("valueFrom"), .string(""), "may not be specified when `value` is not empty"))
            }
        }
        return errs
    }

    static func volumeMounts(_ list: [JSONValue], _ p: FieldPath, volumes: Set<String>) -> [FieldError] {
        var errs: [FieldError] = []
        var paths: Set<String> = []
        for (i, m) in list.enumerated() {
            let ip = p.index(i)
            let name = m.string("name")
            if name.isEmpty {
                errs.append(FieldErr.required(ip.child("name")))
            } else if !volumes.contains(name) {
                errs.append(FieldErr.notFound(ip.child("name"), name))
            }
            let mountPath = m.string("mountPath")
            if mountPath.isEmpty {
                errs.append(FieldErr.required(ip.child("mountPath")))
            } else if !paths.insert(mountPath).inserted {
                errs.append(FieldErr.invalid(ip.child("mountPath"), .string(mountPath), "must be unique"))
            }
        }
        return errs
    }

    /// Quantities must parse and be non-negative; each request at most its limit.
    static func resources(_ r: JSONValue?, _ p: FieldPath) -> [FieldError] {
        guard let r else { return [] }
        var errs: [FieldError] = []
        var parsedLimits: [String: (ResourceQuantity, String)] = [:]
        for (section, list) in [("limits", r.members("limits")), ("requests", r.members("requests"))] {
            for name in list.keys.sorted() {
                let raw = list[name]!
                let text = raw.stringValue ?? raw.serializedString()
                let fp = p.child(section).key(name)
                guard let q = ResourceQuantity(raw) else {
                    errs.append(FieldErr.invalid(fp, .string(text),
                        "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'"))
                    continue
                }
                if q < .zero {
                    errs.append(FieldErr.invalid(fp, .string(text), "must be greater than or equal to 0"))
                    continue
                }
                if section == "limits" {
                    parsedLimits[name] = (q, text)
                } else if let (limit, limitText) = parsedLimits[name], q > limit {
                    errs.append(FieldErr.invalid(fp, .string(text), "must be less than or equal to \(name) limit of \(limitText)"))
                }
            }
        }
        return errs
    }

    static func probe(_ pr: JSONValue, _ p: FieldPath, kind: String) -> [FieldError] {
        var errs: [FieldError] = []
        let handlers = ["exec", "httpGet", "tcpSocket", "grpc"].filter { pr[$0] != nil && pr[$0] != .null }
        if handlers.isEmpty {
            errs.append(FieldErr.required(p, "must specify a handler type"))
        } else if handlers.count > 1 {
            errs.append(FieldErr.forbidden(p.child(handlers[1]), "may not specify more than 1 handler type"))
        }
        for f in ["initialDelaySeconds", "timeoutSeconds", "periodSeconds", "successThreshold", "failureThreshold"] {
            errs += FieldCheck.nonNegative(pr[f], p.child(f))
        }
        if kind != "readinessProbe", let s = pr["successThreshold"]?.intValue, s != 1 {
            errs.append(FieldErr.invalid(p.child("successThreshold"), .int(s), "must be 1"))
        }
        return errs
    }
}
