import KubeMachinery
import Testing
@testable import KubeScheduler

/// Scores on a cpu 4 / memory 8Gi node, computed by hand from upstream's integer formulas.
@Suite struct NodeResourcesFitScoreTests {
    typealias F = BasicFixtures
    typealias Point = ScoringStrategy.UtilizationShapePoint

    static let resident = F.pod("resident", containers: [F.container(cpu: "1", memory: "2Gi")])

    static func score(_ strategy: ScoringStrategy, _ pod: PodInfo, _ node: NodeInfo) -> Int64 {
        F.scores(NodeResourcesFit(args: NodeResourcesFitArgs(scoringStrategy: strategy)), pod, [node])[0]
    }

    @Test(arguments: [
        // (cpu, memory, resident pod on node, expected)
        ("1", "2Gi", true, 50),      // (4000-2000)/4000, (8-4)/8 → 50, 50
        ("500m", "1Gi", false, 87),  // 3500/4000 → 87, 7/8 → 87
        ("3", "1Gi", false, 56),     // 25 and 87 → 112/2
        ("5", "1Gi", false, 43),     // over capacity scores 0 for cpu: (0+87)/2
    ])
    func leastAllocatedPrefersEmptierNodes(cpu: String, memory: String, resident: Bool, expected: Int64) {
        let pod = F.pod(containers: [F.container(cpu: cpu, memory: memory)])
        #expect(Self.score(ScoringStrategy(), pod, F.node(existing: resident ? [Self.resident] : [])) == expected)
    }

    @Test func leastAllocatedCountsRequestlessPodsAtTheNonZeroDefaults() {
        // 100m → 3900/4000 = 97; 200Mi → 7992/8192 = 97.
        #expect(Self.score(ScoringStrategy(), F.pod(), F.node()) == 97)
        // The resident request-less pod is counted at the defaults too: 3800/4000 = 95, 7792/8192 = 95.
        #expect(Self.score(ScoringStrategy(), F.pod(), F.node(existing: [F.pod("idle")])) == 95)
    }

    @Test func leastAllocatedWeighsResources() {
        let strategy = ScoringStrategy(resources: [ResourceSpec(name: "cpu", weight: 2), ResourceSpec(name: "memory", weight: 1)])
        let pod = F.pod(containers: [F.container(cpu: "1", memory: "6Gi")])
        #expect(Self.score(strategy, pod, F.node()) == 58)  // (75×2 + 25) / 3
    }

    @Test(arguments: [
        ("1", "2Gi", true, 50),
        ("3", "1Gi", false, 43),     // 75 and 12 → 87/2
        ("5", "9Gi", false, 100),    // capped at capacity
    ])
    func mostAllocatedPrefersFullerNodes(cpu: String, memory: String, resident: Bool, expected: Int64) {
        let pod = F.pod(containers: [F.container(cpu: cpu, memory: memory)])
        #expect(Self.score(ScoringStrategy(type: .mostAllocated), pod, F.node(existing: resident ? [Self.resident] : [])) == expected)
    }

    @Test(arguments: [
        // (shape, cpu, memory, expected)
        ([Point(utilization: 0, score: 0), Point(utilization: 100, score: 10)], "1", "2Gi", 25),
        ([Point(utilization: 0, score: 10), Point(utilization: 100, score: 0)], "1", "2Gi", 75),
        // Peak at 50%: cpu 25% → 50, memory 75% → 50.
        ([Point(utilization: 0, score: 0), Point(utilization: 50, score: 10), Point(utilization: 100, score: 0)], "1", "6Gi", 50),
        // cpu 50% → 100; memory (200Mi default) 2% → 4; round(104/2).
        ([Point(utilization: 0, score: 0), Point(utilization: 50, score: 10), Point(utilization: 100, score: 0)], "2", nil, 52),
        // Memory at 25% scores 0 (flat before the first point) and is left out of the mean: cpu 75% → 50.
        ([Point(utilization: 50, score: 0), Point(utilization: 100, score: 10)], "3", "2Gi", 50),
        // Over capacity counts as 100% utilization.
        ([Point(utilization: 0, score: 0), Point(utilization: 100, score: 10)], "8", "8Gi", 100),
    ] as [([Point], String, String?, Int64)])
    func requestedToCapacityRatioFollowsTheShape(shape: [Point], cpu: String, memory: String?, expected: Int64) {
        let pod = F.pod(containers: [F.container(cpu: cpu, memory: memory)])
        #expect(Self.score(ScoringStrategy(type: .requestedToCapacityRatio, shape: shape), pod, F.node()) == expected)
    }

    @Test(arguments: [(Int64(0), Int64(0)), (10, 0), (25, 37), (50, 100), (75, 50), (100, 0), (120, 0)])
    func brokenLinearInterpolatesBetweenPoints(utilization: Int64, expected: Int64) {
        let shape = [Point(utilization: 10, score: 0), Point(utilization: 50, score: 100), Point(utilization: 100, score: 0)]
        // Flat before 10 and after 100; 25 → 0 + 100×15/40 = 37 (integer division).
        #expect(ScoringStrategies.brokenLinear(shape, utilization) == expected)
    }

    @Test func extendedResourceIsScoredOnlyWhenThePodRequestsIt() {
        let strategy = ScoringStrategy(resources: [ResourceSpec(name: "cpu"), ResourceSpec(name: "example.com/gpu", weight: 3)])
        let node = F.node(extra: ["example.com/gpu": "4"])
        // Without a gpu request only cpu counts: 1 cpu → 75.
        #expect(Self.score(strategy, F.pod(containers: [F.container(cpu: "1")]), node) == 75)
        // With 3 of 4 gpus: (75 + 25×3) / 4 = 37.
        #expect(Self.score(strategy, F.pod(containers: [F.container(cpu: "1", scalar: ["example.com/gpu": "3"])]), node) == 37)
    }
}
