import Foundation
import KubeMachinery

/// ConfigMaps (core/v1).
public struct ConfigMapStrategy: ResourceStrategy {
    public init() {}

    public func validate(_ object: JSONValue) -> [FieldError] {
        var errs: [FieldError] = []
        var total = 0
        let data = object.members("data")
        for key in data.keys.sorted() {
            errs += NameFormats.configKey(key).map { FieldErr.invalid(FieldPath("data").key(key), .string(key), $0) }
            total += data[key]?.stringValue?.utf8.count ?? 0
        }
        let binary = object.members("binaryData")
        for key in binary.keys.sorted() {
            let p = FieldPath("binaryData").key(key)
            errs += NameFormats.configKey(key).map { FieldErr.invalid(p, .string(key), $0) }
            if data[key] != nil { errs.append(FieldErr.invalid(p, .string(key), "duplicate of key present in data")) }
            total += binary[key]?.stringValue.flatMap { Data(base64Encoded: $0)?.count } ?? 0
        }
        if total > SecretStrategy.maxSize { errs.append(FieldError.tooLong("", max: SecretStrategy.maxSize)) }
        return errs
    }

    public func validateUpdate(_ object: JSONValue, old: JSONValue) -> [FieldError] {
        ImmutableData.validate(object, old: old, fields: ["data", "binaryData"])
    }
}
