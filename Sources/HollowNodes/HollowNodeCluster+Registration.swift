import KubeAPI
import KubeClient
import KubeMachinery

extension HollowNodeCluster {
    /// Registers every node (adopting nodes of the same name that already exist), posts their
    /// status, and creates their Leases. When it returns, every node is Ready.
    public func start() async throws {
        do {
            _ = try await client.create(Namespace.resource, namespace: nil,
                                        ["apiVersion": "v1", "kind": "Namespace", "metadata": ["name": .string(HollowNodeTemplate.leaseNamespace)]])
        } catch let e as APIError where e.isAlreadyExists {}
        try await forEachConcurrently(0..<options.count, limit: options.maxConcurrentWrites) { i in
            try await self.register(i)
        }
    }

    /// Creates or adopts node `index`, then its Lease.
    func register(_ index: Int) async throws {
        let name = options.nodeName(index)
        let now = APITime.seconds()
        var stored: JSONValue
        var needsStatus: Bool
        do {
            stored = try await client.create(Node.resource, namespace: nil, template.node(index: index, now: now))
            // Some servers drop status on create; the kubelet then posts it separately.
            needsStatus = stored[path: ["status", "conditions"]] == nil
        } catch let e as APIError where e.isAlreadyExists {
            // A node of this name exists (an earlier run): take it over with our labels and taints.
            let desired = template.node(index: index, now: now)
            let patch: JSONValue = [
                "metadata": ["labels": desired[path: ["metadata", "labels"]] ?? [:],
                             "annotations": desired[path: ["metadata", "annotations"]] ?? [:]],
                "spec": ["taints": options.taints.isEmpty ? .null : template.taintsJSON, "unschedulable": .null],
            ]
            stored = try await client.patch(Node.resource, namespace: nil, name: name, .merge, patch)
            needsStatus = true
        }
        if needsStatus {
            let status = template.status(index: index, heartbeat: now, readySince: table.readySince(index))
            _ = try await client.patch(Node.resource, namespace: nil, name: name, .merge, ["status": status], subresource: "status")
        }
        let uid = stored[path: ["metadata", "uid"]]?.stringValue ?? ""
        table.registered(index, uid: uid, podCIDR: stored[path: ["spec", "podCIDR"]]?.stringValue)
        try await ensureLease(index, nodeUID: uid)
    }

    /// Creates the node's Lease, or takes over an existing one.
    func ensureLease(_ index: Int, nodeUID: String) async throws {
        let lease = template.lease(index: index, nodeUID: nodeUID, renewTime: APITime.micro())
        do {
            _ = try await client.create(Lease.resource, namespace: HollowNodeTemplate.leaseNamespace, lease)
        } catch let e as APIError where e.isAlreadyExists {
            let patch: JSONValue = ["metadata": ["ownerReferences": lease[path: ["metadata", "ownerReferences"]] ?? .null],
                                    "spec": lease["spec"] ?? [:]]
            _ = try await client.patch(Lease.resource, namespace: HollowNodeTemplate.leaseNamespace,
                                       name: options.nodeName(index), .merge, patch)
        }
    }

    /// The heartbeat loop: renews due Leases and re-posts due node statuses, sleeping until the
    /// next one is due (at most half a second, so that pause and resume take effect promptly).
    func runHeartbeats() async {
        let clock = ContinuousClock()
        while !Task.isCancelled {
            let (leases, statuses, wake) = table.takeDue(now: clock.now)
            try? await forEachConcurrently(leases, limit: options.maxConcurrentWrites) { i in await self.renewLease(i) }
            try? await forEachConcurrently(statuses, limit: options.maxConcurrentWrites) { i in await self.postStatus(i) }
            let pause = min(max(wake - clock.now, .milliseconds(1)), .milliseconds(500))
            try? await Task.sleep(for: pause)
        }
    }

    func renewLease(_ index: Int) async {
        let name = options.nodeName(index)
        let patch: JSONValue = ["spec": ["holderIdentity": .string(name), "renewTime": .string(APITime.micro())]]
        do {
            _ = try await client.patch(Lease.resource, namespace: HollowNodeTemplate.leaseNamespace, name: name, .merge, patch)
            counterSet.leaseRenewals.add(1, ordering: .relaxed)
        } catch {
            counterSet.failedWrites.add(1, ordering: .relaxed)
            // Someone deleted the Lease: the kubelet recreates it.
            if (error as? APIError)?.isNotFound == true {
                try? await ensureLease(index, nodeUID: table.uid(index))
            }
        }
    }

    func postStatus(_ index: Int) async {
        let name = options.nodeName(index)
        let conditions = template.conditions(heartbeat: APITime.seconds(), readySince: table.readySince(index))
        do {
            _ = try await client.patch(Node.resource, namespace: nil, name: name, .merge, ["status": ["conditions": conditions]],
                                       subresource: "status")
            counterSet.nodeStatusWrites.add(1, ordering: .relaxed)
        } catch {
            counterSet.failedWrites.add(1, ordering: .relaxed)
            // The Node was deleted: a kubelet registers it again.
            if (error as? APIError)?.isNotFound == true { try? await register(index) }
        }
    }
}
