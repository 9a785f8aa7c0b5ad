import KubeMachinery

/// The subset of `kubescheduler.config.k8s.io/v1` KubeSchedulerConfiguration Bosun honours.
/// Values are already defaulted (as upstream's SetDefaults): every profile's plugin sets are the
/// default plugins merged with what the file said.
public struct KubeSchedulerConfiguration: Sendable, Equatable {
    public static let apiVersion = "kubescheduler.config.k8s.io/v1"
    public static let kind = "KubeSchedulerConfiguration"

    public var profiles: [KubeSchedulerProfile]
    /// Global percentage of nodes to find feasible before scoring; nil or 0 means adaptive.
    public var percentageOfNodesToScore: Int32?
    /// Workers used by the parallel Filter and Score phases.
    public var parallelism: Int
    public var podInitialBackoffSeconds: Int64
    public var podMaxBackoffSeconds: Int64

    public init(profiles: [KubeSchedulerProfile] = [KubeSchedulerProfile()], percentageOfNodesToScore: Int32? = nil,
                parallelism: Int = 16, podInitialBackoffSeconds: Int64 = 1, podMaxBackoffSeconds: Int64 = 10) {
        self.profiles = profiles
        self.percentageOfNodesToScore = percentageOfNodesToScore
        self.parallelism = parallelism
        self.podInitialBackoffSeconds = podInitialBackoffSeconds
        self.podMaxBackoffSeconds = podMaxBackoffSeconds
    }

    /// The configuration kube-scheduler runs with when given no file: one `default-scheduler` profile.
    public static var `default`: KubeSchedulerConfiguration { KubeSchedulerConfiguration() }

    public func profile(named schedulerName: String) -> KubeSchedulerProfile? {
        profiles.first { $0.schedulerName == schedulerName }
    }
}

/// One scheduling profile: a scheduler name and the plugins it runs at each extension point.
public struct KubeSchedulerProfile: Sendable, Equatable {
    public var schedulerName: String
    /// Per-profile override of the global percentage.
    public var percentageOfNodesToScore: Int32?
    /// Plugin sets by extension point, defaults merged in.
    public var plugins: Plugins
    /// `pluginConfig[]` in file order: plugin name and its args object.
    public var pluginConfig: [PluginConfig]

    public init(schedulerName: String = "default-scheduler", percentageOfNodesToScore: Int32? = nil,
                plugins: Plugins = .defaults, pluginConfig: [PluginConfig] = []) {
        self.schedulerName = schedulerName
        self.percentageOfNodesToScore = percentageOfNodesToScore
        self.plugins = plugins
        self.pluginConfig = pluginConfig
    }

    /// The args given for a plugin, if any.
    public func args(for plugin: String) -> JSONValue? {
        pluginConfig.first { $0.name == plugin }?.args
    }
}

public struct PluginConfig: Sendable, Equatable {
    public var name: String
    public var args: JSONValue
    public init(name: String, args: JSONValue) {
        self.name = name
        self.args = args
    }
}

/// The extension points a profile configures, with upstream's field names.
public enum ExtensionPoint: String, Sendable, CaseIterable, Hashable {
    case multiPoint, queueSort, preEnqueue, preFilter, filter, postFilter, preScore, score, reserve, permit, preBind, bind, postBind
}

/// A plugin enabled at an extension point; `weight` only matters for Score (0 means 1).
public struct PluginReference: Sendable, Equatable {
    public var name: String
    public var weight: Int32
    public init(_ name: String, weight: Int32 = 0) {
        self.name = name
        self.weight = weight
    }
}

/// `enabled`/`disabled` for one extension point. A disabled name of `*` turns off every default.
public struct PluginSet: Sendable, Equatable {
    public var enabled: [PluginReference]
    public var disabled: [String]
    public init(enabled: [PluginReference] = [], disabled: [String] = []) {
        self.enabled = enabled
        self.disabled = disabled
    }
    public var disablesAll: Bool { disabled.contains("*") }
}

/// A profile's `plugins` field: one set per extension point.
public struct Plugins: Sendable, Equatable {
    public var sets: [ExtensionPoint: PluginSet]
    public init(_ sets: [ExtensionPoint: PluginSet] = [:]) { self.sets = sets }

    public subscript(point: ExtensionPoint) -> PluginSet {
        get { sets[point] ?? PluginSet() }
        set { sets[point] = newValue }
    }
}
