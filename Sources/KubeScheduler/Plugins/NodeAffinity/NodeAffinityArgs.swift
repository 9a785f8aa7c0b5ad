import KubeMachinery

/// `NodeAffinityArgs`: `addedAffinity` is node affinity the scheduler profile imposes on every
/// pod it schedules (e.g. a profile that only places pods on a node pool), on top of the pod's own.
public struct NodeAffinityArgs: Sendable, Equatable {
    public var addedRequired: NodeSelector?
    public var addedPreferred: [PreferredSchedulingTerm]

    public init(addedRequired: NodeSelector? = nil, addedPreferred: [PreferredSchedulingTerm] = []) {
        self.addedRequired = addedRequired
        self.addedPreferred = addedPreferred
    }

    public init(json: JSONValue?) throws {
        self.init()
        guard let json, json != .null else { return }
        guard json.objectValue != nil else { throw Self.error("args", "must be an object, got \(json.typeName)") }
        guard let added = json["addedAffinity"], added != .null else { return }
        guard added.objectValue != nil else { throw Self.error("addedAffinity", "must be an object, got \(added.typeName)") }

        let requiredField = "addedAffinity.requiredDuringSchedulingIgnoredDuringExecution"
        if let r = added["requiredDuringSchedulingIgnoredDuringExecution"], r != .null {
            guard let terms = r["nodeSelectorTerms"]?.arrayValue, !terms.isEmpty else {
                throw Self.error("\(requiredField).nodeSelectorTerms", "must have at least one node selector term")
            }
            for (i, t) in terms.enumerated() { try Self.validateTerm(t, field: "\(requiredField).nodeSelectorTerms[\(i)]") }
            addedRequired = NodeSelector(json: r)
        }

        let preferredField = "addedAffinity.preferredDuringSchedulingIgnoredDuringExecution"
        if let p = added["preferredDuringSchedulingIgnoredDuringExecution"], p != .null {
            guard let items = p.arrayValue else { throw Self.error(preferredField, "must be a list, got \(p.typeName)") }
            for (i, item) in items.enumerated() {
                let field = "\(preferredField)[\(i)]"
                guard let w = item["weight"]?.intValue, (1...100).contains(w) else {
                    throw Self.error("\(field).weight", "must be in the range 1-100")
                }
                try Self.validateTerm(item["preference"] ?? [:], field: "\(field).preference")
            }
            addedPreferred = items.map(PreferredSchedulingTerm.init(json:))
        }
    }

    private static func error(_ field: String, _ message: String) -> PluginArgsError {
        PluginArgsError(plugin: NodeAffinity.name, field: field, message)
    }

    /// The checks upstream's node selector validation makes, so a bad profile fails at start-up
    /// rather than silently matching nothing.
    private static func validateTerm(_ term: JSONValue, field: String) throws {
        guard term.objectValue != nil else { throw error(field, "must be an object, got \(term.typeName)") }
        for list in ["matchExpressions", "matchFields"] {
            guard let reqs = term[list], reqs != .null else { continue }
            guard let items = reqs.arrayValue else { throw error("\(field).\(list)", "must be a list, got \(reqs.typeName)") }
            for (i, r) in items.enumerated() {
                let path = "\(field).\(list)[\(i)]"
                guard let key = r["key"]?.stringValue, !key.isEmpty else { throw error("\(path).key", "Required value") }
                if list == "matchFields" && key != "metadata.name" {
                    throw error("\(path).key", "Unsupported value: \"\(key)\": supported values: \"metadata.name\"")
                }
                let opName = r["operator"]?.stringValue ?? ""
                guard let op = NodeSelectorRequirement.Operator(rawValue: opName) else {
                    throw error("\(path).operator", "not a valid selector operator \"\(opName)\"")
                }
                let values = r["values"]?.arrayValue ?? []
                switch op {
                case .in, .notIn:
                    if values.isEmpty { throw error("\(path).values", "must be specified when `operator` is 'In' or 'NotIn'") }
                    if list == "matchFields" && values.count != 1 {
                        throw error("\(path).values", "must have one element for matchFields")
                    }
                case .exists, .doesNotExist:
                    if !values.isEmpty { throw error("\(path).values", "may not be specified when `operator` is 'Exists' or 'DoesNotExist'") }
                case .gt, .lt:
                    guard values.count == 1, let v = values[0].stringValue, Int64(v) != nil else {
                        throw error("\(path).values", "must be specified single value when `operator` is 'Lt' or 'Gt', and it must be an integer")
                    }
                }
                if list == "matchFields" && op != .in && op != .notIn {
                    throw error("\(path).operator", "Unsupported value: \"\(opName)\": supported values: \"In\", \"NotIn\"")
                }
            }
        }
    }
}
