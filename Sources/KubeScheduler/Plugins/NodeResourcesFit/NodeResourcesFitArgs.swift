import KubeMachinery

/// `NodeResourcesFitArgs` as written in a KubeSchedulerConfiguration's pluginConfig.
public struct NodeResourcesFitArgs: Sendable, Equatable {
    /// Extended resources the Filter does not check (e.g. resources a device plugin oversubscribes).
    public var ignoredResources: Set<String> = []
    /// Extended-resource groups (the part before `/`) the Filter does not check.
    public var ignoredResourceGroups: Set<String> = []
    public var scoringStrategy = ScoringStrategy()

    public init(ignoredResources: Set<String> = [], ignoredResourceGroups: Set<String> = [], scoringStrategy: ScoringStrategy = ScoringStrategy()) {
        self.ignoredResources = ignoredResources
        self.ignoredResourceGroups = ignoredResourceGroups
        self.scoringStrategy = scoringStrategy
    }

    /// Parses and validates; nil or `{}` gives the defaults (LeastAllocated over cpu and memory).
    public init(json: JSONValue?) throws {
        let plugin = NodeResourcesFit.name
        guard let json, json != .null else { return }
        guard json.objectValue != nil else {
            throw PluginArgsError(plugin: plugin, field: "args", "must be an object, got \(json.typeName)")
        }
        ignoredResources = Set(try Self.strings(json["ignoredResources"], field: "ignoredResources"))
        ignoredResourceGroups = Set(try Self.strings(json["ignoredResourceGroups"], field: "ignoredResourceGroups"))
        for group in ignoredResourceGroups where group.contains("/") {
            throw PluginArgsError(plugin: plugin, field: "ignoredResourceGroups", "resource group name \"\(group)\" can't contain \"/\"")
        }
        if let s = json["scoringStrategy"], s != .null {
            scoringStrategy = try ScoringStrategy(json: s)
        }
    }

    private static func strings(_ json: JSONValue?, field: String) throws -> [String] {
        guard let json, json != .null else { return [] }
        guard let items = json.arrayValue else {
            throw PluginArgsError(plugin: NodeResourcesFit.name, field: field, "must be a list of strings, got \(json.typeName)")
        }
        return try items.map {
            guard let s = $0.stringValue else {
                throw PluginArgsError(plugin: NodeResourcesFit.name, field: field, "must be a list of strings, found \($0.typeName)")
            }
            return s
        }
    }
}

/// How NodeResourcesFit ranks nodes (`scoringStrategy`).
public struct ScoringStrategy: Sendable, Equatable {
    public enum StrategyType: String, Sendable, CaseIterable {
        case leastAllocated = "LeastAllocated"
        case mostAllocated = "MostAllocated"
        case requestedToCapacityRatio = "RequestedToCapacityRatio"
    }

    /// A point of the RequestedToCapacityRatio curve: utilization in percent (0...100) → score 0...10.
    public struct UtilizationShapePoint: Sendable, Equatable {
        public var utilization: Int64
        public var score: Int64
        public init(utilization: Int64, score: Int64) {
            self.utilization = utilization
            self.score = score
        }
    }

    public var type: StrategyType
    public var resources: [ResourceSpec]
    /// Only for RequestedToCapacityRatio: points with strictly increasing utilization.
    public var shape: [UtilizationShapePoint]

    public init(type: StrategyType = .leastAllocated, resources: [ResourceSpec] = ResourceSpec.defaults, shape: [UtilizationShapePoint] = []) {
        self.type = type
        self.resources = resources
        self.shape = shape
    }

    init(json: JSONValue) throws {
        let plugin = NodeResourcesFit.name
        guard json.objectValue != nil else {
            throw PluginArgsError(plugin: plugin, field: "scoringStrategy", "must be an object, got \(json.typeName)")
        }
        let typeName = json["type"]?.stringValue ?? ""
        if typeName.isEmpty {
            type = .leastAllocated
        } else if let t = StrategyType(rawValue: typeName) {
            type = t
        } else {
            let valid = StrategyType.allCases.map { "\"\($0.rawValue)\"" }.joined(separator: ", ")
            throw PluginArgsError(plugin: plugin, field: "scoringStrategy.type", "Unsupported value: \"\(typeName)\": supported values: \(valid)")
        }
        resources = try ResourceSpec.parseList(json["resources"], plugin: plugin, field: "scoringStrategy.resources")
        shape = []
        guard type == .requestedToCapacityRatio else { return }
        shape = try Self.parseShape(json["requestedToCapacityRatio"]?["shape"])
    }

    private static func parseShape(_ json: JSONValue?) throws -> [UtilizationShapePoint] {
        let plugin = NodeResourcesFit.name
        let field = "scoringStrategy.requestedToCapacityRatio.shape"
        guard let items = json?.arrayValue, !items.isEmpty else {
            throw PluginArgsError(plugin: plugin, field: field, "at least one point is required for RequestedToCapacityRatio")
        }
        var points: [UtilizationShapePoint] = []
        for (i, item) in items.enumerated() {
            guard let u = item["utilization"]?.intValue ?? (item["utilization"] == nil ? 0 : nil),
                  let s = item["score"]?.intValue ?? (item["score"] == nil ? 0 : nil) else {
                throw PluginArgsError(plugin: plugin, field: "\(field)[\(i)]", "utilization and score must be integers")
            }
            guard (0...100).contains(u) else {
                throw PluginArgsError(plugin: plugin, field: "\(field)[\(i)].utilization", "utilization \(u) not in valid range [0, 100]")
            }
            guard (0...maxCustomPriorityScore).contains(s) else {
                throw PluginArgsError(plugin: plugin, field: "\(field)[\(i)].score", "score \(s) not in valid range [0, \(maxCustomPriorityScore)]")
            }
            if let last = points.last, u <= last.utilization {
                throw PluginArgsError(plugin: plugin, field: "\(field)[\(i)].utilization", "utilization values must be sorted in increasing order")
            }
            points.append(UtilizationShapePoint(utilization: u, score: s))
        }
        return points
    }

    /// The top of the shape's score scale; scores are multiplied by maxNodeScore / this.
    public static let maxCustomPriorityScore: Int64 = 10
}
