import Synchronization

/// Pods that Permit plugins asked to wait, by pod uid. Each waits for every such plugin to
/// `allow` it; one `reject` (or a plugin's timeout) fails it at once.
public final class WaitingPods: Sendable {
    private let pods = Mutex<[String: WaitingPod]>([:])

    public init() {}

    public func get(_ key: String) -> WaitingPod? { pods.withLock { $0[key] } }
    public var all: [WaitingPod] { pods.withLock { Array($0.values) } }

    func add(_ w: WaitingPod) { pods.withLock { $0[w.pod.queueKey] = w } }
    func remove(_ key: String) { pods.withLock { _ = $0.removeValue(forKey: key) } }
}

/// A reserved pod held at Permit. `wait()` returns once all pending plugins allowed it
/// (success) or one rejected it (unschedulable, naming the plugin).
public final class WaitingPod: Sendable {
    struct State {
        var pending: Set<String>
        var outcome: Status?
        var waiters: [CheckedContinuation<Status, Never>] = []
        var timers: [Task<Void, Never>] = []
    }

    public let pod: PodInfo
    public let nodeName: String
    private let state: Mutex<State>

    init(pod: PodInfo, nodeName: String, timeouts: [String: Duration]) {
        self.pod = pod
        self.nodeName = nodeName
        state = Mutex(State(pending: Set(timeouts.keys)))
        var timers: [Task<Void, Never>] = []
        for (plugin, timeout) in timeouts {
            timers.append(Task { [weak self] in
                do { try await Task.sleep(for: timeout) } catch { return }
                self?.reject(plugin: plugin, message: "rejected due to timeout after waiting \(timeout) at plugin \(plugin)")
            })
        }
        state.withLock { $0.timers = timers }
    }

    /// Plugins that have not allowed the pod yet.
    public var pendingPlugins: Set<String> { state.withLock { $0.pending } }

    public func allow(plugin: String) {
        finish { s in
            s.pending.remove(plugin)
            return s.pending.isEmpty ? .success : nil
        }
    }

    public func reject(plugin: String, message: String) {
        finish { _ in Status(.unschedulable, [message], plugin: plugin) }
    }

    /// Suspends until the pod is allowed or rejected.
    public func wait() async -> Status {
        await withCheckedContinuation { (c: CheckedContinuation<Status, Never>) in
            let done: Status? = state.withLock { s in
                if let o = s.outcome { return o }
                s.waiters.append(c)
                return nil
            }
            if let done { c.resume(returning: done) }
        }
    }

    private func finish(_ decide: (inout State) -> Status?) {
        let (waiters, timers, outcome): ([CheckedContinuation<Status, Never>], [Task<Void, Never>], Status?) = state.withLock { s in
            guard s.outcome == nil, let o = decide(&s) else { return ([], [], nil) }
            s.outcome = o
            defer { s.waiters = []; s.timers = [] }
            return (s.waiters, s.timers, o)
        }
        guard let outcome else { return }
        for t in timers { t.cancel() }
        for w in waiters { w.resume(returning: outcome) }
    }
}
