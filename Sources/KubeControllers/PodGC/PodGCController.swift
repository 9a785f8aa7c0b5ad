import Foundation
import KubeAPI
import KubeClient
import KubeMachinery
import Logging
import Synchronization

/// Deletes pods nobody else will (upstream's pod garbage collector, `--controllers=podgc`),
/// every `podGCPeriod`:
///
/// - terminated pods (Succeeded/Failed) beyond `terminatedPodGCThreshold`, oldest first;
/// - pods bound to nodes that no longer exist: a missing node is quarantined for a while and
///   then confirmed gone by a fresh GET (a node cache that lags must not cost running pods);
/// - terminating pods on nodes that are not ready and tainted `node.kubernetes.io/out-of-service`;
/// - terminating pods that were never scheduled (no kubelet will ever finish them).
///
/// Pods not yet terminal are first marked Failed with a `DisruptionTarget` condition, and every
/// deletion is forced (grace period 0), since no kubelet is left to honour a grace period.
public final class PodGCController: Controller {
    public static let name = "podgc"
    /// How long a node must be missing from the cache before it is looked up.
    public let quarantine: Duration
    let client: KubeClient
    let pods: Lister<Pod>
    let nodes: Lister<Node>
    let options: ControllerOptions
    let logger: Logger
    /// Names of nodes missing from the cache, with when they were first found missing.
    private let missingNodes = Mutex<[String: ContinuousClock.Instant]>([:])
    private let informersSynced: @Sendable () async -> Bool

    public convenience init(context: ControllerContext) throws {
        self.init(context: context, quarantine: .seconds(40))
    }

    public init(context: ControllerContext, quarantine: Duration) {
        self.quarantine = quarantine
        client = context.client
        options = context.options
        var logger = context.logger
        logger[metadataKey: "controller"] = "\(Self.name)"
        self.logger = logger
        let podInformer = context.informers.informer(Pod.self)
        let nodeInformer = context.informers.informer(Node.self)
        pods = podInformer.lister(Pod.self)
        nodes = nodeInformer.lister(Node.self)
        informersSynced = {
            let podsSynced = await podInformer.waitForSync()
            let nodesSynced = await nodeInformer.waitForSync()
            return podsSynced && nodesSynced
        }
    }

    public func run(workers: Int) async {
        guard await informersSynced() else { return }
        while !Task.isCancelled {
            await gc()
            do { try await Task.sleep(for: options.podGCPeriod) } catch { return }
        }
    }

    /// One pass over every rule.
    public func gc() async {
        let allPods = pods.list()
        let allNodes = nodes.list()
        if options.terminatedPodGCThreshold > 0 { await gcTerminated(allPods) }
        await gcTerminatingOutOfService(allPods, allNodes)
        await gcOrphaned(allPods, allNodes)
        await gcUnscheduledTerminating(allPods)
    }

    func gcTerminated(_ all: [Pod]) async {
        let terminated = all.filter { $0.phase == "Succeeded" || $0.phase == "Failed" }
        let excess = terminated.count - options.terminatedPodGCThreshold
        guard excess > 0 else { return }
        let victims = Self.oldestFirst(terminated).prefix(excess)
        logger.info("garbage collecting terminated pods", metadata: ["count": "\(excess)", "threshold": "\(options.terminatedPodGCThreshold)"])
        await forEach(Array(victims)) { pod in try await self.markFailedAndDelete(pod, condition: nil) }
    }

    func gcOrphaned(_ all: [Pod], _ nodeList: [Node]) async {
        let existing = Set(nodeList.map(\.name))
        let now = ContinuousClock.now
        let candidates = Set(all.map(\.nodeName).filter { !$0.isEmpty && !existing.contains($0) })
        let due: [String] = missingNodes.withLock { missing in
            // Nodes that came back (or whose pods are gone) leave quarantine.
            missing = missing.filter { candidates.contains($0.key) }
            for n in candidates where missing[n] == nil { missing[n] = now }
            return missing.filter { now - $0.value >= quarantine }.map(\.key)
        }
        var deleted: Set<String> = []
        for name in due {
            do {
                _ = try await client.get(Node.self, name: name)
                missingNodes.withLock { _ = $0.removeValue(forKey: name) }
            } catch let e as APIError where e.isNotFound {
                deleted.insert(name)
            } catch {
                logger.warning("cannot confirm node deletion", metadata: ["node": "\(name)", "error": "\(error)"])
            }
        }
        guard !deleted.isEmpty else { return }
        let orphans = all.filter { deleted.contains($0.nodeName) }
        await forEach(orphans) { pod in
            try await self.markFailedAndDelete(pod, condition: ("DeletionByPodGC", "PodGC: node no longer exists"))
        }
    }

    func gcTerminatingOutOfService(_ all: [Pod], _ nodeList: [Node]) async {
        let outOfService = Set(nodeList.filter(Self.isOutOfService).map(\.name))
        guard !outOfService.isEmpty else { return }
        let victims = all.filter { $0.isBeingDeleted && outOfService.contains($0.nodeName) }
        await forEach(victims) { pod in
            try await self.markFailedAndDelete(pod, condition: ("DeletionByPodGC", "PodGC: node is out-of-service"))
        }
    }

    func gcUnscheduledTerminating(_ all: [Pod]) async {
        let victims = all.filter { $0.isBeingDeleted && $0.nodeName.isEmpty }
        await forEach(victims) { pod in try await self.markFailedAndDelete(pod, condition: nil) }
    }

    /// Marks a pod that is not yet terminal Failed (with a DisruptionTarget condition when
    /// given), then force-deletes it with a uid precondition.
    func markFailedAndDelete(_ pod: Pod, condition: (reason: String, message: String)?) async throws {
        if pod.phase != "Succeeded" && pod.phase != "Failed" {
            var status: JSONValue = ["phase": "Failed"]
            if let condition {
                status["conditions"] = [[
                    "type": "DisruptionTarget", "status": "True", "reason": .string(condition.reason),
                    "message": .string(condition.message), "lastTransitionTime": .string(APITimestamp.time(Date())),
                ]]
            }
            do {
                _ = try await client.patch(Pod.resource, namespace: pod.namespace, name: pod.name, .strategicMerge,
                                           ["status": status], subresource: "status")
            } catch let e as APIError where e.isNotFound {
                return
            }
        }
        do {
            try await client.delete(Pod.self, namespace: pod.namespace, name: pod.name,
                                    options: DeleteOptions(gracePeriodSeconds: 0, preconditionUID: pod.uid))
            logger.info("deleted pod", metadata: ["pod": "\(pod.key)", "node": "\(pod.nodeName)"])
        } catch let e as APIError where e.isNotFound {
            return
        }
    }

    private func forEach(_ victims: [Pod], _ body: @escaping @Sendable (Pod) async throws -> Void) async {
        let logger = self.logger
        await withTaskGroup(of: Void.self) { group in
            for pod in victims {
                group.addTask {
                    do { try await body(pod) } catch {
                        logger.warning("failed to delete pod", metadata: ["pod": "\(pod.key)", "error": "\(error)"])
                    }
                }
            }
        }
    }

    /// Terminated pods in deletion order: evicted first, then by creation time, oldest first.
    static func oldestFirst(_ pods: [Pod]) -> [Pod] {
        pods.sorted { a, b in
            let ea = a.json["status"]?["reason"]?.stringValue == "Evicted"
            let eb = b.json["status"]?["reason"]?.stringValue == "Evicted"
            if ea != eb { return ea }
            let ta = a.createdAt ?? .distantPast, tb = b.createdAt ?? .distantPast
            if ta != tb { return ta < tb }
            return a.key < b.key
        }
    }

    /// Not ready and carrying the `node.kubernetes.io/out-of-service` taint.
    static func isOutOfService(_ node: Node) -> Bool {
        let conditions = node.json["status"]?["conditions"]?.arrayValue ?? []
        let ready = conditions.first { $0["type"]?.stringValue == "Ready" }?["status"]?.stringValue == "True"
        let taints = node.json["spec"]?["taints"]?.arrayValue ?? []
        return !ready && taints.contains { $0["key"]?.stringValue == "node.kubernetes.io/out-of-service" }
    }
}
