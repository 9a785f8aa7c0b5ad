import KubeAPI
import KubeClient
import KubeControllers
import KubeMachinery
import Testing

@Suite(.timeLimit(.minutes(2)))
struct GarbageCollectorTests {
    /// How a propagation policy treats an owner → dependent → grand-dependent chain.
    struct PropagationCase: Sendable, CustomTestStringConvertible {
        var policy: DeleteOptions.Propagation?
        /// Whether the dependents are deleted (otherwise they stay, without the owner's reference).
        var dependentsDeleted: Bool
        var testDescription: String { "\(policy?.rawValue ?? "default") deletion \(dependentsDeleted ? "deletes" : "orphans") the chain" }
    }

    @Test(arguments: [
        PropagationCase(policy: nil, dependentsDeleted: true),
        PropagationCase(policy: .background, dependentsDeleted: true),
        PropagationCase(policy: .orphan, dependentsDeleted: false),
    ])
    func deletingAnOwnerPropagatesToItsChain(_ c: PropagationCase) async throws {
        try await ControllerTestCluster.with { cluster in
            let client = cluster.client
            let owner = try await OwnedObjects.configMap(client, "owner")
            let child = try await OwnedObjects.secret(client, "child", owners: [OwnedObjects.reference(to: owner)])
            try await OwnedObjects.configMap(client, "grandchild", owners: [OwnedObjects.reference(to: child)])

            // Started once the objects exist, so its graph is complete when the delete lands.
            try await cluster.run(GarbageCollector.self)

            try await client.delete(ConfigMap.resource, namespace: "default", name: "owner",
                                    options: DeleteOptions(propagationPolicy: c.policy))

            #expect(await eventually { try await OwnedObjects.get(client, ConfigMap.resource, "owner") == nil })
            if c.dependentsDeleted {
                #expect(await eventually { try await OwnedObjects.get(client, Secret.resource, "child") == nil })
                #expect(await eventually { try await OwnedObjects.get(client, ConfigMap.resource, "grandchild") == nil })
            } else {
                let orphaned = await eventually {
                    try await OwnedObjects.ownerUIDs(OwnedObjects.get(client, Secret.resource, "child")).isEmpty
                }
                #expect(orphaned)
                let child = try await OwnedObjects.get(client, Secret.resource, "child")
                #expect(child != nil)
                // The grand-dependent's owner is still there: it is left alone.
                let grandchild = try await OwnedObjects.get(client, ConfigMap.resource, "grandchild")
                #expect(OwnedObjects.ownerUIDs(grandchild) == [child?["metadata"]?["uid"]?.stringValue ?? "?"])
            }
        }
    }

    @Test func aDependentWithAnotherLiveOwnerSurvivesAndLosesOnlyTheDeletedOwnersReference() async throws {
        try await ControllerTestCluster.with { cluster in
            let client = cluster.client
            let first = try await OwnedObjects.configMap(client, "first")
            let second = try await OwnedObjects.configMap(client, "second")
            try await OwnedObjects.secret(client, "shared", owners: [OwnedObjects.reference(to: first), OwnedObjects.reference(to: second)])

            // Started once the objects exist, so its graph is complete when the delete lands.
            try await cluster.run(GarbageCollector.self)

            try await client.delete(ConfigMap.resource, namespace: "default", name: "first")

            let secondUID = second["metadata"]?["uid"]?.stringValue ?? "?"
            let dangling = await eventually {
                try await OwnedObjects.ownerUIDs(OwnedObjects.get(client, Secret.resource, "shared")) == [secondUID]
            }
            #expect(dangling)
            #expect(await holds(for: .milliseconds(300)) { try await OwnedObjects.get(client, Secret.resource, "shared") != nil })
        }
    }

    @Test func foregroundDeletionWaitsForBlockingDependentsThenRemovesTheOwner() async throws {
        try await ControllerTestCluster.with { cluster in
            let client = cluster.client
            let owner = try await OwnedObjects.configMap(client, "owner")
            // A blocking dependent that a finalizer keeps alive once deleted.
            try await OwnedObjects.secret(client, "held", owners: [OwnedObjects.reference(to: owner, blockOwnerDeletion: true)],
                                          finalizers: ["example.com/hold"])
            // A non-blocking dependent: deleted too, but not waited for.
            try await OwnedObjects.configMap(client, "loose", owners: [OwnedObjects.reference(to: owner)])

            // Started once the objects exist, so its graph is complete when the delete lands.
            try await cluster.run(GarbageCollector.self)

            try await client.delete(ConfigMap.resource, namespace: "default", name: "owner",
                                    options: DeleteOptions(propagationPolicy: .foreground))

            let heldDeleting = await eventually {
                try await OwnedObjects.get(client, Secret.resource, "held")?["metadata"]?["deletionTimestamp"] != nil
            }
            #expect(heldDeleting)
            #expect(await eventually { try await OwnedObjects.get(client, ConfigMap.resource, "loose") == nil })
            // The owner stays, marked, while its blocking dependent exists.
            let waiting = await holds(for: .milliseconds(300)) {
                let o = try await OwnedObjects.get(client, ConfigMap.resource, "owner")
                return OwnedObjects.finalizers(o) == ["foregroundDeletion"] && o?["metadata"]?["deletionTimestamp"] != nil
            }
            #expect(waiting)

            try await OwnedObjects.clearFinalizers(client, Secret.resource, "held")

            #expect(await eventually { try await OwnedObjects.get(client, Secret.resource, "held") == nil })
            #expect(await eventually { try await OwnedObjects.get(client, ConfigMap.resource, "owner") == nil })
        }
    }

    @Test func foregroundDeletionOfAReplicaSetDeletesItsPodsFirst() async throws {
        try await ControllerTestCluster.with { cluster in
            let client = cluster.client
            let rs = try await OwnedObjects.replicaSet(client, "web")
            let ref = OwnedObjects.reference(to: rs, controller: true, blockOwnerDeletion: true)
            for i in 0..<3 { try await OwnedObjects.pod(client, "web-\(i)", owners: [ref]) }
            // One pod a finalizer keeps: the ReplicaSet must wait for it.
            try await OwnedObjects.pod(client, "web-held", owners: [ref], finalizers: ["example.com/hold"])

            // Started once the objects exist, so its graph is complete when the delete lands.
            try await cluster.run(GarbageCollector.self)

            try await client.delete(ReplicaSet.resource, namespace: "default", name: "web",
                                    options: DeleteOptions(propagationPolicy: .foreground))

            #expect(await eventually { try await cluster.pods().map(\.name) == ["web-held"] })
            #expect(try await OwnedObjects.get(client, ReplicaSet.resource, "web") != nil)
            try await OwnedObjects.clearFinalizers(client, Pod.resource, "web-held")
            #expect(await eventually { try await cluster.pods().isEmpty })
            #expect(await eventually { try await OwnedObjects.get(client, ReplicaSet.resource, "web") == nil })
        }
    }

    @Test func orphaningAReplicaSetKeepsItsPodsAndRemovesTheirOwnerReference() async throws {
        try await ControllerTestCluster.with { cluster in
            let client = cluster.client
            let rs = try await OwnedObjects.replicaSet(client, "web")
            let ref = OwnedObjects.reference(to: rs, controller: true, blockOwnerDeletion: true)
            for i in 0..<2 { try await OwnedObjects.pod(client, "web-\(i)", owners: [ref]) }

            // Started once the objects exist, so its graph is complete when the delete lands.
            try await cluster.run(GarbageCollector.self)

            try await client.delete(ReplicaSet.resource, namespace: "default", name: "web",
                                    options: DeleteOptions(propagationPolicy: .orphan))

            #expect(await eventually { try await OwnedObjects.get(client, ReplicaSet.resource, "web") == nil })
            let pods = try await cluster.pods()
            #expect(pods.map(\.name).sorted() == ["web-0", "web-1"])
            #expect(pods.allSatisfy { $0.ownerReferences.isEmpty })
        }
    }

    @Test func anObjectWhoseOwnerNeverExistedIsDeleted() async throws {
        try await ControllerTestCluster.with { cluster in
            let client = cluster.client
            try await cluster.run(GarbageCollector.self)
            let ghost = OwnerReference(apiVersion: "v1", kind: "ConfigMap", name: "ghost", uid: "00000000-0000-0000-0000-000000000001")
            try await OwnedObjects.secret(client, "stray", owners: [ghost])
            // A same-named owner with another UID does not count either.
            try await OwnedObjects.configMap(client, "impostor")
            let impostorRef = OwnerReference(apiVersion: "v1", kind: "ConfigMap", name: "impostor", uid: "00000000-0000-0000-0000-000000000002")
            try await OwnedObjects.secret(client, "fooled", owners: [impostorRef])

            #expect(await eventually { try await OwnedObjects.get(client, Secret.resource, "stray") == nil })
            #expect(await eventually { try await OwnedObjects.get(client, Secret.resource, "fooled") == nil })
            #expect(try await OwnedObjects.get(client, ConfigMap.resource, "impostor") != nil)
        }
    }

    @Test func objectsWithLiveOwnersAreLeftAlone() async throws {
        try await ControllerTestCluster.with { cluster in
            let client = cluster.client
            let owner = try await OwnedObjects.configMap(client, "owner")
            try await OwnedObjects.secret(client, "kept", owners: [OwnedObjects.reference(to: owner)])
            try await cluster.run(GarbageCollector.self)
            // Created after the collector started too.
            try await OwnedObjects.secret(client, "kept-later", owners: [OwnedObjects.reference(to: owner)])
            #expect(await holds(for: .milliseconds(500)) {
                let kept = try await OwnedObjects.get(client, Secret.resource, "kept")
                let keptLater = try await OwnedObjects.get(client, Secret.resource, "kept-later")
                return kept != nil && keptLater != nil
            })
        }
    }
}
