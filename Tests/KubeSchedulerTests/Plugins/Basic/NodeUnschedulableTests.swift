import KubeMachinery
import Testing
@testable import KubeScheduler

@Suite struct NodeUnschedulableTests {
    typealias F = BasicFixtures

    @Test(arguments: [
        (false, nil, true),
        (true, nil, false),
        (true, F.toleration("node.kubernetes.io/unschedulable", op: "Exists", effect: "NoSchedule"), true),
        (true, F.toleration(op: "Exists"), true),
        (true, F.toleration("node.kubernetes.io/unschedulable", op: "Exists", effect: "NoExecute"), false),
    ] as [(Bool, JSONValue?, Bool)])
    func cordonedNodesRejectPodsThatDoNotTolerateIt(cordoned: Bool, toleration: JSONValue?, fits: Bool) {
        let pod = F.pod(spec: toleration.map { ["tolerations": [$0]] } ?? [:])
        let status = NodeUnschedulable().filter(CycleState(), pod, F.node(unschedulable: cordoned))
        #expect(status.isSuccess == fits)
        if !fits { #expect(status == .unresolvable("node(s) were unschedulable")) }
    }

    @Test func nodeKnownOnlyByNameIsRejected() {
        let status = NodeUnschedulable().filter(CycleState(), F.pod(), NodeInfo(name: "ghost"))
        #expect(status == .unresolvable("node(s) had unknown conditions"))
    }
}
