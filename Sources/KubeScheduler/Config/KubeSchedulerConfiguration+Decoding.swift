import Foundation
import KubeMachinery
import Yams

extension KubeSchedulerConfiguration {
    /// Parses a configuration file (YAML or JSON), applies upstream's defaults and validates it.
    public init(yaml text: String) throws {
        let loaded: Any?
        do { loaded = try Yams.load(yaml: text) } catch {
            throw SchedulerConfigError("not valid YAML: \(error)")
        }
        guard let loaded else { throw SchedulerConfigError("the configuration file is empty") }
        try self.init(json: try YAMLToJSON.convert(loaded, path: ""))
    }

    /// Decodes a configuration object, applies defaults and validates.
    public init(json: JSONValue) throws {
        var problems: [String] = []
        guard json.objectValue != nil else { throw SchedulerConfigError("the configuration must be an object") }
        if let v = json["apiVersion"]?.stringValue, v != Self.apiVersion {
            problems.append("apiVersion: unsupported value \"\(v)\" (supported: \"\(Self.apiVersion)\")")
        }
        if let k = json["kind"]?.stringValue, k != Self.kind {
            problems.append("kind: expected \"\(Self.kind)\", got \"\(k)\"")
        }
        var config = KubeSchedulerConfiguration(profiles: [])
        config.parallelism = Int(json["parallelism"]?.intValue ?? 16)
        config.percentageOfNodesToScore = json["percentageOfNodesToScore"]?.intValue.map { Int32(clamping: $0) }
        config.podInitialBackoffSeconds = json["podInitialBackoffSeconds"]?.intValue ?? 1
        config.podMaxBackoffSeconds = json["podMaxBackoffSeconds"]?.intValue ?? 10
        for (i, p) in (json["profiles"]?.arrayValue ?? []).enumerated() {
            config.profiles.append(Self.decodeProfile(p, path: "profiles[\(i)]", problems: &problems))
        }
        if config.profiles.isEmpty { config.profiles = [KubeSchedulerProfile()] }
        if !problems.isEmpty { throw SchedulerConfigError(problems) }
        try config.validate()
        self = config
    }

    static func decodeProfile(_ json: JSONValue, path: String, problems: inout [String]) -> KubeSchedulerProfile {
        var profile = KubeSchedulerProfile(plugins: Plugins())
        profile.schedulerName = json["schedulerName"]?.stringValue ?? "default-scheduler"
        profile.percentageOfNodesToScore = json["percentageOfNodesToScore"]?.intValue.map { Int32(clamping: $0) }
        var custom = Plugins()
        if let plugins = json["plugins"]?.objectValue {
            for (key, value) in plugins {
                guard let point = ExtensionPoint(rawValue: key) else {
                    problems.append("\(path).plugins.\(key): unknown extension point")
                    continue
                }
                custom[point] = decodePluginSet(value, path: "\(path).plugins.\(key)", problems: &problems)
            }
        }
        profile.plugins = custom.mergedOnto(.defaults)
        for (i, entry) in (json["pluginConfig"]?.arrayValue ?? []).enumerated() {
            guard let name = entry["name"]?.stringValue, !name.isEmpty else {
                problems.append("\(path).pluginConfig[\(i)].name: Required value")
                continue
            }
            profile.pluginConfig.append(PluginConfig(name: name, args: entry["args"] ?? .object([:])))
        }
        return profile
    }

    static func decodePluginSet(_ json: JSONValue, path: String, problems: inout [String]) -> PluginSet {
        var set = PluginSet()
        for (i, e) in (json["enabled"]?.arrayValue ?? []).enumerated() {
            guard let name = e["name"]?.stringValue, !name.isEmpty else {
                problems.append("\(path).enabled[\(i)].name: Required value")
                continue
            }
            set.enabled.append(PluginReference(name, weight: Int32(clamping: e["weight"]?.intValue ?? 0)))
        }
        for (i, d) in (json["disabled"]?.arrayValue ?? []).enumerated() {
            guard let name = d["name"]?.stringValue, !name.isEmpty else {
                problems.append("\(path).disabled[\(i)].name: Required value")
                continue
            }
            set.disabled.append(name)
        }
        return set
    }
}

/// Yams' untyped values to JSON values (YAML is only a spelling of the same document).
enum YAMLToJSON {
    static func convert(_ value: Any, path: String) throws -> JSONValue {
        switch value {
        case let s as String: return .string(s)
        case let b as Bool: return .bool(b)
        case let i as Int: return .int(Int64(i))
        case let d as Double: return .double(d)
        case let a as [Any]:
            return .array(try a.enumerated().map { try convert($0.element, path: "\(path)[\($0.offset)]") })
        case let o as [String: Any]:
            var out: [String: JSONValue] = [:]
            for (k, v) in o { out[k] = try convert(v, path: path.isEmpty ? k : "\(path).\(k)") }
            return .object(out)
        case let o as [AnyHashable: Any]:
            var out: [String: JSONValue] = [:]
            for (k, v) in o { out["\(k)"] = try convert(v, path: path.isEmpty ? "\(k)" : "\(path).\(k)") }
            return .object(out)
        case is NSNull: return .null
        default:
            throw SchedulerConfigError("\(path.isEmpty ? "document" : path): unsupported YAML value \(value)")
        }
    }
}
