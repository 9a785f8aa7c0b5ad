import KubeMachinery
import Testing
@testable import KubeScheduler

@Suite struct TaintTolerationTests {
    typealias F = BasicFixtures

    @Test(arguments: [
        // (taint effect, tolerations, fits)
        ("NoSchedule", [], false),
        ("NoExecute", [], false),
        ("PreferNoSchedule", [], true),                                             // only scoring cares
        ("NoSchedule", [F.toleration("dedicated", "gpu", effect: "NoSchedule")], true),
        ("NoSchedule", [F.toleration("dedicated", "gpu")], true),                     // empty effect: all effects
        ("NoSchedule", [F.toleration("dedicated", op: "Exists")], true),
        ("NoSchedule", [F.toleration(op: "Exists")], true),                           // empty key + Exists: everything
        ("NoSchedule", [F.toleration("dedicated", "cpu")], false),                    // wrong value
        ("NoSchedule", [F.toleration("other", op: "Exists")], false),                 // wrong key
        ("NoSchedule", [F.toleration("dedicated", "gpu", effect: "NoExecute")], false),  // wrong effect
        ("NoExecute", [F.toleration("dedicated", "gpu", effect: "NoExecute")], true),
    ] as [(String, [JSONValue], Bool)])
    func tolerationsMatrix(effect: String, tolerations: [JSONValue], fits: Bool) {
        let node = F.node(taints: [F.taint("dedicated", "gpu", effect)])
        let status = TaintToleration().filter(CycleState(), F.pod(spec: ["tolerations": .array(tolerations)]), node)
        #expect(status.isSuccess == fits)
        if !fits { #expect(status == .unresolvable("node(s) had untolerated taint {dedicated: gpu}")) }
    }

    @Test func theFirstUntoleratedTaintIsReported() {
        let node = F.node(taints: [F.taint("a", "1", "NoSchedule"), F.taint("b", "", "NoExecute")])
        let pod = F.pod(spec: ["tolerations": [F.toleration("a", op: "Exists")]])
        #expect(TaintToleration().filter(CycleState(), pod, node).reasons == ["node(s) had untolerated taint {b: }"])
    }

    @Test func fewerUntoleratedPreferNoScheduleTaintsScoreHigher() {
        let nodes = [
            F.node("clean"),
            F.node("one", taints: [F.taint("a", "", "PreferNoSchedule")]),
            F.node("two", taints: [F.taint("a", "", "PreferNoSchedule"), F.taint("b", "", "PreferNoSchedule"),
                                   F.taint("c", "", "NoSchedule")]),  // NoSchedule does not count here
        ]
        #expect(F.scores(TaintToleration(), F.pod(), nodes) == [100, 50, 0])
        let tolerant = F.pod(spec: ["tolerations": [F.toleration("a", op: "Exists", effect: "PreferNoSchedule")]])
        #expect(F.scores(TaintToleration(), tolerant, nodes) == [100, 100, 0])
        // A NoSchedule-only toleration does not help with PreferNoSchedule taints.
        let wrongEffect = F.pod(spec: ["tolerations": [F.toleration("a", op: "Exists", effect: "NoSchedule")]])
        #expect(F.scores(TaintToleration(), wrongEffect, nodes) == [100, 50, 0])
    }

    @Test func allNodesEquallyCleanScoreTheMaximum() {
        #expect(F.scores(TaintToleration(), F.pod(), [F.node("a"), F.node("b")]) == [100, 100])
    }
}
