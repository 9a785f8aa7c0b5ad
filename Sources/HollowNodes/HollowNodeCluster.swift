import Foundation
import KubeAPI
import KubeClient
import KubeMachinery
import Logging
import Synchronization

/// Many simulated kubelets in one process (like kubemark or kwok), for tests and benchmarks at
/// scale: each node registers, keeps its Lease and status fresh, and runs the pods bound to it
/// as if their containers started at once.
///
/// Cost stays flat per node: there is no task per node. One loop renews Leases in a rotation
/// spread over the renew interval, one list+watch of pods serves every node, and a few workers
/// write pod statuses.
///
/// ```swift
/// let nodes = HollowNodeCluster(client: client, options: HollowNodeOptions(count: 100))
/// try await nodes.start()             // nodes and Leases exist, nodes Ready
/// let running = Task { await nodes.run() }
/// ...
/// nodes.shutdown(); await running.value
/// ```
public final class HollowNodeCluster: Sendable {
    public let options: HollowNodeOptions
    let client: KubeClient
    let logger: Logger
    let template: HollowNodeTemplate
    let table: HollowNodeTable
    let counterSet = HollowNodeCounterSet()
    let workers: HollowPodWorkers
    private let shutdownSignal: AsyncStream<Void>
    private let shutdownTrigger: AsyncStream<Void>.Continuation

    public init(client: KubeClient, options: HollowNodeOptions, logger: Logger = Logger(label: "bosun.hollow-nodes")) {
        self.client = client
        self.options = options
        self.logger = logger
        self.template = HollowNodeTemplate(options: options)
        self.table = HollowNodeTable(options: options, now: ContinuousClock.now, readySince: APITime.seconds())
        self.workers = HollowPodWorkers(client: client, table: table, counters: counterSet, options: options, logger: logger)
        let (signal, trigger) = AsyncStream<Void>.makeStream()
        shutdownSignal = signal
        shutdownTrigger = trigger
    }

    /// The names of all simulated nodes, in index order.
    public var nodeNames: [String] { (0..<options.count).map(options.nodeName) }

    /// API writes made so far.
    public var counters: HollowNodeCounters { counterSet.snapshot }

    /// Keeps Leases and statuses fresh and acts as every node's kubelet, until `shutdown()` or
    /// cancellation. Call after `start()`.
    public func run() async {
        await withTaskGroup(of: Void.self) { group in
            group.addTask { await self.runHeartbeats() }
            group.addTask {
                let watch = PodListWatch(client: self.client, logger: self.logger)
                await watch.run { event in self.workers.handle(event) }
            }
            group.addTask { await self.workers.run() }
            group.addTask { for await _ in self.shutdownSignal {} }
            // Whichever ends first (the shutdown signal, or cancellation ending them all) stops the rest.
            await group.next()
            group.cancelAll()
            self.workers.finish()
        }
    }

    /// Ends `run()`. Nodes stay registered (as a stopped kubelet's node does).
    public func shutdown() {
        shutdownTrigger.finish()
    }

    /// Simulates kubelets that died: no more heartbeats and no more pod handling for these nodes.
    public func stop(nodes: [String]) {
        for n in nodes { if let i = table.index(of: n) { table.setHeartbeat(i, .stopped) } }
    }

    /// Simulates a node that stops reporting (Lease and status go stale) while its pods keep running.
    public func pauseHeartbeat(node: String) {
        if let i = table.index(of: node) { table.setHeartbeat(i, .paused) }
    }

    /// Resumes reporting for a paused node; Ready is reported as having become True now.
    public func resumeHeartbeat(node: String) {
        if let i = table.index(of: node) { table.setHeartbeat(i, .running, readySince: APITime.seconds()) }
    }
}

/// Runs `body` for each item with at most `limit` running at once; rethrows the first failure.
func forEachConcurrently(_ items: some Sequence<Int>, limit: Int, _ body: @escaping @Sendable (Int) async throws -> Void) async throws {
    try await withThrowingTaskGroup(of: Void.self) { group in
        var running = 0
        for item in items {
            if running >= limit {
                try await group.next()
                running -= 1
            }
            group.addTask { try await body(item) }
            running += 1
        }
        try await group.waitForAll()
    }
}
