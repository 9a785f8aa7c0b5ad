extension Framework {
    /// Upstream's cap on how long a Permit plugin may hold a pod.
    static let maxPermitTimeout: Duration = .seconds(15 * 60)

    /// Runs Reserve in order, stopping at the first failure (the caller then unreserves all).
    public func runReservePluginsReserve(_ state: CycleState, _ pod: PodInfo, nodeName: String) async -> Status {
        for p in reservePlugins {
            let s = await p.reserve(state, pod, nodeName: nodeName)
            if s.isSuccess { continue }
            if s.isRejected { return s.with(plugin: p.name) }
            return Status(.error, ["running Reserve plugin \"\(p.name)\": \(s.message)"], plugin: p.name)
        }
        return .success
    }

    /// Unreserve runs on every Reserve plugin, in reverse order, whether or not its Reserve ran:
    /// plugins must tolerate releasing what they never claimed.
    public func runReservePluginsUnreserve(_ state: CycleState, _ pod: PodInfo, nodeName: String) async {
        for p in reservePlugins.reversed() { await p.unreserve(state, pod, nodeName: nodeName) }
    }

    /// Runs Permit plugins. A rejection returns at once; if some asked to wait (and none
    /// rejected), the pod is registered in `waitingPods` and `.wait` is returned: the binding
    /// cycle then blocks in `waitOnPermit`.
    public func runPermitPlugins(_ state: CycleState, _ pod: PodInfo, nodeName: String) async -> Status {
        var timeouts: [String: Duration] = [:]
        for p in permitPlugins {
            let (s, timeout) = await p.permit(state, pod, nodeName: nodeName)
            if s.isSuccess { continue }
            if s.isRejected { return s.with(plugin: p.name) }
            if s.isWait {
                timeouts[p.name] = min(timeout, Self.maxPermitTimeout)
                continue
            }
            return Status(.error, ["running Permit plugin \"\(p.name)\": \(s.message)"], plugin: p.name)
        }
        guard !timeouts.isEmpty else { return .success }
        waitingPods.add(WaitingPod(pod: pod, nodeName: nodeName, timeouts: timeouts))
        return Status(.wait, ["one or more plugins asked to wait and no plugin rejected pod \"\(pod.name)\""])
    }

    /// Blocks until a waiting pod is allowed or rejected; success at once if it is not waiting.
    public func waitOnPermit(_ pod: PodInfo) async -> Status {
        guard let w = waitingPods.get(pod.queueKey) else { return .success }
        defer { waitingPods.remove(pod.queueKey) }
        return await w.wait()
    }

    public func runPreBindPlugins(_ state: CycleState, _ pod: PodInfo, nodeName: String) async -> Status {
        for p in preBindPlugins {
            let s = await p.preBind(state, pod, nodeName: nodeName)
            if s.isSuccess { continue }
            if s.isRejected { return s.with(plugin: p.name) }
            return Status(.error, ["running PreBind plugin \"\(p.name)\": \(s.message)"], plugin: p.name)
        }
        return .success
    }

    /// The first Bind plugin that does not Skip binds the pod; all skipping is `.skip`.
    public func runBindPlugins(_ state: CycleState, _ pod: PodInfo, nodeName: String) async -> Status {
        for p in bindPlugins {
            let s = await p.bind(state, pod, nodeName: nodeName)
            if s.isSkip { continue }
            if s.isSuccess { return s.with(plugin: p.name) }
            if s.isRejected { return s.with(plugin: p.name) }
            return Status(.error, ["running Bind plugin \"\(p.name)\": \(s.message)"], plugin: p.name)
        }
        return .skip
    }

    public func runPostBindPlugins(_ state: CycleState, _ pod: PodInfo, nodeName: String) async {
        for p in postBindPlugins { await p.postBind(state, pod, nodeName: nodeName) }
    }
}
