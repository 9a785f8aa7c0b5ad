import KubeAPI
import KubeClient
import KubeMachinery
import Testing
@testable import KubeControllers

/// How the ReplicaSet controller behaves when pods fail to be created or linger while terminating.
@Suite struct ReplicaSetFailureTests {
    @Test func failedCreationsAreReportedAsEventsAndAReplicaFailureCondition() async throws {
        try await ControllerTestCluster.with { cluster in
            try await cluster.run(ReplicaSetController.self)
            var rs = ObjectFixtures.replicaSet("web", replicas: 3)
            // Pod admission refuses an unknown priority class, so every create fails.
            rs.json.set(["spec", "template", "spec", "priorityClassName"], to: "no-such-class")
            _ = try await cluster.client.create(rs)

            #expect(await eventually { try await !cluster.events(reason: "FailedCreate").isEmpty })
            let event = try #require(try await cluster.events(reason: "FailedCreate").first)
            #expect(event.json["type"]?.stringValue == "Warning")
            #expect(event.json["message"]?.stringValue?.hasPrefix("Error creating: ") == true)
            #expect(await eventually {
                let status = try await cluster.client.get(ReplicaSet.self, namespace: "default", name: "web").status
                let failure = status?["conditions"]?.arrayValue?.first { $0["type"]?.stringValue == "ReplicaFailure" }
                return failure?["status"]?.stringValue == "True" && failure?["reason"]?.stringValue == "FailedCreate"
            })
            #expect(try await cluster.pods().isEmpty)
        }
    }

    @Test func aTerminatingPodIsReplacedWithoutWaitingForItToGo() async throws {
        try await ControllerTestCluster.with { cluster in
            let rs = try await cluster.client.create(ObjectFixtures.replicaSet("web", replicas: 1))
            // Bound to a node with no kubelet: graceful deletion leaves it terminating.
            _ = try await cluster.client.create(ObjectFixtures.pod("old", labels: ["app": "web"], nodeName: "n1", owner: .controllerRef(to: rs)))
            try await cluster.run(ReplicaSetController.self)
            try await cluster.client.delete(Pod.self, namespace: "default", name: "old")

            #expect(await eventually {
                let pods = try await cluster.pods()
                let replacement = pods.first { $0.name != "old" && $0.controllerRef?.uid == rs.uid && !$0.isBeingDeleted }
                return replacement != nil && pods.contains { $0.name == "old" && $0.isBeingDeleted }
            })
            #expect(await eventually {
                try await cluster.client.get(ReplicaSet.self, namespace: "default", name: "web").status?["replicas"]?.intValue == 1
            })
        }
    }
}
