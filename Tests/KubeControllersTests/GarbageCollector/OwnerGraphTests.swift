import KubeAPI
import KubeMachinery
import Testing
@testable import KubeControllers

/// The ownership graph alone: which follow-up work each change asks for.
struct OwnerGraphTests {
    static func object(_ uid: String, owners: [(uid: String, block: Bool)] = [], deleting: Bool = false, finalizers: [String] = []) -> JSONValue {
        var meta: JSONValue = ["name": .string("o-\(uid)"), "namespace": "default", "uid": .string(uid)]
        if !owners.isEmpty {
            meta["ownerReferences"] = .array(owners.map {
                OwnerReference(apiVersion: "v1", kind: "ConfigMap", name: "o-\($0.uid)", uid: $0.uid, blockOwnerDeletion: $0.block).json
            })
        }
        if deleting { meta["deletionTimestamp"] = "2026-01-01T00:00:00Z" }
        if !finalizers.isEmpty { meta["finalizers"] = .array(finalizers.map { .string($0) }) }
        return ["metadata": meta]
    }

    @Test func aDependentOfAnUnseenOwnerCreatesAVirtualOwnerToVerify() {
        let graph = OwnerGraph()
        let followUp = graph.observe(Self.object("child", owners: [("parent", false)]), apiVersion: "v1", kind: "Secret")
        #expect(graph.node("parent")?.isVirtual == true)
        #expect(graph.node("parent")?.dependents == ["child"])
        #expect(followUp.attemptToDelete.contains("parent"))
    }

    @Test func observingTheOwnerMakesItRealAndKeepsItsDependents() {
        let graph = OwnerGraph()
        _ = graph.observe(Self.object("child", owners: [("parent", false)]), apiVersion: "v1", kind: "Secret")
        let followUp = graph.observe(Self.object("parent"), apiVersion: "v1", kind: "ConfigMap")
        #expect(graph.node("parent")?.isVirtual == false)
        #expect(graph.node("parent")?.dependents == ["child"])
        #expect(followUp.attemptToDelete.isEmpty)
        // A dependent of a known live owner needs nothing.
        #expect(graph.observe(Self.object("child2", owners: [("parent", false)]), apiVersion: "v1", kind: "Secret").attemptToDelete.isEmpty)
    }

    @Test func aDeletedOwnerSendsItsDependentsToAttemptToDelete() {
        let graph = OwnerGraph()
        _ = graph.observe(Self.object("parent"), apiVersion: "v1", kind: "ConfigMap")
        _ = graph.observe(Self.object("a", owners: [("parent", false)]), apiVersion: "v1", kind: "Secret")
        _ = graph.observe(Self.object("b", owners: [("parent", false)]), apiVersion: "v1", kind: "Secret")
        let followUp = graph.forget(Self.object("parent"))
        #expect(Set(followUp.attemptToDelete) == ["a", "b"])
        // Deleting the dependents afterwards cleans the placeholder away.
        _ = graph.forget(Self.object("a"))
        _ = graph.forget(Self.object("b"))
        #expect(graph.node("parent") == nil)
        #expect(graph.count == 0)
    }

    @Test func foregroundDeletionQueuesTheOwnerAndEveryDependent() {
        let graph = OwnerGraph()
        _ = graph.observe(Self.object("parent"), apiVersion: "v1", kind: "ConfigMap")
        _ = graph.observe(Self.object("blocking", owners: [("parent", true)]), apiVersion: "v1", kind: "Secret")
        _ = graph.observe(Self.object("loose", owners: [("parent", false)]), apiVersion: "v1", kind: "Secret")
        let followUp = graph.observe(Self.object("parent", deleting: true, finalizers: ["foregroundDeletion"]), apiVersion: "v1", kind: "ConfigMap")
        #expect(Set(followUp.attemptToDelete) == ["parent", "blocking", "loose"])
        #expect(graph.blockingDependents(of: "parent").map(\.uid) == ["blocking"])
        // The blocking dependent going away re-queues the waiting owner.
        #expect(graph.forget(Self.object("blocking")).attemptToDelete == ["parent"])
        #expect(graph.blockingDependents(of: "parent").isEmpty)
    }

    @Test func orphanDeletionQueuesTheOwnerForOrphaning() {
        let graph = OwnerGraph()
        _ = graph.observe(Self.object("parent"), apiVersion: "v1", kind: "ConfigMap")
        let followUp = graph.observe(Self.object("parent", deleting: true, finalizers: ["orphan"]), apiVersion: "v1", kind: "ConfigMap")
        #expect(followUp.attemptToOrphan == ["parent"])
        #expect(followUp.attemptToDelete.isEmpty)
    }

    @Test func droppingAReferenceRemovesTheDependentFromThatOwnerOnly() {
        let graph = OwnerGraph()
        _ = graph.observe(Self.object("p1"), apiVersion: "v1", kind: "ConfigMap")
        _ = graph.observe(Self.object("p2"), apiVersion: "v1", kind: "ConfigMap")
        _ = graph.observe(Self.object("child", owners: [("p1", false), ("p2", false)]), apiVersion: "v1", kind: "Secret")
        _ = graph.observe(Self.object("child", owners: [("p2", false)]), apiVersion: "v1", kind: "Secret")
        #expect(graph.node("p1")?.dependents.isEmpty == true)
        #expect(graph.node("p2")?.dependents == ["child"])
    }

    @Test func aVirtualOwnerFoundAbsentReleasesItsDependents() {
        let graph = OwnerGraph()
        _ = graph.observe(Self.object("child", owners: [("ghost", false)]), apiVersion: "v1", kind: "Secret")
        #expect(graph.forgetAbsent(uid: "ghost").attemptToDelete == ["child"])
        #expect(graph.node("ghost") == nil)
        // A real node is never dropped that way.
        #expect(graph.forgetAbsent(uid: "child").attemptToDelete.isEmpty)
        #expect(graph.node("child") != nil)
    }
}
