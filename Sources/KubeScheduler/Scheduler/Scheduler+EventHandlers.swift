import KubeAPI
import KubeClient
import KubeMachinery

extension Scheduler {
    /// Wires informers to the cache and the queue, as upstream's addAllEventHandlers:
    /// assigned pods feed the cache, unassigned pods of our profiles feed the queue, and changes
    /// that may make parked pods fit move them back.
    func registerEventHandlers(_ factory: SharedInformerFactory) {
        _ = factory.informer(for: Pod.resource).addEventHandler(ResourceEventHandler(
            onAdd: { [weak self] o, _ in self?.onPodAdd(PodInfo(json: o)) },
            onUpdate: { [weak self] old, new in self?.onPodUpdate(old: PodInfo(json: old), new: PodInfo(json: new)) },
            onDelete: { [weak self] o in self?.onPodDelete(PodInfo(json: o)) }))
        _ = factory.informer(for: Node.resource).addEventHandler(ResourceEventHandler(
            onAdd: { [weak self] o, _ in self?.onNodeAdd(Node(json: o)) },
            onUpdate: { [weak self] old, new in self?.onNodeUpdate(old: Node(json: old), new: Node(json: new)) },
            onDelete: { [weak self] o in self?.onNodeDelete(Node(json: o)) }))
        _ = factory.informer(for: Namespace.resource).addEventHandler(ResourceEventHandler(
            onAdd: { [weak self] _, initial in if !initial { self?.queue.moveAllToActiveOrBackoffQueue(ClusterEvent(.namespace, .add)) } },
            onUpdate: { [weak self] old, new in
                if old["metadata"]?["labels"] != new["metadata"]?["labels"] {
                    self?.queue.moveAllToActiveOrBackoffQueue(ClusterEvent(.namespace, .updateOther))
                }
            }))
        // Listers only: read by plugins through the framework handle.
        for r in [PodDisruptionBudget.resource, Service.resource, ReplicationController.resource, ReplicaSet.resource, StatefulSet.resource] {
            _ = factory.informer(for: r)
        }
    }

    static func isTerminal(_ pod: PodInfo) -> Bool {
        let phase = pod.pod.json["status"]?["phase"]?.stringValue
        return phase == "Succeeded" || phase == "Failed"
    }

    // MARK: Pods

    public func onPodAdd(_ pod: PodInfo) {
        if Self.isTerminal(pod) { return }
        if !pod.nodeName.isEmpty {
            cache.addPod(pod)
            queue.moveAllToActiveOrBackoffQueue(ClusterEvent(.assignedPod, .add))
        } else if isResponsible(for: pod) {
            queue.add(pod)
        }
    }

    public func onPodUpdate(old: PodInfo, new: PodInfo) {
        if !old.nodeName.isEmpty {
            if Self.isTerminal(new) {
                cache.removePod(old)
                queue.moveAllToActiveOrBackoffQueue(ClusterEvent(.assignedPod, .delete))
            } else {
                cache.updatePod(old: old, new: new)
                let action: ClusterEvent.Action = old.labels != new.labels ? .updatePodLabel : .updateOther
                queue.moveAllToActiveOrBackoffQueue(ClusterEvent(.assignedPod, action))
            }
            return
        }
        if !new.nodeName.isEmpty {
            // Just bound (by us or someone else): leaves the queue, enters the cache (confirming our assumption).
            queue.delete(old)
            if !Self.isTerminal(new) {
                cache.addPod(new)
                queue.moveAllToActiveOrBackoffQueue(ClusterEvent(.assignedPod, .add))
            }
            return
        }
        guard isResponsible(for: new) else {
            if isResponsible(for: old) { queue.delete(old) }
            return
        }
        if Self.isTerminal(new) {
            queue.delete(new)
        } else {
            queue.update(old: old, new: new)
        }
    }

    public func onPodDelete(_ pod: PodInfo) {
        if !pod.nodeName.isEmpty {
            cache.removePod(pod)
            queue.moveAllToActiveOrBackoffQueue(ClusterEvent(.assignedPod, .delete))
            return
        }
        queue.delete(pod)
        // A pod held at Permit will never bind now.
        for f in frameworks.values {
            f.waitingPods.get(pod.queueKey)?.reject(plugin: "", message: "pod \(pod.key) was deleted")
        }
    }

    // MARK: Nodes

    public func onNodeAdd(_ node: Node) {
        cache.addNode(node)
        queue.moveAllToActiveOrBackoffQueue(ClusterEvent(.node, .add))
    }

    /// Only changes a plugin could care about move pods: heartbeats alone do not.
    public func onNodeUpdate(old: Node, new: Node) {
        cache.updateNode(new)
        let action = Self.nodeChange(old: old, new: new)
        if !action.isEmpty { queue.moveAllToActiveOrBackoffQueue(ClusterEvent(.node, action)) }
    }

    public func onNodeDelete(_ node: Node) {
        cache.removeNode(node)
        queue.moveAllToActiveOrBackoffQueue(ClusterEvent(.node, .delete))
    }

    static func nodeChange(old: Node, new: Node) -> ClusterEvent.Action {
        var a: ClusterEvent.Action = []
        if old.labels != new.labels { a.insert(.updateNodeLabel) }
        if old.json["spec"]?["taints"] != new.json["spec"]?["taints"] { a.insert(.updateNodeTaint) }
        if old.json["spec"]?["unschedulable"] != new.json["spec"]?["unschedulable"] { a.formUnion([.updateNodeTaint, .updateNodeCondition]) }
        if old.json["status"]?["allocatable"] != new.json["status"]?["allocatable"] { a.insert(.updateNodeAllocatable) }
        let conditions: (Node) -> [String: String] = { n in
            var out: [String: String] = [:]
            for c in n.json["status"]?["conditions"]?.arrayValue ?? [] {
                if let t = c["type"]?.stringValue { out[t] = c["status"]?.stringValue ?? "" }
            }
            return out
        }
        if conditions(old) != conditions(new) { a.insert(.updateNodeCondition) }
        return a
    }
}
