import Foundation
import KubeAPI
import KubeClient
import KubeMachinery
import Logging

/// Watches node health (`--controllers=nodelifecycle`). A node whose kubelet has neither
/// renewed its Lease in `kube-node-lease` nor posted a Ready heartbeat for
/// `nodeMonitorGracePeriod` gets its Ready and pressure conditions set to Unknown; when a
/// node stops being Ready its pods are marked not ready and a `NodeNotReady` event is
/// recorded. Taints follow the Ready condition: `not-ready` / `unreachable` with effect
/// NoExecute (acted on by `TaintEvictionController`) and NoSchedule, plus the NoSchedule
/// taints of the pressure conditions and `spec.unschedulable` (TaintNodesByCondition).
///
/// Not done (upstream has them): zone disruption states and the rate-limited eviction
/// queues that go with them; the NoExecute taints are applied to every unhealthy node at once.
public struct NodeLifecycleController: Controller {
    public static let name = "nodelifecycle"
    public static let leaseNamespace = "kube-node-lease"
    public let queue: WorkQueue<String>
    let client: KubeClient
    let nodes: Lister<Node>
    let leases: Lister<Lease>
    let pods: Lister<Pod>
    let options: ControllerOptions
    let recorder: EventRecorder
    let health = NodeHealthTracker()
    let logger: Logger
    private let informersSynced: @Sendable () async -> Bool

    public init(context: ControllerContext) throws {
        client = context.client
        options = context.options
        queue = WorkQueue(name: Self.name)
        recorder = context.makeRecorder("node-controller")
        var logger = context.logger
        logger[metadataKey: "controller"] = "\(Self.name)"
        self.logger = logger
        let nodeInformer = context.informers.informer(Node.self)
        let leaseInformer = context.informers.informer(Lease.self, namespace: Self.leaseNamespace)
        let podInformer = context.informers.informer(Pod.self)
        PodsByNode.ensureIndex(on: podInformer)
        nodes = nodeInformer.lister(Node.self)
        leases = leaseInformer.lister(Lease.self)
        pods = podInformer.lister(Pod.self)
        informersSynced = {
            let nodes = await nodeInformer.waitForSync(), leases = await leaseInformer.waitForSync()
            let pods = await podInformer.waitForSync()
            return nodes && leases && pods
        }

        let queue = self.queue
        let health = self.health
        nodeInformer.addEventHandler(ResourceEventHandler(
            onAdd: { n, _ in queue.add(Indexer.key(of: n)) },
            onUpdate: { _, n in queue.add(Indexer.key(of: n)) },
            onDelete: { n in health.forget(node: Indexer.key(of: n)) }))
        // A Lease is named after its node.
        leaseInformer.addEventHandler(ResourceEventHandler(
            onAdd: { l, _ in queue.add(l["metadata"]?["name"]?.stringValue ?? "") },
            onUpdate: { _, l in queue.add(l["metadata"]?["name"]?.stringValue ?? "") }))
    }

    public func run(workers: Int) async {
        guard await informersSynced() else { return }
        await withTaskCancellationHandler {
            await withTaskGroup(of: Void.self) { group in
                group.addTask { await queue.runWorkers(count: workers, logger: logger) { await self.sync(node: $0) } }
                group.addTask { await self.monitorPeriodically() }
            }
        } onCancel: {
            queue.shutDown()
        }
    }

    /// Every `nodeMonitorPeriod`, every node is checked: silence shows only with time.
    func monitorPeriodically() async {
        while !Task.isCancelled && !queue.isShuttingDown {
            for node in nodes.list() { queue.add(node.name) }
            do { try await Task.sleep(for: options.nodeMonitorPeriod) } catch { return }
        }
    }

    /// Checks one node's health and brings its conditions, taints and pods in line.
    public func sync(node name: String) async -> ReconcileResult {
        guard var node = nodes.get(name: name) else { return .done }
        let now = ContinuousClock.now
        let heartbeat = node.condition("Ready")?["lastHeartbeatTime"]?.stringValue
        let renew = leases.get(namespace: Self.leaseNamespace, name: name)?.json["spec"]?["renewTime"]?.stringValue
        let lastHeard = health.observe(node: name, heartbeat: heartbeat, leaseRenew: renew, now: now)
        do {
            if now - lastHeard > options.nodeMonitorGracePeriod, let unknown = NodeConditionsUnknown.apply(to: node, now: Date()) {
                logger.info("node stopped posting status", metadata: ["node": "\(name)"])
                node = try await client.updateStatus(unknown)
            }
            let ready = node.readyStatus
            if health.lastReady(node: name) == "True" && ready != "True" {
                recorder.event(regarding: node, type: .normal, reason: "NodeNotReady", message: "Node \(name) status is now: NodeNotReady")
                try await markPodsNotReady(node: name)
            }
            if let taints = ConditionTaints.reconciled(node, now: Date()) {
                var updated = node
                updated.json.set(["spec", "taints"], to: taints.isEmpty ? nil : .array(taints.map(\.json)))
                _ = try await client.update(updated)
            }
            health.setReady(node: name, ready)
            return .done
        } catch let e as APIError where e.isNotFound {
            return .done
        } catch {
            // A conflict means the cache is behind the kubelet's latest write: look again.
            return .error(error)
        }
    }

    /// Sets the Ready condition of every ready pod on the node to False (upstream's
    /// `MarkPodsNotReady`), so Services stop sending traffic to a node that went silent.
    func markPodsNotReady(node: String) async throws {
        let stamp = APITimestamp.time(Date())
        for pod in PodsByNode.pods(on: node, in: pods) where pod.isReady && pod.phase != "Succeeded" && pod.phase != "Failed" {
            var conditions = pod.json["status"]?["conditions"]?.arrayValue ?? []
            for i in conditions.indices where conditions[i]["type"]?.stringValue == "Ready" {
                conditions[i]["status"] = "False"
                conditions[i]["lastTransitionTime"] = .string(stamp)
            }
            var updated = pod
            updated.json.set(["status", "conditions"], to: .array(conditions))
            do {
                _ = try await client.updateStatus(updated)
            } catch let e as APIError where e.isNotFound {
                continue
            } catch {
                logger.warning("failed to mark pod not ready", metadata: ["pod": "\(pod.key)", "error": "\(error)"])
            }
        }
    }
}

/// The conditions a silent node gets (upstream's `tryUpdateNodeHealth`).
enum NodeConditionsUnknown {
    static let types = ["Ready", "MemoryPressure", "DiskPressure", "PIDPressure"]

    /// The node with those conditions Unknown; nil when they already are.
    static func apply(to node: Node, now: Date) -> Node? {
        var conditions = node.conditions
        var changed = false
        let stamp = APITimestamp.time(now)
        for type in types {
            if let i = conditions.firstIndex(where: { $0["type"]?.stringValue == type }) {
                guard conditions[i]["status"]?.stringValue != "Unknown" else { continue }
                conditions[i]["status"] = "Unknown"
                conditions[i]["reason"] = "NodeStatusUnknown"
                conditions[i]["message"] = "Kubelet stopped posting node status."
                conditions[i]["lastTransitionTime"] = .string(stamp)
            } else {
                conditions.append(["type": .string(type), "status": "Unknown", "reason": "NodeStatusNeverUpdated",
                                   "message": "Kubelet never posted node status.",
                                   "lastHeartbeatTime": .string(node.creationTimestamp ?? stamp), "lastTransitionTime": .string(stamp)])
            }
            changed = true
        }
        guard changed else { return nil }
        var updated = node
        updated.json.set(["status", "conditions"], to: .array(conditions))
        return updated
    }
}

/// Pods by `spec.nodeName`, through an index on the shared pod informer.
enum PodsByNode {
    static let index = "spec.nodeName"

    /// Adds the index unless another component already did (redefining one traps).
    static func ensureIndex(on informer: SharedInformer) {
        if !informer.indexer.indexNames.contains(index) { informer.addIndexers([index: IndexFunctions.podNodeName]) }
    }

    static func pods(on node: String, in lister: Lister<Pod>) -> [Pod] { lister.byIndex(index, node) }
}
