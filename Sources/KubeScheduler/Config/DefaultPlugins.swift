extension Plugins {
    /// Upstream's default profile (v1 defaults), all through MultiPoint, in upstream's order.
    /// The volume plugins are left out: Bosun has no volume scheduling yet.
    public static var defaults: Plugins {
        Plugins([.multiPoint: PluginSet(enabled: [
            PluginReference("PrioritySort"),
            PluginReference("SchedulingGates"),
            PluginReference("NodeUnschedulable"),
            PluginReference("NodeName"),
            PluginReference("TaintToleration", weight: 3),
            PluginReference("NodeAffinity", weight: 2),
            PluginReference("NodePorts"),
            PluginReference("NodeResourcesFit", weight: 1),
            PluginReference("PodTopologySpread", weight: 2),
            PluginReference("InterPodAffinity", weight: 2),
            PluginReference("DefaultPreemption"),
            PluginReference("NodeResourcesBalancedAllocation", weight: 1),
            PluginReference("ImageLocality", weight: 1),
            PluginReference("DefaultBinder"),
        ])])
    }

    /// Upstream's mergePlugins: each extension point's custom set is merged into the default
    /// set, so a file only states its differences from the defaults.
    public func mergedOnto(_ defaults: Plugins) -> Plugins {
        var out = Plugins()
        for point in ExtensionPoint.allCases {
            let merged = Self.merge(defaults: defaults[point], custom: self[point])
            if !merged.enabled.isEmpty || !merged.disabled.isEmpty { out[point] = merged }
        }
        return out
    }

    /// Defaults keep their order, except that ones the custom set disables are dropped and
    /// ones it re-lists are replaced in place (new weight); other custom plugins follow.
    static func merge(defaults: PluginSet, custom: PluginSet) -> PluginSet {
        let disabled = custom.disabled + defaults.disabled
        let disabledNames = Set(disabled)
        var customIndex: [String: Int] = [:]
        for (i, p) in custom.enabled.enumerated() where customIndex[p.name] == nil { customIndex[p.name] = i }
        var replaced = Set<Int>()
        var enabled: [PluginReference] = []
        if !disabledNames.contains("*") {
            for p in defaults.enabled where !disabledNames.contains(p.name) {
                if let i = customIndex[p.name] {
                    enabled.append(custom.enabled[i])
                    replaced.insert(i)
                } else {
                    enabled.append(p)
                }
            }
        }
        // Duplicates stay in: the framework rejects them with a clear error.
        for (i, p) in custom.enabled.enumerated() where !replaced.contains(i) { enabled.append(p) }
        return PluginSet(enabled: enabled, disabled: disabled)
    }
}
