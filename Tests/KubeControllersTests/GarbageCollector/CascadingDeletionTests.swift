import KubeAPI
import KubeClient
import KubeControllers
import KubeMachinery
import Testing

/// `kubectl delete deployment --cascade=...` over a Deployment → ReplicaSet → running Pods
/// tree (built by hand, no workload controllers), with hollow kubelets terminating the pods.
@Suite(.timeLimit(.minutes(2)))
struct CascadingDeletionTests {
    @Test(arguments: [DeleteOptions.Propagation.foreground, .background, .orphan])
    func deletingADeploymentCascadesAsKubectlAsks(_ cascade: DeleteOptions.Propagation) async throws {
        try await ControllerTestCluster.with(nodes: 1) { cluster in
            let client = cluster.client
            let deployment = try await OwnedObjects.deployment(client, "web")
            let rs = try await OwnedObjects.replicaSet(client, "web-1", owner: OwnedObjects.reference(to: deployment, controller: true, blockOwnerDeletion: true))
            let podOwner = OwnedObjects.reference(to: rs, controller: true, blockOwnerDeletion: true)
            for i in 0..<2 { try await OwnedObjects.pod(client, "web-1-\(i)", owners: [podOwner]) }
            let running = await eventually(timeout: .seconds(30)) {
                try await cluster.pods().filter { $0.json["status"]?["phase"]?.stringValue == "Running" }.count == 2
            }
            #expect(running)
            try await cluster.run(GarbageCollector.self)

            try await client.delete(Deployment.resource, namespace: "default", name: "web",
                                    options: DeleteOptions(propagationPolicy: cascade))

            #expect(await eventually(timeout: .seconds(30)) { try await OwnedObjects.get(client, Deployment.resource, "web") == nil })
            switch cascade {
            case .foreground:
                // The Deployment went last: its dependents were already gone.
                #expect(try await cluster.pods().isEmpty)
                #expect(try await OwnedObjects.get(client, ReplicaSet.resource, "web-1") == nil)
            case .background:
                #expect(await eventually(timeout: .seconds(30)) { try await cluster.pods().isEmpty })
                #expect(try await OwnedObjects.get(client, ReplicaSet.resource, "web-1") == nil)
            case .orphan:
                let rs = try await OwnedObjects.get(client, ReplicaSet.resource, "web-1")
                #expect(rs != nil)
                #expect(OwnedObjects.ownerUIDs(rs).isEmpty)
                let pods = try await cluster.pods()
                #expect(pods.count == 2)
                #expect(pods.allSatisfy { $0.ownerReferences.map(\.uid) == [rs?["metadata"]?["uid"]?.stringValue ?? "?"] })
            }
        }
    }

    @Test(arguments: [DeleteOptions.Propagation.foreground, .background, .orphan])
    func deletingADeploymentRunByItsControllersCascadesAsKubectlAsks(_ cascade: DeleteOptions.Propagation) async throws {
        try await ControllerTestCluster.with(nodes: 1) { cluster in
            let client = cluster.client
            try await cluster.run(DeploymentController.self, ReplicaSetController.self, GarbageCollector.self)
            try await OwnedObjects.deployment(client, "web")
            let running = await eventually(timeout: .seconds(30)) {
                try await cluster.pods().filter { $0.json["status"]?["phase"]?.stringValue == "Running" }.count == 2
            }
            #expect(running)

            try await client.delete(Deployment.resource, namespace: "default", name: "web",
                                    options: DeleteOptions(propagationPolicy: cascade))

            #expect(await eventually(timeout: .seconds(30)) { try await OwnedObjects.get(client, Deployment.resource, "web") == nil })
            let replicaSets = { try await client.listAll(ReplicaSet.resource, namespace: "default").items }
            switch cascade {
            case .foreground:
                #expect(try await cluster.pods().isEmpty)
                #expect(try await replicaSets().isEmpty)
            case .background:
                #expect(await eventually(timeout: .seconds(30)) { try await cluster.pods().isEmpty })
                #expect(await eventually { try await replicaSets().isEmpty })
            case .orphan:
                let left = try await replicaSets()
                #expect(left.count == 1)
                #expect(left.allSatisfy { OwnedObjects.ownerUIDs($0).isEmpty })
                #expect(await holds(for: .milliseconds(300)) { try await cluster.pods().count == 2 })
            }
        }
    }
}
