import HollowNodes
import KubeAPI
import KubeClient
import KubeMachinery
import Testing

@Suite struct HollowNodeClusterTests {
    @Test func twentyNodesRegisterReadyWithLeasesOwnedByTheirNodes() async throws {
        let options = HollowNodeOptions(count: 20, zones: ["zone-a", "zone-b", "zone-c"],
                                        taints: [Taint(key: "hollow", value: "true", effect: .noSchedule)])
        try await HollowNodeFixture.with(options) { f in
            let nodes = try await f.client.list(Node.self).items
            #expect(nodes.count == 20)
            let byName = Dictionary(uniqueKeysWithValues: nodes.map { ($0.name, $0.json) })
            var internalIPs = Set<String>()
            for (i, name) in f.nodes.nodeNames.enumerated() {
                let node = try #require(byName[name], "node \(name) registered")
                let ready = node.condition("Ready")
                #expect(ready?["status"]?.stringValue == "True")
                #expect(ready?["reason"]?.stringValue == "KubeletReady")
                #expect(ready?["message"]?.stringValue == "kubelet is posting ready status")
                for pressure in ["MemoryPressure", "DiskPressure", "PIDPressure"] {
                    #expect(node.condition(pressure)?["status"]?.stringValue == "False", "\(pressure) on \(name)")
                }
                #expect(node[path: ["status", "capacity", "cpu"]]?.stringValue == "4")
                #expect(node[path: ["status", "allocatable", "pods"]]?.stringValue == "110")
                #expect(node[path: ["status", "nodeInfo", "kubeletVersion"]]?.stringValue == "v1.33.0-bosun-hollow")
                #expect(node[path: ["status", "nodeInfo", "containerRuntimeVersion"]]?.stringValue == "hollow://1.0")
                #expect(node[path: ["metadata", "labels", "kubernetes.io/hostname"]]?.stringValue == name)
                #expect(node[path: ["metadata", "labels", "topology.kubernetes.io/zone"]]?.stringValue == ["zone-a", "zone-b", "zone-c"][i % 3])
                #expect(node[path: ["spec", "taints"]]?.arrayValue?.first?["effect"]?.stringValue == "NoSchedule")
                let addresses = node[path: ["status", "addresses"]]?.arrayValue ?? []
                let ip = addresses.first { $0["type"]?.stringValue == "InternalIP" }?["address"]?.stringValue
                internalIPs.insert(try #require(ip))

                let lease = try await f.client.get(Lease.self, namespace: "kube-node-lease", name: name)
                #expect(lease.json[path: ["spec", "holderIdentity"]]?.stringValue == name)
                #expect(lease.json[path: ["spec", "leaseDurationSeconds"]]?.intValue == 40)
                #expect(lease.json[path: ["spec", "renewTime"]]?.stringValue?.isEmpty == false)
                let owner = lease.ownerReferences.first
                #expect(owner?.kind == "Node")
                #expect(owner?.name == name)
                #expect(owner?.uid == node[path: ["metadata", "uid"]]?.stringValue)
            }
            #expect(internalIPs.count == 20, "every node has its own InternalIP")
        }
    }

    @Test func startingAgainAdoptsExistingNodesAndLeases() async throws {
        try await HollowNodeFixture.with(HollowNodeOptions(count: 3)) { f in
            let again = HollowNodeCluster(client: f.client, options: HollowNodeOptions(count: 3, labels: ["pool": "second"]))
            try await again.start()
            let node = try await f.client.get(Node.self, name: "hollow-node-1")
            #expect(node.labels["pool"] == "second")
            #expect(node.json.condition("Ready")?["status"]?.stringValue == "True")
        }
    }

    @Test func aBoundPodBecomesRunningAndReadyWithAPodIP() async throws {
        try await HollowNodeFixture.with(HollowNodeOptions(count: 4)) { f in
            _ = try await f.client.create(Pod(json: podObject("web")))
            _ = try await f.client.create(Pod(json: podObject("web-2")))
            try await bind(f.client, pod: "web", to: "hollow-node-2")
            try await bind(f.client, pod: "web-2", to: "hollow-node-2")
            var seen: [JSONValue] = []
            let running = await eventually {
                seen = try await ["web", "web-2"].asyncMap { try await f.client.get(Pod.self, namespace: "default", name: $0).json }
                return seen.allSatisfy { $0[path: ["status", "phase"]]?.stringValue == "Running" }
            }
            #expect(running, "pods reach Running: \(seen.map { $0["status"] ?? .null })")
            for pod in seen {
                #expect(pod.condition("Ready")?["status"]?.stringValue == "True")
                #expect(pod.condition("ContainersReady")?["status"]?.stringValue == "True")
                #expect(pod.condition("PodScheduled")?["status"]?.stringValue == "True")
                #expect(pod[path: ["status", "hostIP"]]?.stringValue == "10.128.0.3")
                #expect(pod[path: ["status", "podIP"]]?.stringValue?.hasPrefix("10.244.2.") == true)
                let container = pod[path: ["status", "containerStatuses"]]?.arrayValue?.first
                #expect(container?["ready"]?.boolValue == true)
                #expect(container?["started"]?.boolValue == true)
                #expect(container?[path: ["state", "running", "startedAt"]]?.stringValue != nil)
                #expect(container?["containerID"]?.stringValue?.hasPrefix("hollow://") == true)
            }
            #expect(seen[0][path: ["status", "podIP"]] != seen[1][path: ["status", "podIP"]], "pod IPs are unique on a node")
            #expect(f.nodes.counters.podStatusWrites == 2, "one status write per pod start")
        }
    }

    @Test func deletingARunningPodGracefullyMakesItDisappear() async throws {
        try await HollowNodeFixture.with(HollowNodeOptions(count: 2)) { f in
            _ = try await f.client.create(Pod(json: podObject("web")))
            try await bind(f.client, pod: "web", to: "hollow-node-0")
            #expect(await eventually {
                try await f.client.get(Pod.self, namespace: "default", name: "web").json[path: ["status", "phase"]]?.stringValue == "Running"
            })
            // A graceful delete only marks the pod; the node's kubelet finishes it.
            let answer = try await f.client.delete(Pod.resource, namespace: "default", name: "web")
            #expect(answer[path: ["metadata", "deletionTimestamp"]] != nil)
            let gone = await eventually {
                do {
                    _ = try await f.client.get(Pod.self, namespace: "default", name: "web")
                    return false
                } catch let e as APIError {
                    return e.isNotFound
                }
            }
            #expect(gone)
            // The counter moves when the delete call returns, which may be just after the pod is gone.
            #expect(await eventually { f.nodes.counters.podDeletes == 1 })
        }
    }

    @Test func aPodAskingToRunBrieflySucceeds() async throws {
        try await HollowNodeFixture.with(HollowNodeOptions(count: 1)) { f in
            let pod = podObject("job-pod", restartPolicy: "Never", annotations: ["hollow.bosun.dev/run-seconds": "0"])
            _ = try await f.client.create(Pod(json: pod))
            try await bind(f.client, pod: "job-pod", to: "hollow-node-0")
            #expect(await eventually {
                try await f.client.get(Pod.self, namespace: "default", name: "job-pod").json[path: ["status", "phase"]]?.stringValue == "Succeeded"
            })
        }
    }

    @Test func aPausedNodeStopsRenewingItsLeaseWhileOthersContinue() async throws {
        let options = HollowNodeOptions(count: 3, renewInterval: .milliseconds(100))
        try await HollowNodeFixture.with(options) { f in
            func renewTime(_ node: String) async throws -> String {
                try await f.client.get(Lease.self, namespace: "kube-node-lease", name: node).json[path: ["spec", "renewTime"]]?.stringValue ?? ""
            }
            f.nodes.pauseHeartbeat(node: "hollow-node-1")
            // Let any renewal already in flight land before taking the reference time.
            try await Task.sleep(for: .milliseconds(150))
            let pausedBefore = try await renewTime("hollow-node-1")
            let otherBefore = try await renewTime("hollow-node-0")
            #expect(await eventually { try await renewTime("hollow-node-0") > otherBefore }, "a running node keeps renewing")
            #expect(await eventually { try await renewTime("hollow-node-2") > otherBefore })
            try await Task.sleep(for: .milliseconds(300))
            #expect(try await renewTime("hollow-node-1") == pausedBefore, "a paused node's Lease goes stale")

            f.nodes.resumeHeartbeat(node: "hollow-node-1")
            #expect(await eventually { try await renewTime("hollow-node-1") > pausedBefore }, "resuming renews again")
            #expect(f.nodes.counters.leaseRenewals > 0)
        }
    }

    @Test(arguments: [
        ("key=value:NoSchedule", Taint(key: "key", value: "value", effect: .noSchedule)),
        ("dedicated:NoExecute", Taint(key: "dedicated", effect: .noExecute)),
        ("a=b:PreferNoSchedule", Taint(key: "a", value: "b", effect: .preferNoSchedule)),
    ])
    func taintsParseFromKubectlSyntax(_ text: String, _ expected: Taint) {
        #expect(Taint(parsing: text) == expected)
    }

    @Test(arguments: ["key=value", "key=value:Sometimes", ":NoSchedule"])
    func malformedTaintsAreRejected(_ text: String) {
        #expect(Taint(parsing: text) == nil)
    }
}

extension Array {
    func asyncMap<T>(_ transform: (Element) async throws -> T) async rethrows -> [T] {
        var out: [T] = []
        for e in self { out.append(try await transform(e)) }
        return out
    }
}
