import Foundation
import KubeMachinery

/// Secrets (core/v1): `stringData` folded into `data`, keys checked, per-type required keys,
/// and the `immutable` flag honoured.
public struct SecretStrategy: ResourceStrategy {
    public init() {}

    static let maxSize = 1024 * 1024

    /// Upstream folds `stringData` into `data` while converting the request; it is never stored.
    static func foldStringData(_ object: inout JSONValue) {
        guard let stringData = object["stringData"]?.objectValue else { object["stringData"] = nil; return }
        var data = object.members("data")
        for (k, v) in stringData { data[k] = .string(Data((v.stringValue ?? "").utf8).base64EncodedString()) }
        object["data"] = .object(data)
        object["stringData"] = nil
    }

    public func prepareForCreate(_ object: inout JSONValue) { Self.foldStringData(&object) }
    public func prepareForUpdate(_ object: inout JSONValue, old: JSONValue) { Self.foldStringData(&object) }

    public func applyDefaults(_ object: inout JSONValue) {
        object.defaultField("type", to: "Opaque")
    }

    public func validate(_ object: JSONValue) -> [FieldError] {
        var errs: [FieldError] = []
        let dataPath = FieldPath("data")
        let data = object.members("data")
        var total = 0
        for key in data.keys.sorted() {
            errs += NameFormats.configKey(key).map { FieldErr.invalid(dataPath.key(key), .string(key), $0) }
            guard let encoded = data[key]?.stringValue, let decoded = Data(base64Encoded: encoded) else {
                errs.append(FieldErr.invalid(dataPath.key(key), rendered: "\"<secret contents redacted>\"", "illegal base64 data"))
                continue
            }
            total += decoded.count
        }
        if total > Self.maxSize { errs.append(FieldError.tooLong("data", max: Self.maxSize)) }
        let has = { (k: String) in data[k] != nil }
        switch object.string("type") {
        case "kubernetes.io/service-account-token":
            if object[path: ["metadata", "annotations", "kubernetes.io/service-account.name"]]?.stringValue?.isEmpty ?? true {
                errs.append(FieldErr.required(FieldPath("metadata.annotations").key("kubernetes.io/service-account.name")))
            }
        case "kubernetes.io/dockercfg":
            if !has(".dockercfg") { errs.append(FieldErr.required(dataPath.key(".dockercfg"))) }
        case "kubernetes.io/dockerconfigjson":
            if !has(".dockerconfigjson") { errs.append(FieldErr.required(dataPath.key(".dockerconfigjson"))) }
        case "kubernetes.io/basic-auth":
            if !has("username") && !has("password") {
                errs.append(FieldErr.required(dataPath.key("username")))
                errs.append(FieldErr.required(dataPath.key("password")))
            }
        case "kubernetes.io/ssh-auth":
            if !has("ssh-privatekey") { errs.append(FieldErr.required(dataPath.key("ssh-privatekey"))) }
        case "kubernetes.io/tls":
            if !has("tls.crt") { errs.append(FieldErr.required(dataPath.key("tls.crt"))) }
            if !has("tls.key") { errs.append(FieldErr.required(dataPath.key("tls.key"))) }
        default: break
        }
        return errs
    }

    public func validateUpdate(_ object: JSONValue, old: JSONValue) -> [FieldError] {
        var errs = FieldCheck.immutable(object["type"], old["type"], FieldPath("type"))
        errs += ImmutableData.validate(object, old: old, fields: ["data"])
        return errs
    }
}

/// The `immutable` flag of Secrets and ConfigMaps: once true, the data and the flag are fixed.
enum ImmutableData {
    static let message = "field is immutable when `immutable` is set"

    static func validate(_ object: JSONValue, old: JSONValue, fields: [String]) -> [FieldError] {
        guard old["immutable"]?.boolValue == true else { return [] }
        var errs: [FieldError] = []
        for f in fields where !(object[f] ?? .null).semanticallyEqual(old[f]) {
            errs.append(FieldErr.forbidden(FieldPath(f), message))
        }
        if object["immutable"]?.boolValue != true { errs.append(FieldErr.forbidden(FieldPath("immutable"), message)) }
        return errs
    }
}
