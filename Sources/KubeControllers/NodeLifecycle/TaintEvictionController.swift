import Foundation
import KubeAPI
import KubeClient
import KubeMachinery
import Logging
import Synchronization

/// Evicts pods from nodes with NoExecute taints they do not tolerate
/// (`--controllers=taint-eviction-controller`, upstream's NoExecuteTaintManager). A pod that
/// tolerates none of them is deleted at once; one that tolerates them all, some only for
/// `tolerationSeconds`, is deleted when the first of those runs out, counted from the
/// taint's `timeAdded`; one that tolerates them all forever stays. Before deleting, the pod
/// gets a `DisruptionTarget` condition and a `TaintManagerEviction` event. Work is keyed by
/// pod `namespace/name`.
public final class TaintEvictionController: Controller {
    public static let name = "taint-eviction-controller"
    public let queue: WorkQueue<String>
    let client: KubeClient
    let nodes: Lister<Node>
    let pods: Lister<Pod>
    let recorder: EventRecorder
    let logger: Logger
    /// Pods with an eviction scheduled, to record the cancellation if the taint goes first.
    private let scheduled = Mutex<Set<String>>([])
    private let informersSynced: @Sendable () async -> Bool

    public init(context: ControllerContext) throws {
        client = context.client
        queue = WorkQueue(name: Self.name)
        recorder = context.makeRecorder("taint-eviction-controller")
        var logger = context.logger
        logger[metadataKey: "controller"] = "\(Self.name)"
        self.logger = logger
        let nodeInformer = context.informers.informer(Node.self)
        let podInformer = context.informers.informer(Pod.self)
        PodsByNode.ensureIndex(on: podInformer)
        nodes = nodeInformer.lister(Node.self)
        let pods = podInformer.lister(Pod.self)
        self.pods = pods
        informersSynced = {
            let nodes = await nodeInformer.waitForSync(), pods = await podInformer.waitForSync()
            return nodes && pods
        }

        let queue = self.queue
        // A node's NoExecute taints changing affects all its pods.
        nodeInformer.addEventHandler(ResourceEventHandler(
            onAdd: { n, _ in Self.enqueuePods(of: n, pods, queue) },
            onUpdate: { old, new in
                guard Self.noExecuteTaints(old) != Self.noExecuteTaints(new) else { return }
                Self.enqueuePods(of: new, pods, queue)
            }))
        podInformer.addEventHandler(ResourceEventHandler(
            onAdd: { p, _ in if p["spec"]?["nodeName"] != nil { queue.add(Indexer.key(of: p)) } },
            onUpdate: { old, new in
                guard old["spec"]?["nodeName"] != new["spec"]?["nodeName"]
                    || old["spec"]?["tolerations"] != new["spec"]?["tolerations"] else { return }
                queue.add(Indexer.key(of: new))
            }))
    }

    public func run(workers: Int) async {
        guard await informersSynced() else { return }
        await withTaskCancellationHandler {
            await queue.runWorkers(count: workers, logger: logger) { await self.sync(pod: $0) }
        } onCancel: {
            queue.shutDown()
        }
    }

    /// Decides about one pod: nothing, delete now, or look again when its toleration runs out.
    public func sync(pod key: String) async -> ReconcileResult {
        let (namespace, name) = ControllerKeys.split(key)
        guard let pod = pods.get(namespace: namespace, name: name), !pod.isBeingDeleted, !pod.nodeName.isEmpty,
              let node = nodes.get(name: pod.nodeName) else {
            scheduled.withLock { _ = $0.remove(key) }
            return .done
        }
        let taints = node.taints.filter { $0.effect == "NoExecute" }
        switch Self.evictionTime(tolerations: pod.tolerations, taints: taints) {
        case .never:
            if scheduled.withLock({ $0.remove(key) }) != nil {
                recorder.event(regarding: pod, type: .normal, reason: "TaintManagerEviction", message: "Cancelling deletion of Pod \(key)")
            }
            return .done
        case .at(let when) where when > Date():
            scheduled.withLock { _ = $0.insert(key) }
            return .requeueAfter(.milliseconds(Int64((when.timeIntervalSinceNow * 1000).rounded(.up)) + 10))
        case .at, .now:
            return await evict(pod, key: key)
        }
    }

    private func evict(_ pod: Pod, key: String) async -> ReconcileResult {
        scheduled.withLock { _ = $0.remove(key) }
        recorder.event(regarding: pod, type: .normal, reason: "TaintManagerEviction", message: "Marking for deletion Pod \(key)")
        let condition: JSONValue = [
            "type": "DisruptionTarget", "status": "True", "reason": "DeletionByTaintManager",
            "message": "Taint manager: deleting due to NoExecute taint", "lastTransitionTime": .string(APITimestamp.time(Date())),
        ]
        do {
            _ = try await client.patch(Pod.resource, namespace: pod.namespace, name: pod.name, .strategicMerge,
                                       ["status": ["conditions": [condition]]], subresource: "status")
            try await client.delete(Pod.self, namespace: pod.namespace, name: pod.name,
                                    options: DeleteOptions(preconditionUID: pod.uid))
            logger.info("evicted pod", metadata: ["pod": "\(key)", "node": "\(pod.nodeName)"])
            return .done
        } catch let e as APIError where e.isNotFound || e.isConflict {
            // Gone, or replaced by a pod of the same name: nothing of ours left to evict.
            return .done
        } catch {
            return .error(error)
        }
    }

    enum EvictionTime: Equatable {
        case never
        case now
        case at(Date)
    }

    /// When a pod with these tolerations must leave a node with these NoExecute taints.
    static func evictionTime(tolerations: [PodToleration], taints: [NodeTaint]) -> EvictionTime {
        var deadline: Date?
        for taint in taints {
            let matching = tolerations.filter { $0.tolerates(taint) }
            guard !matching.isEmpty else { return .now }
            // As upstream, the shortest limit among the matching tolerations decides; matching
            // tolerations without a limit tolerate the taint for good.
            guard let limit = matching.compactMap(\.tolerationSeconds).min() else { continue }
            let seconds = max(0, limit)
            let added = taint.timeAdded.flatMap(APITimestamp.parse) ?? Date()
            let due = added.addingTimeInterval(TimeInterval(seconds))
            deadline = min(deadline ?? due, due)
        }
        return deadline.map(EvictionTime.at) ?? .never
    }

    static func noExecuteTaints(_ node: JSONValue) -> [JSONValue] {
        (node["spec"]?["taints"]?.arrayValue ?? []).filter { $0["effect"]?.stringValue == "NoExecute" }
    }

    static func enqueuePods(of node: JSONValue, _ pods: Lister<Pod>, _ queue: WorkQueue<String>) {
        guard let name = node["metadata"]?["name"]?.stringValue else { return }
        for pod in PodsByNode.pods(on: name, in: pods) { queue.add(pod.key) }
    }
}
