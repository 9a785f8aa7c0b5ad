import KubeMachinery

/// `PodTopologySpreadArgs` from a profile's `pluginConfig`: which constraints apply to pods
/// that declare none.
public struct PodTopologySpreadArgs: Sendable, Equatable {
    public enum DefaultingType: String, Sendable {
        /// Upstream's built-in defaults (hostname and zone, ScheduleAnyway).
        case system = "System"
        /// `defaultConstraints` as given (possibly none).
        case list = "List"
    }

    public var defaultingType: DefaultingType = .system
    /// Only with `defaultingType: List`. Their selectors are derived per pod from its owners.
    public var defaultConstraints: [TopologySpreadConstraint] = []

    /// Upstream's system defaults: soft spreading by node (maxSkew 3) and by zone (maxSkew 5).
    public static let systemDefaultConstraints: [TopologySpreadConstraint] = [
        TopologySpreadConstraint(maxSkew: 3, topologyKey: "kubernetes.io/hostname", whenUnsatisfiable: .scheduleAnyway, selector: .nothing),
        TopologySpreadConstraint(maxSkew: 5, topologyKey: "topology.kubernetes.io/zone", whenUnsatisfiable: .scheduleAnyway, selector: .nothing),
    ]

    public init(defaultingType: DefaultingType = .system, defaultConstraints: [TopologySpreadConstraint] = []) {
        self.defaultingType = defaultingType
        self.defaultConstraints = defaultConstraints
    }

    /// The constraints applied to pods without their own.
    public var effectiveDefaultConstraints: [TopologySpreadConstraint] {
        defaultingType == .system ? Self.systemDefaultConstraints : defaultConstraints
    }

    /// Decodes and validates as upstream does; nil or `{}` gives System defaulting.
    public init(json: JSONValue?) throws {
        guard let json, json != .null else { return }
        if let t = json["defaultingType"]?.stringValue, !t.isEmpty {
            guard let type = DefaultingType(rawValue: t) else {
                throw FieldError.notSupported("defaultingType", .string(t), supported: ["List", "System"])
            }
            defaultingType = type
        }
        let items = json["defaultConstraints"]?.arrayValue ?? []
        if defaultingType == .system && !items.isEmpty {
            throw FieldError.invalid("defaultConstraints", json["defaultConstraints"], "when .defaultingType is \"System\"")
        }
        var seen = Set<String>()
        for (i, item) in items.enumerated() {
            let path = "defaultConstraints[\(i)]"
            if let sel = item["labelSelector"], sel != .null {
                throw FieldError.forbidden("\(path).labelSelector", "constraint must not define a selector, as they deduced for each pod")
            }
            guard let maxSkew = item["maxSkew"]?.intValue, maxSkew > 0 else {
                throw FieldError.invalid("\(path).maxSkew", item["maxSkew"], "not in valid range (0, inf)")
            }
            guard let key = item["topologyKey"]?.stringValue, !key.isEmpty else {
                throw FieldError.required("\(path).topologyKey", "can not be empty")
            }
            let when = item["whenUnsatisfiable"]?.stringValue ?? ""
            guard let action = TopologySpreadConstraint.WhenUnsatisfiable(rawValue: when) else {
                throw FieldError.notSupported("\(path).whenUnsatisfiable", .string(when), supported: ["DoNotSchedule", "ScheduleAnyway"])
            }
            guard seen.insert("\(key)/\(when)").inserted else {
                throw FieldError.duplicate("\(path)", .string("{\(key), \(when)}"))
            }
            defaultConstraints.append(TopologySpreadConstraint(maxSkew: Int32(clamping: maxSkew), topologyKey: key,
                                                               whenUnsatisfiable: action, selector: .nothing))
        }
    }
}
