/// A plugin's `pluginConfig[].args` are malformed or out of range. The message names the field
/// path as it appears in the scheduler configuration (`scoringStrategy.resources[0].weight`),
/// so the operator can find the line to fix.
public struct PluginArgsError: Error, Sendable, CustomStringConvertible, Equatable {
    public var plugin: String
    public var field: String
    public var message: String

    public init(plugin: String, field: String, _ message: String) {
        self.plugin = plugin
        self.field = field
        self.message = message
    }

    public var description: String { "\(plugin) args: \(field): \(message)" }
}
