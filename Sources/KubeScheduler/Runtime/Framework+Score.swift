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
            for (pi, p) in plugins.enumerated() {
                // Through a buffer pointer: `nodes[n]` would copy the NodeInfo (a dozen retains).
                let (score, s) = nodes.withUnsafeBufferPointer { p.score(state, pod, $0[n]) }
                if !s.isSuccess {
                    if failed.increment() == 1 {
                        failure[0] = Status(.error, ["running Score plugin \"\(p.name)\": \(s.message)"], plugin: p.name)
                    }
                    return false
                }
                slots[pi * nodes.count + n] = score
            }
            return true
        }
        if failed.current > 0 { return ([], failure[0] ?? .error("score failed")) }

        var totals = nodes.map { NodeScore(name: $0.name, score: 0) }
        for (pi, p) in plugins.enumerated() {
            var scores = nodes.indices.map { NodeScore(name: nodes[$0].name, score: slots[pi * nodes.count + $0] ?? 0) }
            if p.hasNormalizeScore {
                let s = p.normalizeScores(state, pod, &scores)
                if !s.isSuccess {
                    return ([], Status(.error, ["running Normalize on Score plugin \"\(p.name)\": \(s.message)"], plugin: p.name))
                }
            }
            let weight = scoreWeights[p.name] ?? 1
            for i in scores.indices {
                let v = scores[i].score
                if v < minNodeScore || v > maxNodeScore {
                    return ([], Status(.error, ["plugin \"\(p.name)\" returns an invalid score \(v), it should in the range of [\(minNodeScore), \(maxNodeScore)] after normalizing"], plugin: p.name))
                }
                totals[i].score += v * weight
            }
        }
        return (totals, .success)
    }
}
