import KubeMachinery

extension InTreeRegistry {
    /// The basic default plugins by their upstream names. Plugins that take no args ignore any
    /// they are given (upstream's have no args type); the others reject malformed args with a
    /// `PluginArgsError` naming the field.
    static var basic: [String: PluginFactory] {
        [
            PrioritySort.name: { _, _ in PrioritySort() },
            SchedulingGates.name: { _, _ in SchedulingGates() },
            NodeName.name: { _, _ in NodeName() },
            NodeUnschedulable.name: { _, _ in NodeUnschedulable() },
            NodePorts.name: { _, _ in NodePorts() },
            NodeResourcesFit.name: { args, _ in try NodeResourcesFit(json: args) },
            NodeResourcesBalancedAllocation.name: { args, _ in try NodeResourcesBalancedAllocation(json: args) },
            NodeAffinity.name: { args, _ in try NodeAffinity(json: args) },
            TaintToleration.name: { _, _ in TaintToleration() },
            ImageLocality.name: { _, handle in ImageLocality(handle: handle) },
            DefaultBinder.name: { _, handle in DefaultBinder(handle: handle) },
        ]
    }
}
