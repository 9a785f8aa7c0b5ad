import Foundation
import HollowNodes
import KubeAPI
import KubeClient
import KubeMachinery
import Testing
@testable import KubeControllers

@Suite struct NodeLifecycleControllerTests {
    static var options: ControllerOptions {
        var o = ControllerOptions.forTests
        o.nodeMonitorGracePeriod = .seconds(2)
        o.nodeMonitorPeriod = .milliseconds(200)
        return o
    }

    /// Hollow nodes that renew their Leases and post status several times per grace period.
    static func startNodes(_ cluster: ControllerTestCluster, count: Int) async throws -> HollowNodeCluster {
        let nodes = HollowNodeCluster(client: cluster.client, options: HollowNodeOptions(
            count: count, leaseDuration: .seconds(2), renewInterval: .milliseconds(200), statusUpdateInterval: .milliseconds(300)))
        try await nodes.start()
        cluster.keep(Task { await nodes.run() })
        return nodes
    }

    static func toleration(_ key: String, seconds: Int64?) -> JSONValue {
        var t: JSONValue = ["key": .string(key), "operator": "Exists", "effect": "NoExecute"]
        if let seconds { t["tolerationSeconds"] = .int(seconds) }
        return t
    }

    static func pod(_ name: String, on node: String, tolerations: [JSONValue]) -> Pod {
        var pod = ObjectFixtures.pod(name, labels: ["app": "x"], nodeName: node)
        pod.json.set(["spec", "tolerations"], to: .array(tolerations))
        return pod
    }

    /// The pod is gone, or on its way out.
    static func evicted(_ client: KubeClient, _ name: String) async throws -> Bool {
        do {
            return try await client.get(Pod.self, namespace: "default", name: name).isBeingDeleted
        } catch let e as APIError where e.isNotFound {
            return true
        }
    }

    @Test func aSilentNodeTurnsUnknownIsTaintedLosesItsPodsAndRecovers() async throws {
        try await ControllerTestCluster.with(options: Self.options) { cluster in
            let client = cluster.client
            let nodes = try await Self.startNodes(cluster, count: 2)
            defer { nodes.shutdown() }
            let (sick, healthy) = (nodes.nodeNames[0], nodes.nodeNames[1])
            let unreachable = NodeTaint.unreachable
            _ = try await client.create(Self.pod("short", on: sick, tolerations: [Self.toleration(unreachable, seconds: 2)]))
            _ = try await client.create(Self.pod("forever", on: sick, tolerations: [Self.toleration(unreachable, seconds: nil)]))
            _ = try await client.create(Self.pod("elsewhere", on: healthy, tolerations: [Self.toleration(unreachable, seconds: 2)]))
            #expect(await eventually { try await cluster.pods().allSatisfy { Pod(json: $0.json).isReady } })
            try await cluster.run(NodeLifecycleController.self, TaintEvictionController.self)

            nodes.pauseHeartbeat(node: sick)
            #expect(await eventually {
                let node = try await client.get(Node.self, name: sick)
                return node.readyStatus == "Unknown" && node.taints.contains { $0.key == unreachable && $0.effect == "NoExecute" }
            })
            let node = try await client.get(Node.self, name: sick)
            let ready = try #require(node.condition("Ready"))
            #expect(ready["reason"] == "NodeStatusUnknown")
            #expect(ready["message"] == "Kubelet stopped posting node status.")
            #expect(node.condition("MemoryPressure")?["status"] == "Unknown")
            #expect(node.taints.contains { $0.key == unreachable && $0.effect == "NoSchedule" })
            let noExecute = try #require(node.taints.first { $0.key == unreachable && $0.effect == "NoExecute" })
            #expect(noExecute.timeAdded != nil)
            #expect(try await !Self.evicted(client, "short"))  // not yet: it tolerates the taint for a while

            // The pod tolerating for 2 s goes once those have passed since timeAdded.
            #expect(await eventually(timeout: .seconds(10)) { try await Self.evicted(client, "short") })
            let taintedAt = try #require(noExecute.timeAdded.flatMap(APITimestamp.parse))
            #expect(Date().timeIntervalSince(taintedAt) >= 2.0)
            #expect(await eventually { try await !cluster.events(reason: "TaintManagerEviction").isEmpty })
            #expect(await eventually {
                try await client.list(CoreEvent.self).items.contains { $0.json["reason"] == "NodeNotReady" }
            })
            // The pod that tolerates forever stays, but is no longer Ready.
            #expect(try await !Self.evicted(client, "forever"))
            #expect(await eventually { try await !client.get(Pod.self, namespace: "default", name: "forever").isReady })
            // The healthy node and its pod are untouched.
            #expect(try await client.get(Node.self, name: healthy).taints.isEmpty)
            #expect(try await !Self.evicted(client, "elsewhere"))

            nodes.resumeHeartbeat(node: sick)
            #expect(await eventually {
                let node = try await client.get(Node.self, name: sick)
                return node.readyStatus == "True" && node.taints.isEmpty
            })
        }
    }

    @Test func aPodNotToleratingANoExecuteTaintIsEvictedAtOnce() async throws {
        try await ControllerTestCluster.with(options: Self.options) { cluster in
            let client = cluster.client
            _ = try await client.create(Node(name: "n1"))
            _ = try await client.create(Self.pod("intolerant", on: "n1", tolerations: []))
            _ = try await client.create(Self.pod("tolerant", on: "n1", tolerations: [
                ["key": "example.com/drain", "operator": "Equal", "value": "yes", "effect": "NoExecute"],
            ]))
            try await cluster.run(TaintEvictionController.self)
            var node = try await client.get(Node.self, name: "n1")
            node.json.set(["spec", "taints"], to: [["key": "example.com/drain", "value": "yes", "effect": "NoExecute"]])
            _ = try await client.update(node)

            #expect(await eventually { try await Self.evicted(client, "intolerant") })
            #expect(try await !Self.evicted(client, "tolerant"))
        }
    }

    @Test func newPodsGetDefaultTolerationsForNotReadyAndUnreachable() async throws {
        try await ControllerTestCluster.with { cluster in
            let plain = try await cluster.client.create(ObjectFixtures.pod("plain", labels: ["a": "b"]))
            let tolerations = plain.tolerations
            #expect(tolerations.count == 2)
            #expect(Set(tolerations.map(\.key)) == [NodeTaint.notReady, NodeTaint.unreachable])
            #expect(tolerations.allSatisfy { $0.tolerationSeconds == 300 && $0.effect == "NoExecute" && $0.op == "Exists" })

            let own = try await cluster.client.create(Self.pod("own", on: "n1", tolerations: [Self.toleration(NodeTaint.notReady, seconds: 5)]))
            #expect(own.tolerations.map(\.tolerationSeconds) == [5, 300])
            #expect(own.tolerations.map(\.key) == [NodeTaint.notReady, NodeTaint.unreachable])
        }
    }
}

@Suite struct NodeTaintRulesTests {
    static func taint(_ key: String, _ value: String = "", _ effect: String = "NoExecute", added: String? = nil) -> NodeTaint {
        NodeTaint(key: key, value: value, effect: effect, timeAdded: added)
    }

    static func toleration(_ json: JSONValue) -> PodToleration { PodToleration(json: json) }

    @Test(arguments: [
        (toleration: ["key": "k", "operator": "Exists"], taint: "k=v:NoExecute", tolerates: true),
        (toleration: ["key": "k", "value": "v"], taint: "k=v:NoExecute", tolerates: true),
        (toleration: ["key": "k", "value": "w"], taint: "k=v:NoExecute", tolerates: false),
        (toleration: ["operator": "Exists"], taint: "any=v:NoSchedule", tolerates: true),
        (toleration: ["key": "k", "operator": "Exists", "effect": "NoSchedule"], taint: "k=v:NoExecute", tolerates: false),
        (toleration: ["key": "other", "operator": "Exists"], taint: "k=v:NoExecute", tolerates: false),
    ])
    func tolerationsMatchTaintsByKeyOperatorValueAndEffect(toleration: [String: String], taint: String, tolerates: Bool) {
        let kv = taint.split(separator: ":")[0].split(separator: "=")
        let t = NodeTaint(key: String(kv[0]), value: String(kv[1]), effect: String(taint.split(separator: ":")[1]))
        #expect(PodToleration(json: .stringMap(toleration)).tolerates(t) == tolerates)
    }

    @Test func evictionWaitsForTheShortestMatchingTolerationFromTimeAdded() {
        let added = "2030-01-01T00:00:00Z"
        let base = APITimestamp.parse(added)!
        let unreachable = Self.taint(NodeTaint.unreachable, added: added)
        let t = { (seconds: Int64?) -> JSONValue in
            var j: JSONValue = ["key": .string(NodeTaint.unreachable), "operator": "Exists", "effect": "NoExecute"]
            if let seconds { j["tolerationSeconds"] = .int(seconds) }
            return j
        }
        let cases: [([JSONValue], TaintEvictionController.EvictionTime)] = [
            ([], .now),
            ([t(nil)], .never),
            ([t(30)], .at(base.addingTimeInterval(30))),
            ([t(30), t(10)], .at(base.addingTimeInterval(10))),
            ([t(-5)], .at(base)),
        ]
        for (tolerations, expected) in cases {
            #expect(TaintEvictionController.evictionTime(tolerations: tolerations.map(PodToleration.init(json:)),
                                                         taints: [unreachable]) == expected)
        }
        // A second taint the pod does not tolerate makes the eviction immediate.
        #expect(TaintEvictionController.evictionTime(tolerations: [PodToleration(json: t(30))],
                                                     taints: [unreachable, Self.taint("other")]) == .now)
    }

    @Test(arguments: [
        (ready: "True", pressure: false, expected: [String]()),
        (ready: "False", pressure: false, expected: ["node.kubernetes.io/not-ready:NoExecute", "node.kubernetes.io/not-ready:NoSchedule"]),
        (ready: "Unknown", pressure: false, expected: ["node.kubernetes.io/unreachable:NoExecute", "node.kubernetes.io/unreachable:NoSchedule"]),
        (ready: "True", pressure: true, expected: ["node.kubernetes.io/memory-pressure:NoSchedule"]),
    ])
    func conditionsDecideTheManagedTaints(ready: String, pressure: Bool, expected: [String]) {
        var node = Node(name: "n")
        node.json.set(["spec", "taints"], to: [["key": "user/keep", "effect": "NoSchedule"],
                                              ["key": "node.kubernetes.io/not-ready", "effect": "NoExecute"]])
        node.json.set(["status", "conditions"], to: [["type": "Ready", "status": .string(ready)],
                                                    ["type": "MemoryPressure", "status": pressure ? "True" : "False"]])
        let taints = ConditionTaints.reconciled(node, now: Date()) ?? node.taints
        #expect(taints.contains { $0.key == "user/keep" })
        #expect(taints.filter { $0.key != "user/keep" }.map { "\($0.key):\($0.effect)" }.sorted() == expected)
    }
}
