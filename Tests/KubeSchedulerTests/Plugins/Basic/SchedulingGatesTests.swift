import KubeMachinery
import Testing
@testable import KubeScheduler

@Suite struct SchedulingGatesTests {
    typealias F = BasicFixtures

    @Test func podWithoutGatesMayEnterTheQueue() {
        #expect(SchedulingGates().preEnqueue(F.pod()).isSuccess)
        #expect(SchedulingGates().preEnqueue(F.pod(spec: ["schedulingGates": []])).isSuccess)
    }

    @Test func gatedPodIsHeldWithTheGateNamesInUpstreamsFormat() {
        let pod = F.pod(spec: ["schedulingGates": [["name": "example.com/quota"], ["name": "b"]]])
        let status = SchedulingGates().preEnqueue(pod)
        #expect(status.code == .unschedulableAndUnresolvable)
        #expect(status.reasons == ["waiting for scheduling gates: [example.com/quota b]"])
    }
}
