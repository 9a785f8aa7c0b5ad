import KubeAPI
import KubeClient
import KubeMachinery
import Logging
import Synchronization

/// Gives every node a pod range (`--controllers=nodeipam`, upstream's range allocator):
/// `spec.podCIDR` and `spec.podCIDRs` get the next free `/nodeCIDRMaskSize` block of
/// `clusterCIDR`. Blocks that nodes already hold are taken over when the controller starts,
/// a node that has a block keeps it, and a deleted node's block is freed. When the range is
/// exhausted the node gets a `CIDRNotAvailable` event and is retried with backoff. Work is
/// keyed by node name.
public final class NodeIPAMController: Controller {
    public static let name = "nodeipam"
    public let queue: WorkQueue<String>
    let client: KubeClient
    let nodes: Lister<Node>
    let recorder: EventRecorder
    let logger: Logger
    private struct State {
        var cidrs: CIDRSet
        /// Blocks handed out whose node may not show them yet (the cache lags our writes).
        var assigned: [String: String] = [:]
    }
    private let state: Mutex<State>
    private let informersSynced: @Sendable () async -> Bool

    public init(context: ControllerContext) throws {
        let cidrs = try CIDRSet(clusterCIDR: context.options.clusterCIDR, nodeMaskSize: context.options.nodeCIDRMaskSize)
        state = Mutex(State(cidrs: cidrs))
        client = context.client
        queue = WorkQueue(name: Self.name)
        recorder = context.makeRecorder("cidrAllocator")
        var logger = context.logger
        logger[metadataKey: "controller"] = "\(Self.name)"
        self.logger = logger
        let nodeInformer = context.informers.informer(Node.self)
        nodes = nodeInformer.lister(Node.self)
        informersSynced = { await nodeInformer.waitForSync() }
        let queue = self.queue
        nodeInformer.addEventHandler(ResourceEventHandler(
            onAdd: { n, _ in queue.add(Indexer.key(of: n)) },
            onUpdate: { old, new in
                if new["spec"]?["podCIDR"] == nil { queue.add(Indexer.key(of: new)) }
            },
            onDelete: { [weak self] n in
                guard let self else { return }
                self.release(node: n)
                // Nodes waiting for a block need not wait out their backoff.
                for waiting in self.nodes.list() where waiting.podCIDR == nil { queue.add(waiting.name) }
            }))
    }

    public func run(workers: Int) async {
        guard await informersSynced() else { return }
        recoverAllocations()
        await withTaskCancellationHandler {
            await queue.runWorkers(count: workers, logger: logger) { await self.sync(node: $0) }
        } onCancel: {
            queue.shutDown()
        }
    }

    /// Marks the blocks existing nodes hold as taken, before anything is handed out.
    func recoverAllocations() {
        let held = nodes.list().compactMap { $0.podCIDR }
        state.withLock { s in
            for cidr in held {
                do { try s.cidrs.occupy(cidr) } catch {
                    logger.warning("node holds a CIDR outside the cluster CIDR", metadata: ["cidr": "\(cidr)", "error": "\(error)"])
                }
            }
        }
    }

    /// Gives one node a block, if it has none.
    public func sync(node name: String) async -> ReconcileResult {
        guard let node = nodes.get(name: name) else { return .done }
        if let held = node.podCIDR {
            state.withLock { s in
                try? s.cidrs.occupy(held)
                if let mine = s.assigned.removeValue(forKey: name), mine != held { try? s.cidrs.release(mine) }
            }
            return .done
        }
        let cidr: String
        do {
            cidr = try state.withLock { s throws(CIDRSet.Failure) -> String in
                if let pending = s.assigned[name] { return pending }
                let c = try s.cidrs.allocate()
                s.assigned[name] = c
                return c
            }
        } catch {
            recorder.event(regarding: node, type: .normal, reason: "CIDRNotAvailable", message: "Node \(name) status is now: CIDRNotAvailable")
            logger.warning("no pod CIDR left for node", metadata: ["node": "\(name)", "error": "\(error)"])
            return .requeue
        }
        do {
            _ = try await client.patch(Node.self, name: name, .merge, ["spec": ["podCIDR": .string(cidr), "podCIDRs": [.string(cidr)]]])
            logger.info("assigned pod CIDR", metadata: ["node": "\(name)", "cidr": "\(cidr)"])
            return .done
        } catch let e as APIError where e.isNotFound {
            state.withLock { s in
                s.assigned[name] = nil
                try? s.cidrs.release(cidr)
            }
            return .done
        } catch {
            // Possibly someone else set a block first (podCIDR is set-once): the next sync
            // sees theirs and frees ours.
            return .error(error)
        }
    }

    /// Frees a deleted node's block.
    func release(node json: JSONValue) {
        let node = Node(json: json)
        state.withLock { s in
            let pending = s.assigned.removeValue(forKey: node.name)
            for cidr in Set([node.podCIDR, pending].compactMap { $0 }) { try? s.cidrs.release(cidr) }
        }
    }

    /// How many blocks are taken (for tests and metrics).
    public var allocatedCount: Int { state.withLock { $0.cidrs.allocatedCount } }
}

extension Node {
    /// `spec.podCIDR`, if assigned.
    var podCIDR: String? {
        guard let c = json["spec"]?["podCIDR"]?.stringValue, !c.isEmpty else { return nil }
        return c
    }
}
