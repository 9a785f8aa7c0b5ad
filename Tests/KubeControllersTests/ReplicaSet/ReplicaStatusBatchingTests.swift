import Foundation
import KubeAPI
import KubeMachinery
import Testing
@testable import KubeControllers

/// Which owned-pod updates sync the ReplicaSet at once and which wait for the status batch:
/// anything that can lower a count, or change what the ReplicaSet claims, is immediate.
@Suite struct ReplicaStatusBatchingTests {
    static let owner = OwnerReference(apiVersion: "apps/v1", kind: "ReplicaSet", name: "web", uid: "rs-1", controller: true)

    static func pod(phase: String = "Running", ready: Bool = false, labels: [String: String] = ["app": "web"],
                    owner: OwnerReference? = owner, terminating: Bool = false) -> Pod {
        var p = ObjectFixtures.pod("web-1", labels: labels, nodeName: "n1", owner: owner)
        p.status = ["phase": .string(phase), "conditions": [["type": "Ready", "status": ready ? "True" : "False"]]]
        if terminating { p.json.set(["metadata", "deletionTimestamp"], to: "2026-01-01T00:00:00Z") }
        return p
    }

    static let cases: [(String, Pod, Pod, Bool)] = [
        ("pending to running", pod(phase: "Pending"), pod(), false),
        ("turning ready", pod(), pod(ready: true), false),
        ("an unrelated status change while ready", pod(ready: true), pod(phase: "Running", ready: true), false),
        ("turning unready", pod(ready: true), pod(ready: false), true),
        ("failing", pod(ready: true), pod(phase: "Failed"), true),
        ("succeeding", pod(), pod(phase: "Succeeded"), true),
        ("terminating", pod(ready: true), pod(ready: true, terminating: true), true),
        ("relabelled", pod(), pod(labels: ["app": "other"]), true),
        ("released", pod(), pod(owner: nil), true),
    ]

    @Test(arguments: cases)
    func ownedPodUpdates(_ c: (String, Pod, Pod, Bool)) {
        #expect(ReplicaManager<ReplicaSet>.syncsAtOnce(old: c.1, new: c.2) == c.3, "\(c.0)")
    }
}
