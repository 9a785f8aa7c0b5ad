import KubeAPI
import KubeClient
import KubeMachinery
import Testing
@testable import KubeControllers

/// The same replica code serving ReplicationControllers through the adapter.
@Suite struct ReplicationControllerTests {
    @Test func keepsReplicasWithAV1ControllerRefAndReportsStatus() async throws {
        try await ControllerTestCluster.with { cluster in
            try await cluster.run(ReplicationControllerController.self)
            let rc = try await cluster.client.create(ObjectFixtures.replicationController("legacy", replicas: 2))
            func owned() async throws -> [Pod] { try await cluster.pods().filter { $0.controllerRef?.uid == rc.uid && !$0.isBeingDeleted } }

            #expect(await eventually { try await owned().count == 2 })
            let ref = try #require(try await owned().first?.controllerRef)
            #expect(ref.apiVersion == "v1" && ref.kind == "ReplicationController" && ref.name == "legacy")
            #expect(await eventually {
                try await cluster.client.get(ReplicationController.self, namespace: "default", name: "legacy").status?["replicas"]?.intValue == 2
            })
            #expect(await eventually {
                let created = try await cluster.events(reason: "SuccessfulCreate")
                return created.count == 2
                    && created.allSatisfy { $0.json["source"]?["component"]?.stringValue == "replication-controller" }
            })

            _ = try await cluster.client.patch(ReplicationController.self, namespace: "default", name: "legacy", .merge, ["spec": ["replicas": 0]])
            #expect(await eventually { try await owned().isEmpty })
        }
    }

    @Test func aSelectorMapSelectsOnlyPodsWithAllItsLabels() {
        var rc = ObjectFixtures.replicationController("x", replicas: 1, labels: ["app": "a", "tier": "b"])
        #expect(rc.podSelector.matches(["app": "a", "tier": "b", "extra": "c"]))
        #expect(!rc.podSelector.matches(["app": "a"]))
        rc.json.set(["spec", "selector"], to: nil)
        #expect(rc.podSelector.matches(["app": "a", "tier": "b"]), "a missing selector defaults to the template's labels")
    }
}
