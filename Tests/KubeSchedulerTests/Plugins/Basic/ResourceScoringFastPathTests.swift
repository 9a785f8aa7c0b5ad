import KubeAPI
import KubeMachinery
import Testing
@testable import KubeScheduler

/// The per-node fast paths of the resource plugins agree with the general code they bypass.
struct ResourceScoringFastPathTests {
    static let pods: [PodInfo] = [
        BasicFixtures.pod("none"),
        BasicFixtures.pod("cpu", containers: [BasicFixtures.container(cpu: "100m")]),
        BasicFixtures.pod("both", containers: [BasicFixtures.container(cpu: "1", memory: "500Mi")]),
        BasicFixtures.pod("big", containers: [BasicFixtures.container(cpu: "3500m", memory: "7Gi")]),
        BasicFixtures.pod("eph", containers: [BasicFixtures.container(cpu: "1", ephemeralStorage: "1Gi")]),
        BasicFixtures.pod("gpu", containers: [BasicFixtures.container(cpu: "1", scalar: ["example.com/gpu": "1"])]),
    ]

    static let nodes: [NodeInfo] = [
        BasicFixtures.node("empty"),
        BasicFixtures.node("busy", existing: [BasicFixtures.pod("x", uid: "x", containers: [BasicFixtures.container(cpu: "3", memory: "6Gi")])]),
        BasicFixtures.node("full", pods: 1, existing: [BasicFixtures.pod("y", uid: "y")]),
        BasicFixtures.node("gpu", extra: ["example.com/gpu": "2", "ephemeral-storage": "10Gi"]),
    ]

    @Test(arguments: pods)
    func fitsTriviallyNeverDisagreesWithTheFullCheck(pod: PodInfo) {
        for node in Self.nodes {
            let full = NodeResourcesFit.insufficientResources(pod.requests, node).isEmpty
            if NodeResourcesFit.fitsTrivially(pod.requests, node) {
                #expect(full, "fast path admitted \(pod.name) on \(node.name)")
            }
            #expect(NodeResourcesFit().filter(CycleState(), pod, node).isSuccess == full)
        }
    }

    @Test(arguments: pods)
    func scoringFromThePodEqualsScoringFromPreScoreState(pod: PodInfo) {
        let resources = ResourceSpec.defaults + [ResourceSpec(name: "ephemeral-storage", weight: 2), ResourceSpec(name: "example.com/gpu", weight: 3)]
        let strategies: [ScoringStrategy.StrategyType] = [.leastAllocated, .mostAllocated]
        for type in strategies {
            var strategy = ScoringStrategy()
            strategy.type = type
            strategy.resources = resources
            let fit = ResourceAllocationScorer(resources: resources, useRequested: false, strategy: ScoringStrategies.scorer(for: strategy))
            let balanced = ResourceAllocationScorer(resources: resources, useRequested: true,
                                                    strategy: NodeResourcesBalancedAllocation.balancedScore)
            for scorer in [fit, balanced] {
                for node in Self.nodes {
                    #expect(scorer.score(node, pod: pod) == scorer.score(node, podRequests: scorer.podRequests(pod)))
                }
            }
        }
    }

    @Test(arguments: [
        // (requested, allocatable, expected): std of the fractions, capped at 1, zero-allocatable left out.
        ([1, 1, 1] as [Int64], [4, 4, 4] as [Int64], Int64(100)),
        ([1, 2, 3], [4, 4, 4], Int64(79)),
        ([2, 0, 9], [4, 0, 4], Int64(75)),
        ([0, 0], [0, 0], Int64(100)),
    ])
    func balancedScoreOverAnyNumberOfResources(requested: [Int64], allocatable: [Int64], expected: Int64) {
        let got = requested.withUnsafeBufferPointer { r in
            allocatable.withUnsafeBufferPointer { a in NodeResourcesBalancedAllocation.balancedScore(r, a) }
        }
        // Reference: the formula written out with an array of fractions.
        var fractions: [Double] = []
        for i in requested.indices where allocatable[i] != 0 { fractions.append(min(Double(requested[i]) / Double(allocatable[i]), 1)) }
        var std = 0.0
        if fractions.count == 2 {
            std = abs(fractions[0] - fractions[1]) / 2
        } else if fractions.count > 2 {
            let mean = fractions.reduce(0, +) / Double(fractions.count)
            std = (fractions.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(fractions.count)).squareRoot()
        }
        #expect(got == Int64((1 - std) * 100))
        #expect(got == expected)
    }
}
