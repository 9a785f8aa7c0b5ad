import Foundation
import KubeAPI
import KubeMachinery

extension DefaultPreemption {
    /// A node where evicting `victims` lets the pod fit.
    struct Candidate: Sendable {
        var nodeName: String
        /// Most important first.
        var victims: [PodInfo]
        var pdbViolations: Int
        /// Position in the dry run's visiting order; the final tie-break.
        var order: Int
    }

    /// Dry-runs preemption on the potential nodes, from a random start, a few nodes at a time in
    /// parallel, until enough candidates are found: at least `numCandidates` of them, one of which
    /// violates no PDB. Returns the candidates in visiting order and each rejected node's status.
    func dryRun(_ state: CycleState, _ pod: PodInfo, _ potential: [NodeInfo]) async -> ([Candidate], [String: Status]) {
        let budgets = disruptionBudgets(for: pod, on: potential)
        let wanted = args.numCandidates(potential.count)
        let offset = startOffset(potential.count)
        let width = max(2, ProcessInfo.processInfo.activeProcessorCount)

        var candidates: [Candidate] = []
        var statuses: [String: Status] = [:]
        var next = 0
        while next < potential.count {
            let nonViolating = candidates.filter { $0.pdbViolations == 0 }.count
            if nonViolating > 0 && candidates.count >= wanted { break }
            let batch = next..<min(next + width, potential.count)
            next = batch.upperBound
            let outcomes = await withTaskGroup(of: (Int, String, VictimSelection).self) { group in
                for i in batch {
                    let nodeInfo = potential[(offset + i) % potential.count]
                    group.addTask {
                        (i, nodeInfo.name, self.selectVictims(on: nodeInfo, state.clone(), pod, budgets))
                    }
                }
                var all: [(Int, String, VictimSelection)] = []
                for await r in group { all.append(r) }
                return all.sorted { $0.0 < $1.0 }
            }
            for (i, nodeName, outcome) in outcomes {
                switch outcome {
                case .victims(let victims, let violations) where !victims.isEmpty:
                    candidates.append(Candidate(nodeName: nodeName, victims: victims, pdbViolations: violations, order: i))
                case .victims:
                    statuses[nodeName] = .error("expected at least one victim pod on node \"\(nodeName)\"")
                case .rejected(let status):
                    statuses[nodeName] = status
                }
            }
        }
        // Non-violating candidates first, as upstream lists them.
        let ordered = candidates.filter { $0.pdbViolations == 0 } + candidates.filter { $0.pdbViolations > 0 }
        return (ordered, statuses)
    }

    /// The PDBs of every namespace that has a pod the preemptor could evict.
    private func disruptionBudgets(for pod: PodInfo, on nodes: [NodeInfo]) -> [DisruptionBudget] {
        var namespaces = Set<String>()
        for n in nodes {
            for p in n.pods where p.priority < pod.priority { namespaces.insert(p.namespace) }
        }
        return namespaces.sorted().flatMap { handle.podDisruptionBudgets(namespace: $0).map(DisruptionBudget.init) }
    }

    /// Upstream's order of preference; each rule only breaks the previous rules' ties: fewest PDB
    /// violations, lowest most-important victim priority, smallest sum of victim priorities,
    /// fewest victims, latest start among the most important victims; then the first visited.
    static func selectCandidate(_ candidates: [Candidate]) -> Candidate? {
        guard candidates.count > 1 else { return candidates.first }
        let rules: [(Candidate) -> Int64] = [
            { -Int64($0.pdbViolations) },
            { -Int64($0.victims.first?.priority ?? 0) },
            // Shifted to be non-negative so that more victims never make a smaller sum.
            { -$0.victims.reduce(Int64(0)) { $0 + Int64($1.priority) + Int64(Int32.max) + 1 } },
            { -Int64($0.victims.count) },
            { earliestStartOfMostImportant($0.victims) },
        ]
        var remaining = candidates.sorted { $0.order < $1.order }
        for rule in rules {
            let scores = remaining.map(rule)
            guard let best = scores.max() else { break }
            remaining = zip(remaining, scores).filter { $0.1 == best }.map(\.0)
            if remaining.count == 1 { break }
        }
        return remaining.first
    }

    /// The earliest start time among the highest-priority victims, in milliseconds since 1970
    /// (start times have second precision; milliseconds keep `distantFuture` within Int64).
    static func earliestStartOfMostImportant(_ victims: [PodInfo]) -> Int64 {
        guard let top = victims.map(\.priority).max() else { return Int64.min }
        let earliest = victims.filter { $0.priority == top }.map(startTime).min() ?? .distantFuture
        return Int64(earliest.timeIntervalSince1970 * 1_000)
    }
}
