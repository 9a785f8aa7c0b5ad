import KubeAPI
import KubeClient
import KubeMachinery
import Testing
@testable import KubeControllers

@Suite struct ControllerRefManagerTests {
    static let selector = try! LabelSelector(matchLabels: ["app": "web"])

    @Test func adoptsAMatchingOrphanAndIgnoresANonMatchingOne() async throws {
        try await ControllerTestCluster.with { cluster in
            let rs = try await cluster.client.create(ObjectFixtures.replicaSet("web", replicas: 0))
            let orphan = try await cluster.client.create(ObjectFixtures.pod("orphan", labels: ["app": "web"]))
            let stranger = try await cluster.client.create(ObjectFixtures.pod("stranger", labels: ["app": "db"]))
            let manager = ControllerRefManager<ReplicaSet, Pod>(client: cluster.client, owner: rs, selector: Self.selector)

            let claimed = try await manager.claim([orphan, stranger])

            #expect(claimed.map(\.name) == ["orphan"])
            let adopted = try await cluster.client.get(Pod.self, namespace: "default", name: "orphan")
            #expect(adopted.controllerRef?.uid == rs.uid)
            #expect(adopted.controllerRef?.blockOwnerDeletion == true)
            #expect(try await cluster.client.get(Pod.self, namespace: "default", name: "stranger").ownerReferences.isEmpty)
        }
    }

    @Test func releasesAnOwnedPodThatNoLongerMatchesAndKeepsOtherOwnerReferences() async throws {
        try await ControllerTestCluster.with { cluster in
            let rs = try await cluster.client.create(ObjectFixtures.replicaSet("web", replicas: 0))
            let other = OwnerReference(apiVersion: "v1", kind: "ConfigMap", name: "cm", uid: "cm-uid")
            var pod = ObjectFixtures.pod("relabelled", labels: ["app": "other"], owner: .controllerRef(to: rs))
            pod.ownerReferences.insert(other, at: 0)
            let created = try await cluster.client.create(pod)
            let manager = ControllerRefManager<ReplicaSet, Pod>(client: cluster.client, owner: rs, selector: Self.selector)

            #expect(try await manager.claim([created]).isEmpty)
            #expect(try await cluster.client.get(Pod.self, namespace: "default", name: "relabelled").ownerReferences == [other])
        }
    }

    @Test func leavesPodsControlledBySomeoneElse() async throws {
        try await ControllerTestCluster.with { cluster in
            let rs = try await cluster.client.create(ObjectFixtures.replicaSet("web", replicas: 0))
            let foreign = OwnerReference(apiVersion: "apps/v1", kind: "ReplicaSet", name: "x", uid: "x-uid", controller: true)
            let pod = try await cluster.client.create(ObjectFixtures.pod("theirs", labels: ["app": "web"], owner: foreign))
            let manager = ControllerRefManager<ReplicaSet, Pod>(client: cluster.client, owner: rs, selector: Self.selector)

            #expect(try await manager.claim([pod]).isEmpty)
            #expect(try await cluster.client.get(Pod.self, namespace: "default", name: "theirs").controllerRef == foreign)
        }
    }

    @Test func refusesToAdoptForAnOwnerThatWasRecreatedUnderTheSameName() async throws {
        try await ControllerTestCluster.with { cluster in
            let stale = try await cluster.client.create(ObjectFixtures.replicaSet("web", replicas: 0))
            try await cluster.client.delete(ReplicaSet.self, namespace: "default", name: "web")
            _ = try await cluster.client.create(ObjectFixtures.replicaSet("web", replicas: 0))
            let orphan = try await cluster.client.create(ObjectFixtures.pod("orphan", labels: ["app": "web"]))
            // The manager holds the cached (stale) owner; the fresh GET shows another uid.
            let manager = ControllerRefManager<ReplicaSet, Pod>(client: cluster.client, owner: stale, selector: Self.selector)

            await #expect(throws: ControllerRefManager<ReplicaSet, Pod>.ClaimError.self) { try await manager.claim([orphan]) }
            #expect(try await cluster.client.get(Pod.self, namespace: "default", name: "orphan").ownerReferences.isEmpty)
        }
    }

    @Test func anOwnerBeingDeletedNeitherAdoptsNorReleases() async throws {
        try await ControllerTestCluster.with { cluster in
            var rs = ObjectFixtures.replicaSet("web", replicas: 0)
            rs.finalizers = ["test.bosun.dev/hold"]
            let created = try await cluster.client.create(rs)
            try await cluster.client.delete(ReplicaSet.self, namespace: "default", name: "web")
            let deleting = try await cluster.client.get(ReplicaSet.self, namespace: "default", name: "web")
            #expect(deleting.isBeingDeleted)
            let orphan = try await cluster.client.create(ObjectFixtures.pod("orphan", labels: ["app": "web"]))
            let owned = try await cluster.client.create(ObjectFixtures.pod("owned", labels: ["app": "other"], owner: .controllerRef(to: created)))
            let manager = ControllerRefManager<ReplicaSet, Pod>(client: cluster.client, owner: deleting, selector: Self.selector)

            #expect(try await manager.claim([orphan, owned]).isEmpty)
            #expect(try await cluster.client.get(Pod.self, namespace: "default", name: "orphan").ownerReferences.isEmpty)
            #expect(try await cluster.client.get(Pod.self, namespace: "default", name: "owned").controllerRef?.uid == created.uid)
        }
    }

    @Test func adoptionFailsWhenThePodWasReplacedUnderTheSameName() async throws {
        try await ControllerTestCluster.with { cluster in
            let rs = try await cluster.client.create(ObjectFixtures.replicaSet("web", replicas: 0))
            let old = try await cluster.client.create(ObjectFixtures.pod("p", labels: ["app": "web"]))
            try await cluster.client.delete(Pod.self, namespace: "default", name: "p", options: DeleteOptions(gracePeriodSeconds: 0))
            _ = try await cluster.client.create(ObjectFixtures.pod("p", labels: ["app": "web"]))
            let manager = ControllerRefManager<ReplicaSet, Pod>(client: cluster.client, owner: rs, selector: Self.selector)

            await #expect(throws: (any Error).self) { try await manager.adopt(old) }
            #expect(try await cluster.client.get(Pod.self, namespace: "default", name: "p").ownerReferences.isEmpty)
        }
    }
}
