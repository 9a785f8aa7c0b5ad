import Foundation
import KubeAPI
import KubeClient
import KubeMachinery
import Testing
@testable import KubeControllers

@Suite struct PodGCControllerTests {
    static func options(threshold: Int) -> ControllerOptions {
        var o = ControllerOptions.forTests
        o.terminatedPodGCThreshold = threshold
        return o
    }

    /// Creates a pod and reports it finished with `phase`.
    static func terminatedPod(_ cluster: ControllerTestCluster, _ name: String, phase: String) async throws {
        var pod = try await cluster.client.create(ObjectFixtures.pod(name, labels: ["job": "x"], nodeName: "n1"))
        pod.status = ["phase": .string(phase)]
        _ = try await cluster.client.updateStatus(pod)
    }

    static func node(_ cluster: ControllerTestCluster, _ name: String) async throws {
        _ = try await cluster.client.create(Node(name: name))
    }

    static func exists(_ cluster: ControllerTestCluster, _ name: String) async throws -> Bool {
        do {
            _ = try await cluster.client.get(Pod.self, namespace: "default", name: name)
            return true
        } catch let e as APIError where e.isNotFound {
            return false
        }
    }

    @Test func terminatedPodsBeyondTheThresholdAreDeletedOldestFirst() async throws {
        try await ControllerTestCluster.with(options: Self.options(threshold: 2)) { cluster in
            try await Self.node(cluster, "n1")
            for (i, phase) in ["Succeeded", "Failed", "Succeeded", "Failed"].enumerated() {
                try await Self.terminatedPod(cluster, "done-\(i)", phase: phase)
            }
            _ = try await cluster.client.create(ObjectFixtures.pod("running", labels: ["job": "x"], nodeName: "n1"))
            try await cluster.start([PodGCController(context: cluster.context, quarantine: .milliseconds(100))])

            #expect(await eventually { try await cluster.pods().count == 3 })
            #expect(try await cluster.pods().map(\.name).sorted() == ["done-2", "done-3", "running"])
        }
    }

    @Test func aThresholdOfZeroKeepsEveryTerminatedPod() async throws {
        try await ControllerTestCluster.with(options: Self.options(threshold: 0)) { cluster in
            try await Self.node(cluster, "n1")
            for i in 0..<3 { try await Self.terminatedPod(cluster, "done-\(i)", phase: "Succeeded") }
            let gc = PodGCController(context: cluster.context, quarantine: .milliseconds(100))
            try await cluster.start([gc])
            await gc.gc()
            #expect(try await cluster.pods().count == 3)
        }
    }

    @Test func podsOnANodeThatNoLongerExistsAreMarkedFailedAndDeleted() async throws {
        try await ControllerTestCluster.with { cluster in
            try await Self.node(cluster, "alive")
            _ = try await cluster.client.create(ObjectFixtures.pod("on-alive", labels: ["a": "b"], nodeName: "alive"))
            _ = try await cluster.client.create(ObjectFixtures.pod("on-gone", labels: ["a": "b"], nodeName: "gone"))
            try await cluster.start([PodGCController(context: cluster.context, quarantine: .milliseconds(300))])

            #expect(await eventually { try await !Self.exists(cluster, "on-gone") })
            #expect(try await Self.exists(cluster, "on-alive"))
        }
    }

    @Test func aTerminatingPodOnADeletedNodeIsForceDeleted() async throws {
        try await ControllerTestCluster.with { cluster in
            try await Self.node(cluster, "doomed")
            _ = try await cluster.client.create(ObjectFixtures.pod("stuck", labels: ["a": "b"], nodeName: "doomed"))
            try await cluster.start([PodGCController(context: cluster.context, quarantine: .milliseconds(200))])
            // Graceful deletion of a bound pod waits for a kubelet that will never come.
            try await cluster.client.delete(Pod.self, namespace: "default", name: "stuck")
            #expect(try await cluster.client.get(Pod.self, namespace: "default", name: "stuck").isBeingDeleted)
            try await cluster.client.delete(Node.self, name: "doomed")

            #expect(await eventually { try await !Self.exists(cluster, "stuck") })
        }
    }

    @Test func aPodOnANodeMissingOnlyFromTheCacheIsKept() async throws {
        try await ControllerTestCluster.with { cluster in
            _ = try await cluster.client.create(ObjectFixtures.pod("early", labels: ["a": "b"], nodeName: "late-node"))
            let gc = PodGCController(context: cluster.context, quarantine: .seconds(60))
            try await cluster.start([gc])
            await gc.gc()
            // The node appears within the quarantine: the pod must survive.
            try await Self.node(cluster, "late-node")
            await gc.gc()
            #expect(try await Self.exists(cluster, "early"))
        }
    }

    @Test func anUnscheduledTerminatingPodIsMarkedFailed() async throws {
        try await ControllerTestCluster.with { cluster in
            var pod = ObjectFixtures.pod("unscheduled", labels: ["a": "b"])
            pod.finalizers = ["test.bosun.dev/hold"]
            _ = try await cluster.client.create(pod)
            try await cluster.client.delete(Pod.self, namespace: "default", name: "unscheduled")
            try await cluster.start([PodGCController(context: cluster.context, quarantine: .milliseconds(100))])

            #expect(await eventually {
                try await cluster.client.get(Pod.self, namespace: "default", name: "unscheduled").phase == "Failed"
            })
        }
    }

    @Test(arguments: [
        (names: ["b", "a"], evicted: [String](), expected: ["a", "b"]),
        (names: ["a", "b", "c"], evicted: ["c"], expected: ["c", "a", "b"]),
    ])
    func terminatedPodsAreOrderedEvictedThenOldest(names: [String], evicted: [String], expected: [String]) {
        let base = Date(timeIntervalSince1970: 1_800_000_000)
        let pods: [Pod] = names.map { n in
            var p = ObjectFixtures.rankedPod(n, phase: "Failed", created: base.addingTimeInterval(Double(n.unicodeScalars.first!.value)))
            if evicted.contains(n) { p.json.set(["status", "reason"], to: "Evicted") }
            return p
        }
        #expect(PodGCController.oldestFirst(pods).map(\.name) == expected)
    }
}
