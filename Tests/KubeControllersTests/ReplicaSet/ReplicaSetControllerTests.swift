import KubeAPI
import KubeClient
import KubeMachinery
import Testing
@testable import KubeControllers

/// The ReplicaSet controller against a real in-process API server.
@Suite struct ReplicaSetControllerTests {
    /// Active pods (not terminating) controlled by the ReplicaSet with this uid.
    static func owned(_ cluster: ControllerTestCluster, by uid: String) async throws -> [Pod] {
        try await cluster.pods().filter { $0.controllerRef?.uid == uid && !$0.isBeingDeleted }
    }

    static func scale(_ cluster: ControllerTestCluster, _ name: String, to replicas: Int) async throws {
        _ = try await cluster.client.patch(ReplicaSet.self, namespace: "default", name: name, .merge,
                                           ["spec": ["replicas": .int(Int64(replicas))]])
    }

    @Test func scalesUpToReplicasThenDown() async throws {
        try await ControllerTestCluster.with { cluster in
            try await cluster.run(ReplicaSetController.self)
            let rs = try await cluster.client.create(ObjectFixtures.replicaSet("web", replicas: 3))
            #expect(await eventually { try await Self.owned(cluster, by: rs.uid).count == 3 })
            let pods = try await Self.owned(cluster, by: rs.uid)
            #expect(pods.allSatisfy { $0.name.hasPrefix("web-") && $0.labels == ["app": "web"] })

            try await Self.scale(cluster, "web", to: 1)
            #expect(await eventually { try await Self.owned(cluster, by: rs.uid).count == 1 })
            #expect(await eventually {
                let s = try await cluster.client.get(ReplicaSet.self, namespace: "default", name: "web")
                return s.status?["replicas"]?.intValue == 1 && s.status?["observedGeneration"]?.intValue == s.generation
            })
        }
    }

    @Test func replacesADeletedPod() async throws {
        try await ControllerTestCluster.with { cluster in
            try await cluster.run(ReplicaSetController.self)
            let rs = try await cluster.client.create(ObjectFixtures.replicaSet("web", replicas: 2))
            #expect(await eventually { try await Self.owned(cluster, by: rs.uid).count == 2 })
            let victim = try #require(try await Self.owned(cluster, by: rs.uid).first)
            try await cluster.client.delete(Pod.self, namespace: "default", name: victim.name)

            #expect(await eventually {
                let now = try await Self.owned(cluster, by: rs.uid)
                return now.count == 2 && !now.contains { $0.name == victim.name }
            })
            #expect(cluster.podCreates() == 3)
        }
    }

    @Test func adoptsAMatchingOrphanInsteadOfCreatingAPod() async throws {
        try await ControllerTestCluster.with { cluster in
            try await cluster.run(ReplicaSetController.self)
            let orphan = try await cluster.client.create(ObjectFixtures.pod("orphan", labels: ["app": "web"]))
            let rs = try await cluster.client.create(ObjectFixtures.replicaSet("web", replicas: 2))

            #expect(await eventually { try await Self.owned(cluster, by: rs.uid).count == 2 })
            let adopted = try await cluster.client.get(Pod.self, namespace: "default", name: orphan.name)
            #expect(adopted.controllerRef?.uid == rs.uid)
            // One pod POSTed by the test, one by the controller.
            #expect(await holds(for: .milliseconds(300)) { cluster.podCreates() == 2 })
        }
    }

    @Test func releasesARelabelledPodAndReplacesIt() async throws {
        try await ControllerTestCluster.with { cluster in
            try await cluster.run(ReplicaSetController.self)
            let rs = try await cluster.client.create(ObjectFixtures.replicaSet("web", replicas: 2))
            #expect(await eventually { try await Self.owned(cluster, by: rs.uid).count == 2 })
            let pod = try #require(try await Self.owned(cluster, by: rs.uid).first)
            _ = try await cluster.client.patch(Pod.self, namespace: "default", name: pod.name, .merge,
                                               ["metadata": ["labels": ["app": "debug"]]])

            #expect(await eventually {
                try await cluster.client.get(Pod.self, namespace: "default", name: pod.name).controllerRef == nil
            })
            #expect(await eventually {
                let owned = try await Self.owned(cluster, by: rs.uid)
                return owned.count == 2 && !owned.contains { $0.name == pod.name }
            })
        }
    }

    @Test func aBurstOfReplicasIsCreatedExactlyOnce() async throws {
        try await ControllerTestCluster.with { cluster in
            try await cluster.run(ReplicaSetController.self, workers: 4)
            let rs = try await cluster.client.create(ObjectFixtures.replicaSet("web", replicas: 40))
            // Status churn while pods arrive makes the controller sync many times; expectations
            // must keep every one of those syncs from creating again.
            #expect(await eventually { try await Self.owned(cluster, by: rs.uid).count == 40 })
            #expect(await holds(for: .milliseconds(500)) { cluster.podCreates() == 40 })
        }
    }

    @Test func scaleUpRecordsCreationEvents() async throws {
        try await ControllerTestCluster.with { cluster in
            try await cluster.run(ReplicaSetController.self)
            let rs = try await cluster.client.create(ObjectFixtures.replicaSet("web", replicas: 2))
            #expect(await eventually { try await cluster.events(reason: "SuccessfulCreate").count == 2 })
            let events = try await cluster.events(reason: "SuccessfulCreate")
            let names = Set(try await Self.owned(cluster, by: rs.uid).map(\.name))
            #expect(Set(events.compactMap { $0.json["message"]?.stringValue }) == Set(names.map { "Created pod: \($0)" }))
            #expect(events.allSatisfy { $0.json["involvedObject"]?["uid"]?.stringValue == rs.uid })
            #expect(events.allSatisfy { $0.json["source"]?["component"]?.stringValue == "replicaset-controller" })
        }
    }

    @Test func statusCountsReadyAndAvailablePodsOnHollowNodes() async throws {
        try await ControllerTestCluster.with(nodes: 2) { cluster in
            try await cluster.run(ReplicaSetController.self)
            _ = try await cluster.client.create(ObjectFixtures.replicaSet("web", replicas: 3))
            #expect(await eventually(timeout: .seconds(20)) {
                let s = try await cluster.client.get(ReplicaSet.self, namespace: "default", name: "web").status
                return s?["replicas"]?.intValue == 3 && s?["fullyLabeledReplicas"]?.intValue == 3
                    && s?["readyReplicas"]?.intValue == 3 && s?["availableReplicas"]?.intValue == 3
            })
        }
    }

    @Test func podsBecomeAvailableOnlyAfterMinReadySeconds() async throws {
        try await ControllerTestCluster.with(nodes: 1) { cluster in
            try await cluster.run(ReplicaSetController.self)
            _ = try await cluster.client.create(ObjectFixtures.replicaSet("web", replicas: 2, minReadySeconds: 3))
            func status() async throws -> JSONValue? { try await cluster.client.get(ReplicaSet.self, namespace: "default", name: "web").status }
            #expect(await eventually(timeout: .seconds(20)) { try await status()?["readyReplicas"]?.intValue == 2 })
            let readyAt = ContinuousClock.now
            #expect(try await status()?["availableReplicas"] == nil)
            // Nothing about the pods changes after they turn ready: only the requeue can notice.
            #expect(await eventually(timeout: .seconds(15)) { try await status()?["availableReplicas"]?.intValue == 2 })
            #expect(ContinuousClock.now - readyAt >= .seconds(1))
        }
    }

    @Test func scaleDownRemovesUnscheduledPodsBeforeRunningOnes() async throws {
        try await ControllerTestCluster.with { cluster in
            let rs = try await cluster.client.create(ObjectFixtures.replicaSet("web", replicas: 3))
            // Two pods already on a (fake) node and one unscheduled, all owned before the controller runs.
            for (name, node) in [("bound-1", "n1"), ("bound-2", "n2"), ("pending", nil)] {
                _ = try await cluster.client.create(ObjectFixtures.pod(name, labels: ["app": "web"], nodeName: node,
                                                                       owner: .controllerRef(to: rs)))
            }
            try await cluster.run(ReplicaSetController.self)
            try await Self.scale(cluster, "web", to: 2)
            #expect(await eventually { try await Self.owned(cluster, by: rs.uid).map(\.name).sorted() == ["bound-1", "bound-2"] })
        }
    }
}
