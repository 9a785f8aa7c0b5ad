extension Framework {
    /// Runs every PreFilter plugin. A plugin returning Skip has its Filter skipped this cycle;
    /// node sets plugins return are intersected; a rejection stops the cycle (every node gets
    /// that status). Returns the merged result (nil: all nodes).
    public func runPreFilterPlugins(_ state: CycleState, _ pod: PodInfo, _ nodes: [NodeInfo]) -> (PreFilterResult?, Status) {
        let (r, s, _) = runPreFilterPluginsDetailed(state, pod, nodes)
        return (r, s)
    }

    /// As `runPreFilterPlugins`, also naming the plugins that narrowed the node set.
    func runPreFilterPluginsDetailed(_ state: CycleState, _ pod: PodInfo, _ nodes: [NodeInfo]) -> (PreFilterResult?, Status, [String]) {
        var result: PreFilterResult?
        var restricting: [String] = []
        var skipped = Set<String>()
        for p in preFilterPlugins {
            let (r, s) = p.preFilter(state, pod, nodes)
            if s.isSkip {
                skipped.insert(p.name)
                continue
            }
            if !s.isSuccess {
                state.skipFilterPlugins = skipped
                if s.isRejected { return (nil, s.with(plugin: p.name), restricting) }
                return (nil, Status(.error, ["running PreFilter plugin \"\(p.name)\": \(s.message)"], plugin: p.name), restricting)
            }
            guard let r, r.nodeNames != nil else { continue }
            restricting.append(p.name)
            result = r.merged(result)
            if result?.nodeNames?.isEmpty == true {
                state.skipFilterPlugins = skipped
                let msg = restricting.count == 1
                    ? "node(s) didn't satisfy plugin \(restricting[0])"
                    : "node(s) didn't satisfy plugin(s) [\(restricting.joined(separator: " "))] simultaneously"
                return (nil, Status(.unschedulableAndUnresolvable, [msg], plugin: restricting.last ?? ""), restricting)
            }
        }
        state.skipFilterPlugins = skipped
        return (result, .success, restricting)
    }

    /// The Filter plugins that run this cycle (those whose PreFilter did not Skip).
    public func activeFilterPlugins(_ state: CycleState) -> [any FilterPlugin] {
        let skip = state.skipFilterPlugins
        return skip.isEmpty ? filterPlugins : filterPlugins.filter { !skip.contains($0.name) }
    }

    public func runFilterPlugins(_ state: CycleState, _ pod: PodInfo, _ node: NodeInfo) -> Status {
        Self.runFilters(activeFilterPlugins(state), state, pod, node)
    }

    /// Stops at the first plugin that does not pass: later plugins could only add reasons for
    /// a node that is already out.
    static func runFilters(_ plugins: [any FilterPlugin], _ state: CycleState, _ pod: PodInfo, _ node: NodeInfo) -> Status {
        // Through a buffer pointer: `for p in plugins` copies each plugin struct (its args
        // included) out of the array, and this runs per node.
        plugins.withUnsafeBufferPointer { ps in
            for i in ps.indices {
                let s = ps[i].filter(state, pod, node)
                if s.isSuccess { continue }
                let name = ps[i].name
                if s.isRejected { return s.with(plugin: name) }
                return Status(.error, ["running \"\(name)\" filter plugin: \(s.message)"], plugin: name)
            }
            return .success
        }
    }

    public func runFilterPluginsWithNominatedPods(_ state: CycleState, _ pod: PodInfo, _ node: NodeInfo) -> Status {
        filterWithNominatedPods(activeFilterPlugins(state), state, pod, node, nominated: nominator.nominatedPods(forNode: node.name))
    }

    /// Upstream's RunFilterPluginsWithNominatedPods. The pod must fit both with the nominated
    /// pods of higher or equal priority counted on the node (they will run there) and without
    /// them (they may not, and inter-pod affinity might then fail): two passes when any exist.
    func filterWithNominatedPods(_ plugins: [any FilterPlugin], _ state: CycleState, _ pod: PodInfo, _ node: NodeInfo,
                                 nominated: [PodInfo]) -> Status {
        // The common case: nothing nominated here, one pass, no copies of the node.
        if nominated.isEmpty { return Self.runFilters(plugins, state, pod, node) }
        var status = Status.success
        var podsAdded = false
        for pass in 0..<2 {
            var stateToUse = state
            var nodeToUse = node
            if pass == 0 {
                (podsAdded, stateToUse, nodeToUse) = addNominatedPods(state, pod, node, nominated)
            } else if !podsAdded || !status.isSuccess {
                break
            }
            status = Self.runFilters(plugins, stateToUse, pod, nodeToUse)
            if !status.isSuccess && !status.isRejected { return status }
        }
        return status
    }

    /// A copy of the node (and of the cycle state) with the nominated pods of priority not
    /// lower than `pod` added, PreFilter extensions told of each.
    func addNominatedPods(_ state: CycleState, _ pod: PodInfo, _ node: NodeInfo, _ nominated: [PodInfo]) -> (Bool, CycleState, NodeInfo) {
        guard !nominated.isEmpty else { return (false, state, node) }
        var nodeOut = node
        let stateOut = state.clone()
        var added = false
        for n in nominated where n.priority >= pod.priority && n.queueKey != pod.queueKey {
            nodeOut.addPod(n)
            _ = runPreFilterExtensionAddPod(stateOut, podToSchedule: pod, podToAdd: n, node: nodeOut)
            added = true
        }
        return (added, stateOut, nodeOut)
    }

    public func runPreFilterExtensionAddPod(_ state: CycleState, podToSchedule: PodInfo, podToAdd: PodInfo, node: NodeInfo) -> Status {
        let skip = state.skipFilterPlugins
        for p in preFilterPlugins where p.hasPreFilterExtensions && !skip.contains(p.name) {
            let s = p.addPod(state, podToSchedule: podToSchedule, podToAdd: podToAdd, node: node)
            if !s.isSuccess { return Status(.error, ["running AddPod on PreFilter plugin \"\(p.name)\": \(s.message)"], plugin: p.name) }
        }
        return .success
    }

    public func runPreFilterExtensionRemovePod(_ state: CycleState, podToSchedule: PodInfo, podToRemove: PodInfo, node: NodeInfo) -> Status {
        let skip = state.skipFilterPlugins
        for p in preFilterPlugins where p.hasPreFilterExtensions && !skip.contains(p.name) {
            let s = p.removePod(state, podToSchedule: podToSchedule, podToRemove: podToRemove, node: node)
            if !s.isSuccess { return Status(.error, ["running RemovePod on PreFilter plugin \"\(p.name)\": \(s.message)"], plugin: p.name) }
        }
        return .success
    }

    /// Runs PostFilter plugins until one succeeds (its result wins) or one says preemption
    /// cannot help (UnschedulableAndUnresolvable); otherwise the pod stays Unschedulable with
    /// every plugin's reasons.
    public func runPostFilterPlugins(_ state: CycleState, _ pod: PodInfo, _ filtered: NodeToStatus) async -> (PostFilterResult?, Status) {
        var result: PostFilterResult?
        var reasons: [String] = []
        var rejector = ""
        for p in postFilterPlugins {
            let (r, s) = await p.postFilter(state, pod, filtered)
            if s.isSuccess { return (r, s.with(plugin: p.name)) }
            if s.code == .unschedulableAndUnresolvable { return (r, s.with(plugin: p.name)) }
            if !s.isRejected {
                return (nil, Status(.error, ["running PostFilter plugin \"\(p.name)\": \(s.message)"], plugin: p.name))
            }
            if let r, r.nominatedNodeName != nil { result = r }
            reasons.append(contentsOf: s.reasons)
            if rejector.isEmpty { rejector = p.name }
        }
        return (result, Status(.unschedulable, reasons, plugin: rejector))
    }
}
