/// The in-tree plugins that look beyond one node: inter-pod affinity, topology spreading and
/// preemption. Each factory parses and validates its upstream args (`InterPodAffinityArgs`,
/// `PodTopologySpreadArgs`, `DefaultPreemptionArgs`), throwing a `FieldError` when invalid.
extension InTreeRegistry {
    static var advanced: [String: PluginFactory] {
        [
            InterPodAffinity.pluginName: InterPodAffinity.factory,
            PodTopologySpread.pluginName: PodTopologySpread.factory,
            DefaultPreemption.pluginName: DefaultPreemption.factory,
        ]
    }
}
