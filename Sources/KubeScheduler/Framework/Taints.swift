import KubeMachinery

/// A node taint (`spec.taints[]`).
public struct Taint: Sendable, Hashable, CustomStringConvertible {
    public enum Effect: String, Sendable { case noSchedule = "NoSchedule", preferNoSchedule = "PreferNoSchedule", noExecute = "NoExecute" }
    public var key: String
    public var value: String
    public var effect: Effect
    public var timeAdded: String?

    public init(key: String, value: String = "", effect: Effect, timeAdded: String? = nil) {
        self.key = key
        self.value = value
        self.effect = effect
        self.timeAdded = timeAdded
    }

    public init?(json: JSONValue) {
        guard let key = json["key"]?.stringValue, let e = json["effect"]?.stringValue, let effect = Effect(rawValue: e) else { return nil }
        self.init(key: key, value: json["value"]?.stringValue ?? "", effect: effect, timeAdded: json["timeAdded"]?.stringValue)
    }

    /// `key=value:Effect`, as in upstream's event messages (`{node.kubernetes.io/not-ready: }`
    /// is the form used inside "untolerated taint {...}"; see `untoleratedDescription`).
    public var description: String { value.isEmpty ? "\(key):\(effect.rawValue)" : "\(key)=\(value):\(effect.rawValue)" }

    /// The `{key: value}` form upstream prints in "had untolerated taint {key: value}".
    public var untoleratedDescription: String { "{\(key): \(value)}" }
}

/// A pod toleration (`spec.tolerations[]`).
public struct Toleration: Sendable, Hashable {
    public enum Operator: String, Sendable { case exists = "Exists", equal = "Equal" }
    public var key: String
    public var `operator`: Operator
    public var value: String
    /// nil tolerates every effect.
    public var effect: Taint.Effect?
    public var tolerationSeconds: Int64?

    public init(key: String = "", operator op: Operator = .equal, value: String = "", effect: Taint.Effect? = nil, tolerationSeconds: Int64? = nil) {
        self.key = key
        self.operator = op
        self.value = value
        self.effect = effect
        self.tolerationSeconds = tolerationSeconds
    }

    public init(json: JSONValue) {
        key = json["key"]?.stringValue ?? ""
        `operator` = Operator(rawValue: json["operator"]?.stringValue ?? "Equal") ?? .equal
        value = json["value"]?.stringValue ?? ""
        effect = json["effect"]?.stringValue.flatMap { $0.isEmpty ? nil : Taint.Effect(rawValue: $0) }
        tolerationSeconds = json["tolerationSeconds"]?.intValue
    }

    /// Upstream's ToleratesTaint: empty key with Exists matches every key; empty effect every effect.
    public func tolerates(_ taint: Taint) -> Bool {
        if let effect, effect != taint.effect { return false }
        if !key.isEmpty && key != taint.key { return false }
        switch `operator` {
        case .exists: return true
        case .equal: return value == taint.value
        }
    }
}
