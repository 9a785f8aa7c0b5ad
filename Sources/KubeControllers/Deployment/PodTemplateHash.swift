import KubeMachinery

/// The `pod-template-hash` label that ties a Deployment's template to one ReplicaSet and
/// keeps sibling ReplicaSets' selectors apart.
///
/// The scheme follows upstream's: a 32-bit FNV-1a hash of the template (here over Bosun's
/// canonical JSON, whose object keys are sorted, so equal templates hash equally whatever
/// order a client sent), with the collision count mixed in when set, written in decimal and
/// each digit mapped into an alphabet without vowels (so no words appear in names). The
/// values differ from upstream's, which hashes Go structs; nothing outside the controller
/// compares them.
enum PodTemplateHash {
    static let labelKey = "pod-template-hash"
    private static let alphabet = Array("bcdfghjklmnpqrstvwxz2456789".utf8)

    static func compute(template: JSONValue, collisionCount: Int?) -> String {
        var hash: UInt32 = 2_166_136_261
        func mix(_ byte: UInt8) {
            hash ^= UInt32(byte)
            hash = hash &* 16_777_619
        }
        for byte in template.serialized() { mix(byte) }
        if let collisionCount {
            // Eight bytes, the count little-endian in the first four, as upstream writes it.
            let c = UInt32(truncatingIfNeeded: collisionCount)
            for shift in stride(from: 0, to: 32, by: 8) { mix(UInt8(truncatingIfNeeded: c >> UInt32(shift))) }
            for _ in 0..<4 { mix(0) }
        }
        return String(decoding: String(hash).utf8.map { alphabet[Int($0) % alphabet.count] }, as: UTF8.self)
    }

    /// Whether two pod templates are the same apart from the hash label (upstream's
    /// `EqualIgnoreHash`): how the controller recognises the ReplicaSet of the current
    /// template, including an old one a rollback returns to. Nulls and an emptied label map
    /// count as absent, as Go's semantic equality treats nil and empty alike.
    static func equalIgnoringHash(_ a: JSONValue, _ b: JSONValue) -> Bool {
        normalized(a) == normalized(b)
    }

    private static func normalized(_ template: JSONValue) -> JSONValue {
        var t = dropNulls(template)
        if var labels = t["metadata"]?["labels"]?.objectValue {
            labels[labelKey] = nil
            t.set(["metadata", "labels"], to: labels.isEmpty ? nil : .object(labels))
        }
        if t["metadata"]?.objectValue?.isEmpty == true { t["metadata"] = nil }
        return t
    }

    private static func dropNulls(_ v: JSONValue) -> JSONValue {
        switch v {
        case .object(let o):
            var out: [String: JSONValue] = [:]
            for (k, x) in o where !x.isNull { out[k] = dropNulls(x) }
            return .object(out)
        case .array(let a):
            return .array(a.map(dropNulls))
        default:
            return v
        }
    }
}
