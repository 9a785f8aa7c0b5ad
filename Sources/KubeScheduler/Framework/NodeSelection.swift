import KubeMachinery

/// One requirement of a node selector term (`matchExpressions[]` / `matchFields[]`).
public struct NodeSelectorRequirement: Sendable, Hashable {
    public enum Operator: String, Sendable { case `in` = "In", notIn = "NotIn", exists = "Exists", doesNotExist = "DoesNotExist", gt = "Gt", lt = "Lt" }
    public var key: String
    public var `operator`: Operator
    public var values: [String]

    public init(key: String, operator op: Operator, values: [String] = []) {
        self.key = key
        self.operator = op
        self.values = values
    }

    public init?(json: JSONValue) {
        guard let key = json["key"]?.stringValue, let op = json["operator"]?.stringValue.flatMap(Operator.init(rawValue:)) else { return nil }
        self.init(key: key, operator: op, values: json["values"]?.arrayValue?.compactMap(\.stringValue) ?? [])
    }

    public func matches(_ value: String?) -> Bool {
        switch `operator` {
        case .in: return value.map(values.contains) ?? false
        case .notIn: return value.map { !values.contains($0) } ?? true
        case .exists: return value != nil
        case .doesNotExist: return value == nil
        case .gt, .lt:
            guard let v = value.flatMap({ Int64($0) }), values.count == 1, let bound = Int64(values[0]) else { return false }
            return `operator` == .gt ? v > bound : v < bound
        }
    }
}

/// A node selector term: all its expressions (on labels) and fields (metadata.name) must match.
public struct NodeSelectorTerm: Sendable, Hashable {
    public var matchExpressions: [NodeSelectorRequirement]
    public var matchFields: [NodeSelectorRequirement]

    public init(matchExpressions: [NodeSelectorRequirement] = [], matchFields: [NodeSelectorRequirement] = []) {
        self.matchExpressions = matchExpressions
        self.matchFields = matchFields
    }

    public init(json: JSONValue) {
        matchExpressions = json["matchExpressions"]?.arrayValue?.compactMap(NodeSelectorRequirement.init(json:)) ?? []
        matchFields = json["matchFields"]?.arrayValue?.compactMap(NodeSelectorRequirement.init(json:)) ?? []
    }

    /// An empty term matches nothing (upstream semantics for required terms).
    public func matches(labels: [String: String], nodeName: String) -> Bool {
        if matchExpressions.isEmpty && matchFields.isEmpty { return false }
        for r in matchExpressions where !r.matches(labels[r.key]) { return false }
        for r in matchFields {
            guard r.key == "metadata.name" else { return false }
            if !r.matches(nodeName) { return false }
        }
        return true
    }
}

/// Required node affinity: the terms are ORed.
public struct NodeSelector: Sendable, Hashable {
    public var terms: [NodeSelectorTerm]
    public init(terms: [NodeSelectorTerm]) { self.terms = terms }
    public init(json: JSONValue) {
        terms = json["nodeSelectorTerms"]?.arrayValue?.map(NodeSelectorTerm.init(json:)) ?? []
    }
    public func matches(labels: [String: String], nodeName: String) -> Bool {
        terms.contains { $0.matches(labels: labels, nodeName: nodeName) }
    }
}

public struct PreferredSchedulingTerm: Sendable, Hashable {
    public var weight: Int32
    public var preference: NodeSelectorTerm
    public init(weight: Int32, preference: NodeSelectorTerm) {
        self.weight = weight
        self.preference = preference
    }
    public init(json: JSONValue) {
        weight = Int32(clamping: json["weight"]?.intValue ?? 0)
        preference = NodeSelectorTerm(json: json["preference"] ?? [:])
    }
}

/// A pod (anti-)affinity term, with its namespaces resolved: `namespaces` empty and no
/// namespaceSelector mean "the pod's own namespace" (already filled in by `PodInfo`).
public struct AffinityTerm: Sendable, Hashable {
    public var namespaces: Set<String>
    /// nil: no namespaceSelector; `.everything`: all namespaces.
    public var namespaceSelector: LabelSelector?
    public var selector: LabelSelector
    public var topologyKey: String

    public init(namespaces: Set<String>, namespaceSelector: LabelSelector?, selector: LabelSelector, topologyKey: String) {
        self.namespaces = namespaces
        self.namespaceSelector = namespaceSelector
        self.selector = selector
        self.topologyKey = topologyKey
    }

    /// Parses a `PodAffinityTerm`; nil when its selectors are malformed.
    public init?(json: JSONValue, podNamespace: String) {
        guard let topologyKey = json["topologyKey"]?.stringValue,
              let selector = try? LabelSelector(metav1: json["labelSelector"]) else { return nil }
        // A null labelSelector selects nothing for affinity terms.
        let sel = json["labelSelector"] == nil || json["labelSelector"] == .null ? LabelSelector.nothing : selector
        var nsSelector: LabelSelector?
        if let nsJSON = json["namespaceSelector"], nsJSON != .null {
            guard let s = try? LabelSelector(metav1: nsJSON) else { return nil }
            nsSelector = s
        }
        var namespaces = Set(json["namespaces"]?.arrayValue?.compactMap(\.stringValue) ?? [])
        if namespaces.isEmpty && nsSelector == nil { namespaces = [podNamespace] }
        self.init(namespaces: namespaces, namespaceSelector: nsSelector, selector: sel, topologyKey: topologyKey)
    }

    /// Whether `pod` (in a namespace with `namespaceLabels`) is selected by this term.
    public func matches(_ pod: PodInfo, namespaceLabels: [String: String]?) -> Bool {
        if !namespaces.contains(pod.namespace) {
            guard let nsSel = namespaceSelector, let nsLabels = namespaceLabels, nsSel.matches(nsLabels) else { return false }
        }
        return selector.matches(pod.labels)
    }
}

public struct WeightedAffinityTerm: Sendable, Hashable {
    public var weight: Int32
    public var term: AffinityTerm
    public init(weight: Int32, term: AffinityTerm) {
        self.weight = weight
        self.term = term
    }
}

/// `spec.topologySpreadConstraints[]`.
public struct TopologySpreadConstraint: Sendable, Hashable {
    public enum WhenUnsatisfiable: String, Sendable { case doNotSchedule = "DoNotSchedule", scheduleAnyway = "ScheduleAnyway" }
    public enum Policy: String, Sendable { case honor = "Honor", ignore = "Ignore" }
    public var maxSkew: Int32
    public var topologyKey: String
    public var whenUnsatisfiable: WhenUnsatisfiable
    public var selector: LabelSelector
    public var minDomains: Int32?
    /// Default Honor: only nodes matching the pod's nodeSelector/affinity count as domains.
    public var nodeAffinityPolicy: Policy
    /// Default Ignore: tainted nodes count unless this is Honor.
    public var nodeTaintsPolicy: Policy
    public var matchLabelKeys: [String]

    public init(maxSkew: Int32, topologyKey: String, whenUnsatisfiable: WhenUnsatisfiable, selector: LabelSelector, minDomains: Int32? = nil,
                nodeAffinityPolicy: Policy = .honor, nodeTaintsPolicy: Policy = .ignore, matchLabelKeys: [String] = []) {
        self.maxSkew = maxSkew
        self.topologyKey = topologyKey
        self.whenUnsatisfiable = whenUnsatisfiable
        self.selector = selector
        self.minDomains = minDomains
        self.nodeAffinityPolicy = nodeAffinityPolicy
        self.nodeTaintsPolicy = nodeTaintsPolicy
        self.matchLabelKeys = matchLabelKeys
    }

    /// Parses one constraint; `matchLabelKeys` are folded into the selector with the pod's own label values, as upstream does.
    public init?(json: JSONValue, podLabels: [String: String]) {
        guard let key = json["topologyKey"]?.stringValue else { return nil }
        var selector = (try? LabelSelector(metav1: json["labelSelector"])) ?? .nothing
        if json["labelSelector"] == nil || json["labelSelector"] == .null { selector = .nothing }
        let mlk = json["matchLabelKeys"]?.arrayValue?.compactMap(\.stringValue) ?? []
        var extra: [LabelSelectorRequirement] = []
        for k in mlk { if let v = podLabels[k], let r = try? LabelSelectorRequirement(key: k, operator: .in, values: [v]) { extra.append(r) } }
        if !extra.isEmpty && !selector.matchesNothing { selector = selector.adding(extra) }
        self.init(maxSkew: Int32(clamping: json["maxSkew"]?.intValue ?? 1), topologyKey: key,
                  whenUnsatisfiable: WhenUnsatisfiable(rawValue: json["whenUnsatisfiable"]?.stringValue ?? "") ?? .doNotSchedule,
                  selector: selector, minDomains: json["minDomains"]?.intValue.map { Int32(clamping: $0) },
                  nodeAffinityPolicy: Policy(rawValue: json["nodeAffinityPolicy"]?.stringValue ?? "") ?? .honor,
                  nodeTaintsPolicy: Policy(rawValue: json["nodeTaintsPolicy"]?.stringValue ?? "") ?? .ignore,
                  matchLabelKeys: mlk)
    }
}

/// A host port a container asks for (`ports[].hostPort`), as NodePorts compares them.
public struct HostPortInfo: Sendable, Hashable {
    public var ip: String
    public var proto: String
    public var port: Int32
    public init(ip: String, proto: String, port: Int32) {
        self.ip = ip.isEmpty ? "0.0.0.0" : ip
        self.proto = proto.isEmpty ? "TCP" : proto
        self.port = port
    }

    /// Two host ports conflict when protocol and port match and either IP is the wildcard or they are equal.
    public func conflicts(with o: HostPortInfo) -> Bool {
        port == o.port && proto == o.proto && (ip == o.ip || ip == "0.0.0.0" || o.ip == "0.0.0.0")
    }
}
