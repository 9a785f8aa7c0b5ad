import KubeMachinery
import Testing
@testable import KubeScheduler

@Suite struct NodeResourcesBalancedAllocationTests {
    typealias F = BasicFixtures

    @Test(arguments: [
        // (cpu, memory, resident pod, expected)
        ("1", "2Gi", false, 100),   // 0.25 / 0.25
        ("2", "1Gi", false, 81),    // 0.5 / 0.125 → std 0.1875
        ("1", nil, true, 87),       // resident 1 cpu 2Gi: 0.5 / 0.25 → std 0.125
        ("8", "2Gi", false, 62),    // cpu fraction capped at 1: 1 / 0.25 → std 0.375
    ] as [(String, String?, Bool, Int64)])
    func scoresOneMinusTheStandardDeviationOfFractions(cpu: String, memory: String?, resident: Bool, expected: Int64) {
        let residentPod = F.pod("resident", containers: [F.container(cpu: "1", memory: "2Gi")])
        let pod = F.pod(containers: [F.container(cpu: cpu, memory: memory)])
        #expect(F.scores(NodeResourcesBalancedAllocation(), pod, [F.node(existing: resident ? [residentPod] : [])]) == [expected])
    }

    @Test func threeResourcesUseTheFullStandardDeviation() {
        let plugin = NodeResourcesBalancedAllocation(resources: ResourceSpec.defaults + [ResourceSpec(name: "example.com/gpu")])
        let pod = F.pod(containers: [F.container(cpu: "1", memory: "2Gi", scalar: ["example.com/gpu": "2"])])
        // Fractions 0.25, 0.25, 0.5 → std 0.11785 → 88.
        #expect(F.scores(plugin, pod, [F.node(extra: ["example.com/gpu": "4"])]) == [88])
    }

    @Test func bestEffortPodsAreNotScored() {
        #expect(NodeResourcesBalancedAllocation().preScore(CycleState(), F.pod(), [F.node()]).isSkip)
    }

    @Test func argsParseResourcesAndRejectBadWeights() throws {
        let p = try NodeResourcesBalancedAllocation(json: ["resources": [["name": "cpu", "weight": 1], ["name": "example.com/gpu"]]])
        #expect(p.resources.map(\.name) == ["cpu", "example.com/gpu"])
        #expect(throws: PluginArgsError.self) { try NodeResourcesBalancedAllocation(json: ["resources": [["name": "cpu", "weight": 101]]]) }
    }
}
