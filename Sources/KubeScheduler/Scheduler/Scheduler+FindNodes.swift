import Synchronization

/// Below this many nodes every node is evaluated (upstream minFeasibleNodesToFind).
let minFeasibleNodesToFind = 100
/// The adaptive percentage never drops below this (upstream minFeasibleNodesPercentageToFind).
let minFeasibleNodesPercentageToFind = 5

extension Scheduler {
    /// How many feasible nodes are enough to stop filtering (upstream numFeasibleNodesToFind):
    /// all nodes in small clusters; otherwise a percentage, adaptive by default
    /// (50% minus 1% per 125 nodes, at least 5%), and never fewer than 100 nodes.
    public static func numFeasibleNodesToFind(percentageOfNodesToScore: Int32?, numAllNodes: Int) -> Int {
        if numAllNodes < minFeasibleNodesToFind { return numAllNodes }
        var pct = Int(percentageOfNodesToScore ?? 0)
        if pct >= 100 { return numAllNodes }
        if pct <= 0 {
            pct = 50 - numAllNodes / 125
            if pct < minFeasibleNodesPercentageToFind { pct = minFeasibleNodesPercentageToFind }
        }
        let n = numAllNodes * pct / 100
        return max(n, minFeasibleNodesToFind)
    }

    /// PreFilter, then Filter over the snapshot. Returns the feasible nodes, or the diagnosis
    /// of why there are none (or a PreFilter/Filter error as an `.error` status).
    func findNodesThatFitPod(_ fwk: Framework, _ state: CycleState, _ pod: PodInfo, _ allNodes: [NodeInfo]) async
        -> (feasible: [NodeInfo], diagnosis: Diagnosis, error: Status?) {
        var diagnosis = Diagnosis()
        let (preResult, s, restricting) = fwk.runPreFilterPluginsDetailed(state, pod, allNodes)
        if !s.isSuccess {
            guard s.isRejected else { return ([], diagnosis, s) }
            diagnosis.nodeToStatus = NodeToStatus(absent: s)
            diagnosis.preFilterMessage = s.message
            if !s.plugin.isEmpty { diagnosis.unschedulablePlugins.insert(s.plugin) }
            return ([], diagnosis, nil)
        }

        let plugins = fwk.activeFilterPlugins(state)
        let nominatedByNode = fwk.nominator.isEmpty ? [:] : fwk.nominator.nominatedPodsByNode

        // A pod nominated by an earlier preemption tries its node first: the room made there is its.
        if !pod.nominatedNodeName.isEmpty, let node = snapshot.nodeInfo(named: pod.nominatedNodeName),
           preResult?.nodeNames?.contains(node.name) ?? true {
            let st = fwk.filterWithNominatedPods(plugins, state, pod, node, nominated: nominatedByNode[node.name] ?? [])
            if st.isSuccess { return ([node], diagnosis, nil) }
        }

        var nodes = allNodes
        if let names = preResult?.nodeNames {
            nodes = allNodes.filter { names.contains($0.name) }
            diagnosis.nodeToStatus.absent = Status(.unschedulableAndUnresolvable,
                                                   ["node(s) didn't satisfy plugin(s) [\(restricting.sorted().joined(separator: " "))]"])
            for p in restricting { diagnosis.unschedulablePlugins.insert(p) }
        }
        return await findNodesThatPassFilters(fwk, plugins, state, pod, nodes, nominatedByNode, diagnosis)
    }

    func findNodesThatPassFilters(_ fwk: Framework, _ plugins: [any FilterPlugin], _ state: CycleState, _ pod: PodInfo,
                                  _ nodes: [NodeInfo], _ nominatedByNode: [String: [PodInfo]], _ diagnosis: Diagnosis) async
        -> (feasible: [NodeInfo], diagnosis: Diagnosis, error: Status?) {
        var diagnosis = diagnosis
        let numAll = nodes.count
        guard numAll > 0 else { return ([], diagnosis, nil) }
        let toFind = Self.numFeasibleNodesToFind(percentageOfNodesToScore: fwk.percentageOfNodesToScore ?? config.percentageOfNodesToScore,
                                                 numAllNodes: numAll)
        let start = nextStartNodeIndex.load(ordering: .relaxed) % numAll
        if plugins.isEmpty {
            let feasible = (0..<toFind).map { nodes[(start + $0) % numAll] }
            nextStartNodeIndex.store((start + toFind) % numAll, ordering: .relaxed)
            return (feasible, diagnosis, nil)
        }

        // Indices, not NodeInfos: copying a NodeInfo retains a dozen buffers, and this runs per node.
        let feasibleSlots = ConcurrentSlots<Int>(count: toFind)
        let found = SharedCounter()
        let processed = SharedCounter()
        let failures = Mutex<[(Int, Status)]>([])
        let firstError = Mutex<Status?>(nil)
        await fwk.parallelizer.forEach(count: numAll) { i in
            let idx = (start + i) % numAll
            // Through a buffer pointer: `nodes[idx]` would copy the NodeInfo (a dozen retains).
            let s = nodes.withUnsafeBufferPointer { buf in
                let nominated = nominatedByNode.isEmpty ? [] : nominatedByNode[buf[idx].name] ?? []
                return fwk.filterWithNominatedPods(plugins, state, pod, buf[idx], nominated: nominated)
            }
            if s.isSuccess {
                let n = found.increment()
                if n > toFind { return false }
                _ = processed.increment()
                feasibleSlots[n - 1] = idx
                return n < toFind
            }
            _ = processed.increment()
            if s.isRejected {
                failures.withLock { $0.append((idx, s)) }
                return true
            }
            firstError.withLock { if $0 == nil { $0 = s } }
            return false
        }
        if let e = firstError.withLock({ $0 }) { return ([], diagnosis, e) }

        let count = min(found.current, toFind)
        var feasible: [NodeInfo] = []
        feasible.reserveCapacity(count)
        for i in 0..<count { if let idx = feasibleSlots[i] { feasible.append(nodes[idx]) } }
        for (idx, s) in failures.withLock({ $0 }) {
            diagnosis.nodeToStatus.statuses[nodes[idx].name] = s
            if !s.plugin.isEmpty {
                if s.code == .pending { diagnosis.pendingPlugins.insert(s.plugin) } else { diagnosis.unschedulablePlugins.insert(s.plugin) }
            }
        }
        nextStartNodeIndex.store((start + processed.current) % numAll, ordering: .relaxed)
        return (feasible, diagnosis, nil)
    }

    /// The highest total score; ties broken uniformly at random (reservoir sampling), so equal
    /// nodes share the load instead of the first one taking every pod. Callers pass a cheap
    /// generator: the system one costs a syscall per draw.
    static func selectHost<G: RandomNumberGenerator>(_ scores: [NodeScore], using rng: inout G) -> String? {
        guard var best = scores.first else { return nil }
        var ties = 1
        for s in scores.dropFirst() {
            if s.score > best.score {
                best = s
                ties = 1
            } else if s.score == best.score {
                ties += 1
                if Int.random(in: 0..<ties, using: &rng) == 0 { best = s }
            }
        }
        return best.name
    }
}

/// A small, fast generator for tie-breaking (SplitMix64); not for anything secret.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
