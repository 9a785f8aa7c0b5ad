import KubeMachinery

/// A resource a scoring strategy looks at, with its weight in the weighted mean
/// (upstream `ResourceSpec`, used by NodeResourcesFitArgs and NodeResourcesBalancedAllocationArgs).
public struct ResourceSpec: Sendable, Hashable {
    public var name: String
    public var weight: Int64

    public init(name: String, weight: Int64 = 1) {
        self.name = name
        self.weight = weight
    }

    /// cpu and memory, weight 1: what both plugins use when `resources` is empty.
    public static let defaults = [ResourceSpec(name: "cpu"), ResourceSpec(name: "memory")]

    /// Parses `resources: [{name, weight}]`; a missing or zero weight defaults to 1 (as upstream's
    /// defaulting does), anything outside 1...100 is rejected.
    static func parseList(_ json: JSONValue?, plugin: String, field: String) throws -> [ResourceSpec] {
        guard let json, json != .null else { return defaults }
        guard let items = json.arrayValue else {
            throw PluginArgsError(plugin: plugin, field: field, "must be a list, got \(json.typeName)")
        }
        if items.isEmpty { return defaults }
        var seen = Set<String>()
        return try items.enumerated().map { i, item in
            let path = "\(field)[\(i)]"
            guard let name = item["name"]?.stringValue, !name.isEmpty else {
                throw PluginArgsError(plugin: plugin, field: "\(path).name", "a resource name is required")
            }
            guard seen.insert(name).inserted else {
                throw PluginArgsError(plugin: plugin, field: "\(path).name", "duplicate resource \"\(name)\"")
            }
            var weight: Int64 = 1
            if let w = item["weight"], w != .null {
                guard let v = w.intValue else {
                    throw PluginArgsError(plugin: plugin, field: "\(path).weight", "must be an integer, got \(w.typeName)")
                }
                if v != 0 { weight = v }
            }
            guard (1...100).contains(weight) else {
                throw PluginArgsError(plugin: plugin, field: "\(path).weight", "resource weight of \(name) not in valid range [1, 100]")
            }
            return ResourceSpec(name: name, weight: weight)
        }
    }
}
