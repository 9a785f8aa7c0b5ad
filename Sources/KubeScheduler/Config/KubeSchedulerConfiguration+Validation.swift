extension KubeSchedulerConfiguration {
    /// Upstream's ValidateKubeSchedulerConfiguration, for the fields Bosun supports. Whether the
    /// named plugins exist and implement their extension points is checked when the frameworks
    /// are built (that needs the registry).
    public func validate() throws {
        var problems: [String] = []
        if parallelism <= 0 { problems.append("parallelism: Invalid value: \(parallelism): should be an integer value greater than zero") }
        if let p = percentageOfNodesToScore, p < 0 || p > 100 {
            problems.append("percentageOfNodesToScore: Invalid value: \(p): not in valid range [0-100]")
        }
        if podInitialBackoffSeconds <= 0 {
            problems.append("podInitialBackoffSeconds: Invalid value: \(podInitialBackoffSeconds): must be greater than 0")
        }
        if podMaxBackoffSeconds < podInitialBackoffSeconds {
            problems.append("podMaxBackoffSeconds: Invalid value: \(podMaxBackoffSeconds): must be greater than or equal to PodInitialBackoffSeconds")
        }
        if profiles.isEmpty { problems.append("profiles: Required value") }
        var seen = Set<String>()
        for (i, p) in profiles.enumerated() {
            let path = "profiles[\(i)]"
            if p.schedulerName.isEmpty { problems.append("\(path).schedulerName: Required value") }
            if !seen.insert(p.schedulerName).inserted {
                problems.append("\(path).schedulerName: Duplicate value: \"\(p.schedulerName)\"")
            }
            if let pct = p.percentageOfNodesToScore, pct < 0 || pct > 100 {
                problems.append("\(path).percentageOfNodesToScore: Invalid value: \(pct): not in valid range [0-100]")
            }
            var argNames = Set<String>()
            for (j, c) in p.pluginConfig.enumerated() where !argNames.insert(c.name).inserted {
                problems.append("\(path).pluginConfig[\(j)]: Duplicate value: \"\(c.name)\"")
            }
            for point in ExtensionPoint.allCases {
                for (j, ref) in p.plugins[point].enabled.enumerated() where ref.weight < 0 {
                    problems.append("\(path).plugins.\(point.rawValue).enabled[\(j)].weight: Invalid value: \(ref.weight): must be non-negative")
                }
            }
        }
        // Every profile feeds the same queue, so they must order it the same way.
        if let first = profiles.first {
            let sort = first.effectiveQueueSort
            for (i, p) in profiles.enumerated().dropFirst() where p.effectiveQueueSort != sort {
                problems.append("profiles[\(i)].plugins.queueSort: Invalid value: \(p.effectiveQueueSort): queueSort must be the same for all profiles")
            }
        }
        if !problems.isEmpty { throw SchedulerConfigError(problems) }
    }
}

extension KubeSchedulerProfile {
    /// The QueueSort plugin names a profile ends up with, judged from the configuration alone:
    /// explicit queueSort entries, or else the MultiPoint entries (only PrioritySort among the
    /// in-tree plugins sorts the queue, but a custom registry may add others).
    var effectiveQueueSort: [String] {
        let explicit = plugins[.queueSort]
        if !explicit.enabled.isEmpty || explicit.disablesAll { return explicit.enabled.map(\.name) }
        let disabled = Set(explicit.disabled)
        return plugins[.multiPoint].enabled.map(\.name).filter { $0 == "PrioritySort" && !disabled.contains($0) }
    }
}
