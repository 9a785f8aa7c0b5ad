import Foundation
import KubeAPI
import KubeMachinery

/// Which pods a scale-down removes first (upstream's `ActivePodsWithRanks` with
/// `LogarithmicScaleDown`): the pods whose loss hurts least come first.
///
/// 1. unscheduled before scheduled;
/// 2. Pending before Unknown before Running;
/// 3. not ready before ready;
/// 4. lower `controller.kubernetes.io/pod-deletion-cost` first;
/// 5. pods sharing a node with more of their siblings first (spreads the survivors);
/// 6. ready for less time first;
/// 7. more container restarts first;
/// 8. newer first.
///
/// Times in 6 and 8 are compared on a log2 scale of their age, so pods of similar age rank
/// equal and the uid decides; a scale-down then removes a random mix rather than always the
/// very newest pods.
public enum PodDeletionRanking {
    public static let deletionCostAnnotation = "controller.kubernetes.io/pod-deletion-cost"

    /// The first `count` pods to delete, ranked against each other (sibling counts per node
    /// are taken among `pods` themselves).
    public static func victims(from pods: [Pod], count: Int, now: Date) -> [Pod] {
        guard count < pods.count else { return pods }
        var perNode: [String: Int] = [:]
        for p in pods where !p.nodeName.isEmpty { perNode[p.nodeName, default: 0] += 1 }
        let ranked = pods.map { RankedPod(pod: $0, siblingsOnNode: $0.nodeName.isEmpty ? 0 : perNode[$0.nodeName] ?? 0) }
        return ranked.sorted { deleteFirst($0, $1, now: now) }.prefix(count).map(\.pod)
    }

    struct RankedPod {
        var pod: Pod
        var siblingsOnNode: Int
    }

    static let phaseOrder: [String: Int] = ["Pending": 0, "Unknown": 1, "Running": 2]

    /// Whether `a` should be deleted before `b`.
    static func deleteFirst(_ a: RankedPod, _ b: RankedPod, now: Date) -> Bool {
        let pa = a.pod, pb = b.pod
        if pa.nodeName != pb.nodeName, pa.nodeName.isEmpty || pb.nodeName.isEmpty { return pa.nodeName.isEmpty }
        let oa = phaseOrder[pa.phase] ?? 0, ob = phaseOrder[pb.phase] ?? 0
        if oa != ob { return oa < ob }
        if pa.isReady != pb.isReady { return !pa.isReady }
        let ca = deletionCost(pa), cb = deletionCost(pb)
        if ca != cb { return ca < cb }
        if a.siblingsOnNode != b.siblingsOnNode { return a.siblingsOnNode > b.siblingsOnNode }
        if pa.isReady, pb.isReady, let order = newerFirst(pa.readySince, pb.readySince, pa, pb, now: now) { return order }
        let ra = pa.maxContainerRestarts, rb = pb.maxContainerRestarts
        if ra != rb { return ra > rb }
        if let order = newerFirst(pa.createdAt, pb.createdAt, pa, pb, now: now) { return order }
        return false
    }

    /// Orders two times newest first on a log2 scale of age; a missing time counts as newest.
    /// Nil when the times are equal.
    static func newerFirst(_ ta: Date?, _ tb: Date?, _ pa: Pod, _ pb: Pod, now: Date) -> Bool? {
        if ta == tb { return nil }
        guard let ta, let tb else { return ta == nil }
        let diff = logRank(ta, now) - logRank(tb, now)
        if diff == 0 { return pa.uid < pb.uid }
        return diff < 0
    }

    /// floor(log2(age in nanoseconds)), or -1 for a time not in the past.
    static func logRank(_ t: Date, _ now: Date) -> Int {
        let nanos = now.timeIntervalSince(t) * 1e9
        return nanos > 0 ? Int(log2(nanos)) : -1
    }

    static func deletionCost(_ pod: Pod) -> Int32 {
        pod.annotations[deletionCostAnnotation].flatMap { Int32($0) } ?? 0
    }
}
