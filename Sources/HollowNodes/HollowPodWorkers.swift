import KubeAPI
import KubeClient
import KubeMachinery
import Logging

/// The kubelet half of every hollow node: reports pods on its node Running, completes pods that
/// asked to, and finalizes pods being deleted.
///
/// Work is sharded by pod uid over a few workers, so that one pod's transitions stay in order
/// while different pods' writes proceed in parallel. Nothing here is per node.
final class HollowPodWorkers: Sendable {
    enum Work: Sendable {
        case sync(JSONValue)
        case complete(JSONValue)
        case gone(uid: String)
    }

    private let client: KubeClient
    private let table: HollowNodeTable
    private let counters: HollowNodeCounterSet
    private let options: HollowNodeOptions
    private let logger: Logger
    private let streams: [AsyncStream<Work>]
    private let queues: [AsyncStream<Work>.Continuation]

    init(client: KubeClient, table: HollowNodeTable, counters: HollowNodeCounterSet, options: HollowNodeOptions, logger: Logger) {
        self.client = client
        self.table = table
        self.counters = counters
        self.options = options
        self.logger = logger
        var streams: [AsyncStream<Work>] = []
        var queues: [AsyncStream<Work>.Continuation] = []
        for _ in 0..<options.maxConcurrentWrites {
            let (s, c) = AsyncStream<Work>.makeStream()
            streams.append(s)
            queues.append(c)
        }
        self.streams = streams
        self.queues = queues
    }

    /// Routes a pod list/watch event to its pod's worker.
    func handle(_ event: PodListWatch.Event) {
        switch event {
        case .upsert(let pod): enqueue(.sync(pod), uid: Self.uid(pod))
        case .deleted(let pod): enqueue(.gone(uid: Self.uid(pod)), uid: Self.uid(pod))
        case .listed(let alive): table.releaseAll(except: alive)
        }
    }

    func enqueue(_ work: Work, uid: String) {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in uid.utf8 { h = (h ^ UInt64(b)) &* 0x100_0000_01b3 }
        queues[Int(h % UInt64(queues.count))].yield(work)
    }

    /// Runs the workers until cancelled or `finish()`.
    func run() async {
        await withTaskGroup(of: Void.self) { group in
            for stream in streams {
                group.addTask {
                    for await work in stream { await self.perform(work) }
                }
            }
        }
    }

    func finish() {
        for q in queues { q.finish() }
    }

    private static func uid(_ pod: JSONValue) -> String { pod[path: ["metadata", "uid"]]?.stringValue ?? "" }

    private func perform(_ work: Work) async {
        switch work {
        case .sync(let pod): await sync(pod)
        case .complete(let pod): await complete(pod)
        case .gone(let uid): table.release(uid: uid)
        }
    }

    /// What a kubelet would do next for this pod, if the pod is on a live hollow node.
    private func sync(_ pod: JSONValue) async {
        guard let nodeName = pod[path: ["spec", "nodeName"]]?.stringValue, let node = table.index(of: nodeName),
              table.heartbeat(node) != .stopped else { return }
        let uid = Self.uid(pod)
        if pod[path: ["metadata", "deletionTimestamp"]] != nil {
            if table.claimDelete(uid: uid, node: node) { await finalize(pod, uid: uid) }
            return
        }
        let phase = pod[path: ["status", "phase"]]?.stringValue ?? ""
        if phase == "Succeeded" || phase == "Failed" { return }
        if phase == "Running", let ip = pod[path: ["status", "podIP"]]?.stringValue, !ip.isEmpty {
            table.adoptRunning(uid: uid, node: node, podIP: ip)
            scheduleCompletion(pod, uid: uid)
            return
        }
        guard options.markPodsRunning, let claim = table.claimStart(uid: uid, node: node) else { return }
        if options.podStartLatency > .zero {
            let latency = options.podStartLatency
            Task {
                try? await Task.sleep(for: latency)
                await self.start(pod, uid: uid, hostIP: claim.hostIP, podIP: claim.podIP)
            }
        } else {
            await start(pod, uid: uid, hostIP: claim.hostIP, podIP: claim.podIP)
        }
    }

    /// One status write: the pod is Running and Ready with its address.
    private func start(_ pod: JSONValue, uid: String, hostIP: String, podIP: String) async {
        let status = HollowPodStatus.running(pod, hostIP: hostIP, podIP: podIP, now: APITime.seconds())
        do {
            try await writeStatus(pod, status)
            var running = pod
            running["status"] = status
            scheduleCompletion(running, uid: uid)
        } catch {
            counters.failedWrites.add(1, ordering: .relaxed)
            if (error as? APIError)?.isNotFound == true {
                table.release(uid: uid)
            } else {
                // Let the next event for this pod try again.
                table.unclaimStart(uid: uid)
                logger.debug("hollow nodes: pod status write failed", metadata: ["pod": "\(Self.key(pod))", "error": "\(error)"])
            }
        }
    }

    private func scheduleCompletion(_ pod: JSONValue, uid: String) {
        guard let seconds = HollowPodStatus.runSeconds(pod), table.claimCompletion(uid: uid) else { return }
        Task {
            try? await Task.sleep(for: .seconds(seconds))
            self.enqueue(.complete(pod), uid: uid)
        }
    }

    private func complete(_ pod: JSONValue) async {
        do {
            try await writeStatus(pod, HollowPodStatus.succeeded(pod, now: APITime.seconds()))
        } catch {
            counters.failedWrites.add(1, ordering: .relaxed)
        }
    }

    /// A terminating pod's containers are "stopped" at once; the kubelet then removes the pod
    /// for good, guarded by its uid so that a new pod of the same name is never deleted.
    private func finalize(_ pod: JSONValue, uid: String) async {
        let ns = pod[path: ["metadata", "namespace"]]?.stringValue
        let name = pod[path: ["metadata", "name"]]?.stringValue ?? ""
        do {
            try await client.delete(Pod.resource, namespace: ns, name: name,
                                    options: DeleteOptions(gracePeriodSeconds: 0, preconditionUID: uid))
            counters.podDeletes.add(1, ordering: .relaxed)
        } catch {
            counters.failedWrites.add(1, ordering: .relaxed)
            if let e = error as? APIError, e.isNotFound || e.isConflict { return }
            logger.debug("hollow nodes: pod delete failed", metadata: ["pod": "\(Self.key(pod))", "error": "\(error)"])
        }
    }

    /// A merge patch of pods/status: the lists in `status` are ours entirely, so replacing them
    /// whole (as merge patch does) is what we want, and no resourceVersion round trip is needed.
    private func writeStatus(_ pod: JSONValue, _ status: JSONValue) async throws {
        let ns = pod[path: ["metadata", "namespace"]]?.stringValue
        let name = pod[path: ["metadata", "name"]]?.stringValue ?? ""
        _ = try await client.patch(Pod.resource, namespace: ns, name: name, .merge, ["status": status], subresource: "status")
        counters.podStatusWrites.add(1, ordering: .relaxed)
    }

    private static func key(_ pod: JSONValue) -> String {
        "\(pod[path: ["metadata", "namespace"]]?.stringValue ?? "")/\(pod[path: ["metadata", "name"]]?.stringValue ?? "")"
    }
}
