import Foundation
import KubeAPI
import KubeMachinery

extension DefaultPreemption {
    /// The parts of a PodDisruptionBudget preemption weighs.
    struct DisruptionBudget: Sendable {
        var namespace: String
        var selector: LabelSelector
        var disruptionsAllowed: Int
        /// Pods the API server already counted as disrupted (evictions in flight).
        var disruptedPods: Set<String>

        init(_ pdb: PodDisruptionBudget) {
            namespace = pdb.namespace ?? "default"
            // A missing or malformed selector selects nothing.
            selector = (try? LabelSelector(metav1: pdb.json["spec"]?["selector"])) ?? .nothing
            disruptionsAllowed = Int(pdb.json["status"]?["disruptionsAllowed"]?.intValue ?? 0)
            disruptedPods = Set(pdb.json["status"]?["disruptedPods"]?.objectValue?.keys.map { $0 } ?? [])
        }

        func selects(_ p: PodInfo) -> Bool {
            // An empty selector matches nothing for PDBs in preemption, as upstream.
            p.namespace == namespace && !selector.isEverything && selector.matches(p.labels)
        }
    }

    /// The victims found on one node, or why the node cannot host the pod even after evictions.
    enum VictimSelection: Sendable {
        case victims([PodInfo], pdbViolations: Int)
        case rejected(Status)
    }

    /// Upstream's MoreImportantPod: higher priority first, then the one running longer.
    static func moreImportant(_ a: PodInfo, _ b: PodInfo) -> Bool {
        if a.priority != b.priority { return a.priority > b.priority }
        return startTime(a) < startTime(b)
    }

    /// `status.startTime`; a pod not started yet counts as starting now (later than any other).
    static func startTime(_ p: PodInfo) -> Date {
        guard let s = p.pod.json["status"]?["startTime"]?.stringValue, let d = try? Date(s, strategy: .iso8601) else {
            return .distantFuture
        }
        return d
    }

    /// Removes every lower-priority pod, checks the pod then fits, and adds back ("reprieves") as
    /// many as possible, most important first, PDB-protected ones before the rest. What could not
    /// be added back are the victims. `state` must be this node's own clone.
    func selectVictims(on original: NodeInfo, _ state: CycleState, _ pod: PodInfo, _ budgets: [DisruptionBudget]) -> VictimSelection {
        var nodeInfo = original
        var potential = nodeInfo.pods.filter { $0.priority < pod.priority }
        if potential.isEmpty {
            return .rejected(Status(.unschedulableAndUnresolvable, [Self.noVictimsReason]))
        }
        for p in potential {
            nodeInfo.removePod(p)
            let s = handle.runPreFilterExtensionRemovePod(state, podToSchedule: pod, podToRemove: p, node: nodeInfo)
            if !s.isSuccess { return .rejected(s) }
        }
        // Not fitting even on an emptied node: evictions here cannot help. (Affinity to one of the
        // victims is not considered, as upstream, for performance.)
        let fits = handle.runFilterPluginsWithNominatedPods(state, pod, nodeInfo)
        if !fits.isSuccess { return .rejected(fits) }

        potential.sort(by: Self.moreImportant)
        let (violating, nonViolating) = Self.splitByPDBViolation(potential, budgets)
        var victims: [PodInfo] = []
        var violations = 0
        for (group, countsAsViolation) in [(violating, true), (nonViolating, false)] {
            for p in group {
                nodeInfo.addPod(p)
                let added = handle.runPreFilterExtensionAddPod(state, podToSchedule: pod, podToAdd: p, node: nodeInfo)
                if !added.isSuccess { return .rejected(added) }
                if handle.runFilterPluginsWithNominatedPods(state, pod, nodeInfo).isSuccess { continue }
                nodeInfo.removePod(p)
                let removed = handle.runPreFilterExtensionRemovePod(state, podToSchedule: pod, podToRemove: p, node: nodeInfo)
                if !removed.isSuccess { return .rejected(removed) }
                victims.append(p)
                if countsAsViolation { violations += 1 }
            }
        }
        // Candidate ranking reads victims[0] as the most important one.
        victims.sort(by: Self.moreImportant)
        return .victims(victims, pdbViolations: violations)
    }

    /// Splits pods (most important first) into those whose eviction would take some PDB below
    /// zero allowed disruptions and the rest, spending each budget as pods are assigned.
    static func splitByPDBViolation(_ pods: [PodInfo], _ budgets: [DisruptionBudget]) -> (violating: [PodInfo], nonViolating: [PodInfo]) {
        var allowed = budgets.map(\.disruptionsAllowed)
        var violating: [PodInfo] = []
        var nonViolating: [PodInfo] = []
        for p in pods {
            var violates = false
            if !p.labels.isEmpty {
                for (i, b) in budgets.enumerated() where b.selects(p) && !b.disruptedPods.contains(p.name) {
                    allowed[i] -= 1
                    if allowed[i] < 0 { violates = true }
                }
            }
            if violates { violating.append(p) } else { nonViolating.append(p) }
        }
        return (violating, nonViolating)
    }
}
