import KubeAPI
import KubeClient
import KubeMachinery
import Testing
@testable import KubeControllers

/// Scaling a Deployment in the middle of a rollout, against the API server. With no nodes
/// no pod ever becomes ready, so the rollout stops at a predictable point.
struct ProportionalScalingRolloutTests {
    @Test func scalingMidRolloutSpreadsTheNewReplicasOverBothReplicaSets() async throws {
        try await ControllerTestCluster.with(nodes: 0) { cluster in
            try await cluster.run(DeploymentController.self, ReplicaSetController.self)
            let strategy = DeploymentFixture.rolling(maxSurge: 3, maxUnavailable: 2)
            _ = try await cluster.client.create(DeploymentFixture.deployment("web", replicas: 10, strategy: strategy))
            #expect(await eventually { try await cluster.replicaSets(of: "web").map(\.replicas) == [10] })

            // The rollout takes 2 unavailable old pods away and surges 3 + 2 new ones, then
            // stalls: 8 old + 5 new, none of them available (upstream's documented example).
            try await cluster.patchDeployment("web", DeploymentFixture.imagePatch("nginx:1.26"))
            #expect(await eventually { try await cluster.replicaSets(of: "web").map(\.replicas).sorted() == [5, 8] })
            #expect(await eventually {
                DeploymentRolloutStatus(json: try await cluster.deployment("web").json["status"]).replicas == 13
            })

            // 15 replicas with a surge of 3 allow 18: the 5 more go 3 to the old ReplicaSet and
            // 2 to the new one, in proportion to their sizes.
            try await cluster.patchDeployment("web", ["spec": ["replicas": 15]], .merge)
            #expect(await eventually { try await cluster.replicaSets(of: "web").map(\.replicas).sorted() == [7, 11] })
            let sets = try await cluster.replicaSets(of: "web")
            #expect(sets.allSatisfy {
                $0.annotations[RevisionAnnotations.desiredReplicas] == "15" && $0.annotations[RevisionAnnotations.maxReplicas] == "18"
            })
            #expect(await holds(for: .milliseconds(300)) {
                try await cluster.replicaSets(of: "web").map(\.replicas).sorted() == [7, 11]
            })
        }
    }
}
