import KubeMachinery
import Testing
@testable import KubeControllers

struct PodTemplateHashTests {
    static let template: JSONValue = [
        "metadata": ["labels": ["app": "web"]],
        "spec": ["containers": [["name": "web", "image": "nginx:1.25"]]],
    ]

    @Test func sameTemplateHashesTheSameWhateverTheKeyOrder() throws {
        let reordered = try JSONValue.parse(#"{"spec":{"containers":[{"image":"nginx:1.25","name":"web"}]},"metadata":{"labels":{"app":"web"}}}"#)
        #expect(PodTemplateHash.compute(template: Self.template, collisionCount: nil)
                == PodTemplateHash.compute(template: reordered, collisionCount: nil))
    }

    @Test func hashIsAPinnedValueSoItStaysStableAcrossReleases() {
        // Changing the scheme renames every ReplicaSet on upgrade (and rolls every Deployment).
        #expect(PodTemplateHash.compute(template: Self.template, collisionCount: nil) == "59bd5955b7")
    }

    @Test func hashUsesOnlyTheSafeAlphabet() {
        let hash = PodTemplateHash.compute(template: Self.template, collisionCount: 3)
        #expect(!hash.isEmpty && hash.count <= 10)
        #expect(hash.allSatisfy { "bcdfghjklmnpqrstvwxz2456789".contains($0) })
    }

    static let changedImage: JSONValue = ["metadata": ["labels": ["app": "web"]], "spec": ["containers": [["name": "web", "image": "nginx:1.26"]]]]
    static let restarted: JSONValue = ["metadata": ["labels": ["app": "web"], "annotations": ["kubectl.kubernetes.io/restartedAt": "now"]],
                                       "spec": ["containers": [["name": "web", "image": "nginx:1.25"]]]]

    @Test("the hash changes when the template does (a new image, a restart annotation)", arguments: [changedImage, restarted])
    func changes(_ other: JSONValue) {
        let base = PodTemplateHash.compute(template: Self.template, collisionCount: nil)
        #expect(PodTemplateHash.compute(template: other, collisionCount: nil) != base)
    }

    @Test func collisionCountChangesTheHash() {
        let none = PodTemplateHash.compute(template: Self.template, collisionCount: nil)
        let one = PodTemplateHash.compute(template: Self.template, collisionCount: 1)
        let two = PodTemplateHash.compute(template: Self.template, collisionCount: 2)
        #expect(Set([none, one, two]).count == 3)
    }

    @Test func templatesAreEqualIgnoringTheHashLabel() {
        var hashed = Self.template
        hashed.set(["metadata", "labels", PodTemplateHash.labelKey], to: "abc123")
        #expect(PodTemplateHash.equalIgnoringHash(hashed, Self.template))
        var changed = hashed
        changed.set(["metadata", "labels", "tier"], to: "front")
        #expect(!PodTemplateHash.equalIgnoringHash(changed, Self.template))
    }

    @Test func aLabelMapHoldingOnlyTheHashEqualsNoLabels() {
        let bare: JSONValue = ["spec": ["containers": [["name": "c", "image": "i"]]]]
        var hashed = bare
        hashed.set(["metadata", "labels"], to: [PodTemplateHash.labelKey: "x"])
        hashed.set(["metadata", "creationTimestamp"], to: .null)
        #expect(PodTemplateHash.equalIgnoringHash(hashed, bare))
    }
}

struct RevisionAnnotationTests {
    @Test func aNewReplicaSetGetsItsRevisionSizesAndTheChangeCause() {
        var annotations: [String: String] = [:]
        let changed = RevisionAnnotations.updateForNewReplicaSet(
            &annotations,
            deploymentAnnotations: [RevisionAnnotations.changeCause: "kubectl set image", RevisionAnnotations.revision: "1",
                                    RevisionAnnotations.lastAppliedConfiguration: "{}", "team": "a"],
            newRevision: 2, exists: false, replicas: 4, maxReplicas: 6)
        #expect(changed)
        #expect(annotations == [
            RevisionAnnotations.revision: "2", RevisionAnnotations.changeCause: "kubectl set image", "team": "a",
            RevisionAnnotations.desiredReplicas: "4", RevisionAnnotations.maxReplicas: "6",
        ])
    }

    @Test func aRollbackToAnOldReplicaSetRecordsItsOldRevision() {
        var annotations = [RevisionAnnotations.revision: "1"]
        #expect(RevisionAnnotations.updateForNewReplicaSet(&annotations, deploymentAnnotations: [:], newRevision: 3,
                                                           exists: true, replicas: 1, maxReplicas: 1))
        #expect(annotations[RevisionAnnotations.revision] == "3")
        #expect(annotations[RevisionAnnotations.revisionHistory] == "1")
        // A second rollback to it appends.
        #expect(RevisionAnnotations.updateForNewReplicaSet(&annotations, deploymentAnnotations: [:], newRevision: 5,
                                                           exists: true, replicas: 1, maxReplicas: 1))
        #expect(annotations[RevisionAnnotations.revisionHistory] == "1,3")
        // An existing ReplicaSet's size annotations are the scaler's business, not this.
        #expect(annotations[RevisionAnnotations.desiredReplicas] == nil)
    }

    @Test func aCurrentRevisionIsLeftAlone() {
        var annotations = [RevisionAnnotations.revision: "4"]
        #expect(!RevisionAnnotations.updateForNewReplicaSet(&annotations, deploymentAnnotations: [:], newRevision: 4,
                                                            exists: true, replicas: 1, maxReplicas: 1))
        #expect(annotations == [RevisionAnnotations.revision: "4"])
    }

    @Test func theHistoryDropsItsOldestEntriesPastTheCap() throws {
        let long = (1...600).map(String.init).joined(separator: ",")
        #expect(long.count > RevisionAnnotations.maxRevisionHistoryLength)
        var annotations = [RevisionAnnotations.revision: "700", RevisionAnnotations.revisionHistory: long]
        _ = RevisionAnnotations.updateForNewReplicaSet(&annotations, deploymentAnnotations: [:], newRevision: 701,
                                                       exists: true, replicas: 1, maxReplicas: 1)
        let history = try #require(annotations[RevisionAnnotations.revisionHistory])
        #expect(history.count <= RevisionAnnotations.maxRevisionHistoryLength)
        #expect(history.hasSuffix(",599,600,700"))
        #expect(!history.hasPrefix("1,"))
    }
}

struct DeploymentConditionListTests {
    static let t0 = "2025-01-01T00:00:00Z", t1 = "2025-01-01T00:01:00Z"

    @Test func sameStatusAndReasonKeepsTimestamps() {
        var list = [DeploymentCondition(type: "Available", status: "True", reason: "MinimumReplicasAvailable", message: "m", now: Self.t0)]
        list.set(DeploymentCondition(type: "Available", status: "True", reason: "MinimumReplicasAvailable", message: "m", now: Self.t1))
        #expect(list.first?.lastUpdateTime == Self.t0)
    }

    @Test func newReasonWithSameStatusKeepsTheTransitionTimeAndMovesLast() {
        var list = [DeploymentCondition(type: "Progressing", status: "True", reason: "NewReplicaSetCreated", message: "m", now: Self.t0),
                    DeploymentCondition(type: "Available", status: "True", reason: "MinimumReplicasAvailable", message: "m", now: Self.t0)]
        list.set(DeploymentCondition(type: "Progressing", status: "True", reason: "NewReplicaSetAvailable", message: "m", now: Self.t1))
        #expect(list.map(\.type) == ["Available", "Progressing"])
        #expect(list.last?.lastTransitionTime == Self.t0)
        #expect(list.last?.lastUpdateTime == Self.t1)
    }
}
