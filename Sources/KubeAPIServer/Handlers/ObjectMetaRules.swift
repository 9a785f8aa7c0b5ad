import Foundation
import KubeMachinery
import KubeResources

/// The API server's own metadata rules, applied to every kind before its strategy runs.
enum ObjectMetaRules {
    /// RFC 3339 in UTC with seconds, as upstream's metav1.Time serializes.
    static func timestamp(_ date: Date = Date()) -> String {
        var t = time_t(date.timeIntervalSince1970)
        var tm = tm()
        gmtime_r(&t, &tm)
        var out: [UInt8] = []
        out.reserveCapacity(20)
        func digits(_ v: Int32, _ width: Int) {
            var buf = [UInt8](repeating: UInt8(ascii: "0"), count: width)
            var n = Int(v)
            for i in stride(from: width - 1, through: 0, by: -1) {
                buf[i] = UInt8(ascii: "0") + UInt8(n % 10)
                n /= 10
            }
            out.append(contentsOf: buf)
        }
        digits(tm.tm_year + 1900, 4); out.append(UInt8(ascii: "-"))
        digits(tm.tm_mon + 1, 2); out.append(UInt8(ascii: "-"))
        digits(tm.tm_mday, 2); out.append(UInt8(ascii: "T"))
        digits(tm.tm_hour, 2); out.append(UInt8(ascii: ":"))
        digits(tm.tm_min, 2); out.append(UInt8(ascii: ":"))
        digits(tm.tm_sec, 2); out.append(UInt8(ascii: "Z"))
        return String(decoding: out, as: UTF8.self)
    }

    static func newUID() -> String { UUID().uuidString.lowercased() }

    /// Five characters from upstream's alphabet for generateName (no vowels, no confusable digits).
    static func randomSuffix() -> String {
        let alphabet = Array("bcdfghjklmnpqrstvwxz2456789")
        return String((0..<5).map { _ in alphabet[Int.random(in: 0..<alphabet.count)] })
    }

    /// Kinds whose metadata.generation counts spec changes.
    static let generationTracked: Set<String> = [
        "deployments", "replicasets", "statefulsets", "daemonsets", "replicationcontrollers", "jobs", "cronjobs",
        "horizontalpodautoscalers", "poddisruptionbudgets", "ingresses", "networkpolicies", "endpointslices",
        "ingressclasses", "podtemplates",
    ]

    /// The name rule each kind follows (upstream's per-resource ValidateNameFunc).
    static func nameValidator(_ type: ResourceType) -> NameValidator {
        switch type.plural {
        case "namespaces": return NameValidators.dnsLabel
        case "services": return NameValidators.dns1035Label
        case "roles", "clusterroles", "rolebindings", "clusterrolebindings": return NameValidators.pathSegment
        default: return NameValidators.dnsSubdomain
        }
    }

    /// Validates name, generateName, namespace, labels, annotations, owner references and
    /// finalizers with `metadata.` paths.
    static func validate(_ obj: JSONValue, type: ResourceType) -> [FieldError] {
        validateObjectMeta(obj["metadata"] ?? .object([:]), namespaced: type.namespaced, nameValidator: nameValidator(type))
    }
}
