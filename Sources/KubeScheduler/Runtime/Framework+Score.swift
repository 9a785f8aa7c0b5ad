extension Framework {
    /// Runs PreScore plugins with the feasible nodes; Skip turns that plugin's Score off for
    /// this cycle, anything else but success is an error.
    public func runPreScorePlugins(_ state: CycleState, _ pod: PodInfo, _ nodes: [NodeInfo]) -> Status {
        var skipped = Set<String>()
        for p in preScorePlugins {
            let s = p.preScore(state, pod, nodes)
            if s.isSkip {
                skipped.insert(p.name)
                continue
            }
            if !s.isSuccess {
                return Status(.error, ["running PreScore plugin \"\(p.name)\": \(s.message)"], plugin: p.name)
            }
        }
        state.skipScorePlugins = skipped
        return .success
    }

    /// Scores every node with every active Score plugin (nodes in parallel), normalizes each
    /// plugin's scores, checks they are within 0...100 and sums them with the plugin weights.
    /// The result is in the order of `nodes`.
    public func runScorePlugins(_ state: CycleState, _ pod: PodInfo, _ nodes: [NodeInfo]) async -> ([NodeScore], Status) {
        let skip = state.skipScorePlugins
        let plugins = skip.isEmpty ? scorePlugins : scorePlugins.filter { !skip.contains($0.name) }
        guard !plugins.isEmpty else { return (nodes.map { NodeScore(name: $0.name, score: 0) }, .success) }

        // scores[p * nodes.count + n]: one slot per (plugin, node), written by exactly one worker.
        let slots = ConcurrentSlots<Int64>(count: plugins.count * nodes.count)
        let failure = ConcurrentSlots<Status>(count: 1)
        let failed = SharedCounter()
        await parallelizer.forEach(count: nodes.count) { n in
            // Through buffer pointers: iterating the arrays would copy each plugin (a struct
            // with its args: several retains) and each NodeInfo, per node.
            plugins.withUnsafeBufferPointer { ps in
                nodes.withUnsafeBufferPointer { ns in
                    for pi in ps.indices {
                        let (score, s) = ps[pi].score(state, pod, ns[n])
                        if !s.isSuccess {
                            if failed.increment() == 1 {
                                let name = ps[pi].name
                                failure[0] = Status(.error, ["running Score plugin \"\(name)\": \(s.message)"], plugin: name)
                            }
                            return false
                        }
                        slots[pi * ns.count + n] = score
                    }
                    return true
                }
            }
        }
        if failed.current > 0 { return ([], failure[0] ?? .error("score failed")) }

        var totals = nodes.map { NodeScore(name: $0.name, score: 0) }
        for (pi, p) in plugins.enumerated() {
            let weight = scoreWeights[p.name] ?? 1
            let base = pi * nodes.count
            if p.hasNormalizeScore {
                var scores = nodes.indices.map { NodeScore(name: totals[$0].name, score: slots[base + $0] ?? 0) }
                let s = p.normalizeScores(state, pod, &scores)
                if !s.isSuccess {
                    return ([], Status(.error, ["running Normalize on Score plugin \"\(p.name)\": \(s.message)"], plugin: p.name))
                }
                for i in scores.indices {
                    if let bad = Self.invalidScore(scores[i].score, plugin: p.name) { return ([], bad) }
                    totals[i].score += scores[i].score * weight
                }
            } else {
                // No normalization: add straight from the slots, without a per-plugin array of
                // (name, score) pairs.
                for i in totals.indices {
                    let v = slots[base + i] ?? 0
                    if let bad = Self.invalidScore(v, plugin: p.name) { return ([], bad) }
                    totals[i].score += v * weight
                }
            }
        }
        return (totals, .success)
    }

    /// The error for a score outside 0...100 after normalizing, or nil if it is in range.
    static func invalidScore(_ v: Int64, plugin: String) -> Status? {
        if v >= minNodeScore && v <= maxNodeScore { return nil }
        return Status(.error, ["plugin \"\(plugin)\" returns an invalid score \(v), it should in the range of [\(minNodeScore), \(maxNodeScore)] after normalizing"], plugin: plugin)
    }
}
