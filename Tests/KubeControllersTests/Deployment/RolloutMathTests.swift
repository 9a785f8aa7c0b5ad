import KubeAPI
import KubeMachinery
import Testing
@testable import KubeControllers

/// A ReplicaSet with just what the rollout arithmetic reads.
func rolloutRS(_ name: String, replicas: Int, available: Int = 0, created: String = "2025-01-01T00:00:00Z",
               maxReplicas: Int? = nil, revision: Int? = nil) -> RolloutReplicaSet {
    var annotations: [String: JSONValue] = [:]
    if let maxReplicas { annotations[RevisionAnnotations.maxReplicas] = .string(String(maxReplicas)) }
    if let revision { annotations[RevisionAnnotations.revision] = .string(String(revision)) }
    return RolloutReplicaSet(ReplicaSet(json: [
        "metadata": ["name": .string(name), "uid": .string("uid-" + name), "creationTimestamp": .string(created),
                     "annotations": .object(annotations)],
        "spec": ["replicas": .int(Int64(replicas))],
        "status": ["replicas": .int(Int64(replicas)), "availableReplicas": .int(Int64(available))],
    ]))
}

struct FencepostTests {
    struct Case: Sendable, CustomStringConvertible {
        var surge: IntOrString, unavailable: IntOrString, replicas: Int
        var expected: Fenceposts
        var description: String { "surge \(surge) unavailable \(unavailable) of \(replicas)" }
    }

    @Test("maxSurge rounds up, maxUnavailable rounds down, both zero allow one unavailable", arguments: [
        Case(surge: .string("25%"), unavailable: .string("25%"), replicas: 4, expected: Fenceposts(maxSurge: 1, maxUnavailable: 1)),
        Case(surge: .string("25%"), unavailable: .string("25%"), replicas: 10, expected: Fenceposts(maxSurge: 3, maxUnavailable: 2)),
        Case(surge: .string("25%"), unavailable: .string("25%"), replicas: 1, expected: Fenceposts(maxSurge: 1, maxUnavailable: 0)),
        Case(surge: .int(2), unavailable: .int(1), replicas: 4, expected: Fenceposts(maxSurge: 2, maxUnavailable: 1)),
        Case(surge: .int(0), unavailable: .int(0), replicas: 4, expected: Fenceposts(maxSurge: 0, maxUnavailable: 1)),
        Case(surge: .string("0%"), unavailable: .string("10%"), replicas: 5, expected: Fenceposts(maxSurge: 0, maxUnavailable: 1)),
        Case(surge: .string("100%"), unavailable: .string("0%"), replicas: 3, expected: Fenceposts(maxSurge: 3, maxUnavailable: 0)),
        Case(surge: .string("33%"), unavailable: .string("33%"), replicas: 10, expected: Fenceposts(maxSurge: 4, maxUnavailable: 3)),
    ])
    func resolves(_ c: Case) {
        #expect(Fenceposts(maxSurge: c.surge, maxUnavailable: c.unavailable, replicas: c.replicas) == c.expected)
    }

    @Test func recreateHasNoSurgeAndNoBudget() {
        #expect(Fenceposts(strategy: .recreate, replicas: 5) == Fenceposts(maxSurge: 0, maxUnavailable: 0))
    }
}

struct NewReplicaSetSizeTests {
    static let rolling = RolloutDeployment.Strategy.rollingUpdate(maxSurge: .int(2), maxUnavailable: .int(1))

    @Test("the new ReplicaSet grows only within the surge", arguments: [
        // (replicas, pods over all ReplicaSets, new ReplicaSet's size, expected)
        (4, 4, 0, 2),   // room for the whole surge
        (4, 6, 2, 2),   // at the surge: no growth
        (4, 5, 3, 4),   // one of room, and one short of replicas
        (4, 3, 3, 4),   // never past spec.replicas
        (4, 0, 0, 4),   // a first rollout fills up at once
    ])
    func rolling(_ replicas: Int, _ all: Int, _ current: Int, _ expected: Int) {
        #expect(RolloutPlanner.newReplicaSetSize(replicas: replicas, strategy: Self.rolling,
                                                 allReplicas: all, newReplicaSetReplicas: current) == expected)
    }

    @Test func recreateJumpsToReplicas() {
        #expect(RolloutPlanner.newReplicaSetSize(replicas: 5, strategy: .recreate, allReplicas: 9, newReplicaSetReplicas: 0) == 5)
    }
}

struct OldReplicaSetScaleDownTests {
    @Test func unavailablePodsGoFirstOldestReplicaSetFirst() {
        let old = [
            rolloutRS("b", replicas: 3, available: 1, created: "2025-01-02T00:00:00Z"),
            rolloutRS("a", replicas: 2, available: 2, created: "2025-01-01T00:00:00Z"),
            rolloutRS("c", replicas: 4, available: 2, created: "2025-01-03T00:00:00Z"),
        ]
        let steps = RolloutPlanner.unhealthyCleanup(old, limit: 3)
        #expect(steps == [.init(name: "b", from: 3, to: 1), .init(name: "c", from: 4, to: 3)])
    }

    @Test func aReplicaSetReportingMoreAvailableThanItWantsIsNeverScaledUp() {
        // Just scaled from 3 to 2, its status still counts the third pod.
        let old = [rolloutRS("a", replicas: 2, available: 3)]
        #expect(RolloutPlanner.unhealthyCleanup(old, limit: 2).isEmpty)
    }

    @Test func availableScaleDownKeepsTheMinimumAvailable() {
        let old = [rolloutRS("a", replicas: 2, available: 2, created: "2025-01-01T00:00:00Z"),
                   rolloutRS("b", replicas: 2, available: 2, created: "2025-01-02T00:00:00Z")]
        // 4 old + 2 new available, at least 3 must stay: 3 may go, oldest ReplicaSet first.
        let steps = RolloutPlanner.availableScaleDown(old, availableReplicas: 6, minAvailable: 3)
        #expect(steps == [.init(name: "a", from: 2, to: 0), .init(name: "b", from: 2, to: 1)])
        #expect(RolloutPlanner.availableScaleDown(old, availableReplicas: 3, minAvailable: 3).isEmpty)
    }

    @Test("the scale-down budget ignores new pods that are not available yet", arguments: [
        // (all pods, replicas, maxUnavailable, new replicas, new available, expected)
        (6, 4, 1, 2, 0, 1),
        (6, 4, 1, 2, 2, 3),
        (4, 4, 0, 1, 0, -1),
    ])
    func maxScaledDown(_ all: Int, _ replicas: Int, _ maxUnavailable: Int, _ newReplicas: Int, _ newAvailable: Int, _ expected: Int) {
        #expect(RolloutPlanner.maxScaledDown(allReplicas: all, replicas: replicas, maxUnavailable: maxUnavailable,
                                             newReplicas: newReplicas, newAvailable: newAvailable) == expected)
    }
}

struct ProportionalScalingTests {
    struct Case: Sendable, CustomStringConvertible {
        var name: String
        var sets: [(String, Int, String, Int?)]  // name, replicas, created, max-replicas annotation
        var replicas: Int, maxSurge: Int, statusReplicas: Int
        var expected: [String: Int]
        var description: String { name }
    }

    static let cases: [Case] = [
        // Upstream's documented example: 10 replicas with surge 3 mid-rollout (8 old, 5 new,
        // sized for 13) scaled to 15 (18 with surge): 5 more split 3 to the old, 2 to the new.
        Case(name: "scale up mid-rollout splits by size", sets: [("old", 8, "2025-01-01T00:00:00Z", 13), ("new", 5, "2025-01-02T00:00:00Z", 13)],
             replicas: 15, maxSurge: 3, statusReplicas: 13, expected: ["old": 11, "new": 7]),
        Case(name: "scale down mid-rollout takes from both", sets: [("old", 8, "2025-01-01T00:00:00Z", 13), ("new", 5, "2025-01-02T00:00:00Z", 13)],
             replicas: 5, maxSurge: 2, statusReplicas: 13, expected: ["old": 4, "new": 3]),
        Case(name: "rounding leftovers go to the largest", sets: [("a", 1, "2025-01-01T00:00:00Z", 3), ("b", 1, "2025-01-02T00:00:00Z", 3), ("c", 1, "2025-01-03T00:00:00Z", 3)],
             replicas: 4, maxSurge: 0, statusReplicas: 3, expected: ["a": 1, "b": 1, "c": 2]),
        Case(name: "scaling to zero empties every ReplicaSet", sets: [("a", 3, "2025-01-01T00:00:00Z", 6), ("b", 3, "2025-01-02T00:00:00Z", 6)],
             replicas: 0, maxSurge: 0, statusReplicas: 6, expected: ["a": 0, "b": 0]),
        Case(name: "without annotations the status replicas are the base", sets: [("a", 2, "2025-01-01T00:00:00Z", nil), ("b", 2, "2025-01-02T00:00:00Z", nil)],
             replicas: 8, maxSurge: 0, statusReplicas: 4, expected: ["a": 4, "b": 4]),
        Case(name: "no change leaves sizes alone", sets: [("a", 2, "2025-01-01T00:00:00Z", 5), ("b", 3, "2025-01-02T00:00:00Z", 5)],
             replicas: 4, maxSurge: 1, statusReplicas: 5, expected: ["a": 2, "b": 3]),
    ]

    @Test(arguments: cases)
    func distributes(_ c: Case) {
        let active = c.sets.map { rolloutRS($0.0, replicas: $0.1, created: $0.2, maxReplicas: $0.3) }
        let steps = RolloutPlanner.proportionalScale(active: active, replicas: c.replicas, maxSurge: c.maxSurge,
                                                     statusReplicas: c.statusReplicas)
        let sizes = Dictionary(uniqueKeysWithValues: steps.map { ($0.name, $0.to) })
        #expect(sizes == c.expected)
        #expect(sizes.values.reduce(0, +) == (c.replicas > 0 ? c.replicas + c.maxSurge : 0))
    }
}

struct ActiveOrLatestTests {
    @Test func singleActiveReplicaSetTakesAllReplicas() {
        let new = rolloutRS("new", replicas: 0, created: "2025-01-03T00:00:00Z")
        let old = [rolloutRS("a", replicas: 3, created: "2025-01-01T00:00:00Z"), rolloutRS("b", replicas: 0, created: "2025-01-02T00:00:00Z")]
        #expect(DeploymentSync.activeOrLatest(newRS: new, old: old)?.name == "a")
    }

    @Test func withNothingActiveTheNewOneOrElseTheNewestOldOne() {
        let old = [rolloutRS("a", replicas: 0, created: "2025-01-01T00:00:00Z"), rolloutRS("b", replicas: 0, created: "2025-01-02T00:00:00Z")]
        #expect(DeploymentSync.activeOrLatest(newRS: rolloutRS("n", replicas: 0), old: old)?.name == "n")
        #expect(DeploymentSync.activeOrLatest(newRS: nil, old: old)?.name == "b")
    }

    @Test func severalActiveMeansProportionalScaling() {
        let old = [rolloutRS("a", replicas: 1), rolloutRS("b", replicas: 2)]
        #expect(DeploymentSync.activeOrLatest(newRS: nil, old: old) == nil)
    }
}
