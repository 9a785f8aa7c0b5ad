import Testing
@testable import KubeScheduler

@Suite struct DefaultProfileTests {
    @Test func theDefaultProfileBuildsFromTheInTreeRegistryInUpstreamOrder() throws {
        let f = try Framework(profile: KubeSchedulerProfile(), client: CoreFixtures.client())
        #expect(f.queueSortPlugins.map(\.name) == ["PrioritySort"])
        #expect(f.filterPlugins.map(\.name) == ["NodeUnschedulable", "NodeName", "TaintToleration", "NodeAffinity", "NodePorts",
                                                "NodeResourcesFit", "PodTopologySpread", "InterPodAffinity"])
        #expect(f.scorePlugins.map(\.name) == ["TaintToleration", "NodeAffinity", "NodeResourcesFit", "PodTopologySpread",
                                               "InterPodAffinity", "NodeResourcesBalancedAllocation", "ImageLocality"])
        #expect(f.scoreWeights == ["TaintToleration": 3, "NodeAffinity": 2, "NodeResourcesFit": 1, "PodTopologySpread": 2,
                                   "InterPodAffinity": 2, "NodeResourcesBalancedAllocation": 1, "ImageLocality": 1])
        #expect(f.postFilterPlugins.map(\.name) == ["DefaultPreemption"])
        #expect(f.bindPlugins.map(\.name) == ["DefaultBinder"])
        #expect(f.preEnqueuePlugins.map(\.name) == ["SchedulingGates"])
    }
}
