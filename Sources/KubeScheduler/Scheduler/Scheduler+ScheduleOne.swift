import KubeAPI
import KubeMachinery

extension Scheduler {
    /// What one scheduling cycle decided.
    enum CycleOutcome {
        /// Assumed, reserved and permitted (maybe pending a Permit wait): binding may start.
        case assumed(assumedPod: PodInfo, nodeName: String, state: CycleState)
        /// Not scheduled: why, and the node preemption nominated (nil: leave the nomination as is).
        case failed(Status, diagnosis: Diagnosis?, message: String, nominatedNodeName: String?)
    }

    /// Schedules the next pod. Returns false when the queue is closed (or the task cancelled).
    @discardableResult
    public func scheduleOne() async -> Bool {
        guard let (queued, cycle) = await queue.pop() else { return false }
        let pod = queued.podInfo
        guard let fwk = frameworks[pod.schedulerName] else {
            queue.done(pod)
            return true
        }
        // A pod being deleted, or already assumed (its binding is in flight), needs no cycle.
        if pod.isTerminating || cache.isAssumedPod(pod) {
            queue.done(pod)
            return true
        }
        let start = ContinuousClock.now
        let outcome = await schedulingCycle(fwk, pod)
        metrics.recordCycle(ContinuousClock.now - start)
        switch outcome {
        case let .failed(status, diagnosis, message, nominated):
            handleSchedulingFailure(fwk, queued, cycle: cycle, status: status, diagnosis: diagnosis, message: message, nominatedNodeName: nominated)
        case let .assumed(assumedPod, nodeName, state):
            metrics.scheduledCount.add(1, ordering: .relaxed)
            // Registered under the lock the task's own cleanup takes, so cleanup always runs after.
            bindingTasks.withLock {
                $0[pod.queueKey] = Task { await self.bindingCycle(fwk, state, queued, cycle: cycle, assumedPod: assumedPod, nodeName: nodeName) }
            }
        }
        return true
    }

    /// Snapshot, find a node, assume the pod there, Reserve and Permit.
    func schedulingCycle(_ fwk: Framework, _ pod: PodInfo) async -> CycleOutcome {
        cache.updateSnapshot(snapshot)
        let state = CycleState()
        let allNodes = snapshot.nodeInfos
        if allNodes.isEmpty {
            let s = Status(.unschedulableAndUnresolvable, ["no nodes available to schedule pods"])
            return .failed(s, diagnosis: nil, message: s.message, nominatedNodeName: nil)
        }
        let (feasible, diagnosis, error) = await findNodesThatFitPod(fwk, state, pod, allNodes)
        if let error { return .failed(error, diagnosis: nil, message: error.message, nominatedNodeName: nil) }
        guard !feasible.isEmpty else {
            var fit = FitError(numAllNodes: allNodes.count, diagnosis: diagnosis)
            var nominated: String?
            if !fwk.postFilterPlugins.isEmpty {
                let (result, ps) = await fwk.runPostFilterPlugins(state, pod, diagnosis.nodeToStatus)
                if ps.code == .error {
                    return .failed(ps, diagnosis: diagnosis, message: ps.message, nominatedNodeName: nil)
                }
                fit.diagnosis.postFilterMessage = ps.message
                nominated = result?.nominatedNodeName
            }
            return .failed(Status(.unschedulable, [fit.message]), diagnosis: fit.diagnosis, message: fit.message, nominatedNodeName: nominated)
        }

        let nodeName: String
        if feasible.count == 1 {
            nodeName = feasible[0].name
        } else {
            let pre = fwk.runPreScorePlugins(state, pod, feasible)
            if !pre.isSuccess { return .failed(pre, diagnosis: nil, message: pre.message, nominatedNodeName: nil) }
            let (scores, s) = await fwk.runScorePlugins(state, pod, feasible)
            if !s.isSuccess { return .failed(s, diagnosis: nil, message: s.message, nominatedNodeName: nil) }
            var rng = SplitMix64(seed: tieBreakSeed.wrappingAdd(0x9E37_79B9_7F4A_7C15, ordering: .relaxed).newValue)
            nodeName = Self.selectHost(scores, using: &rng) ?? feasible[0].name
        }

        // Assume: later cycles must see this pod on its node before the binding lands.
        let assumed = Self.assumedCopy(of: pod, nodeName: nodeName)
        do { try cache.assumePod(assumed) } catch {
            let s = Status.error("assuming pod: \(error)")
            return .failed(s, diagnosis: nil, message: s.message, nominatedNodeName: nil)
        }
        queue.nominator.deleteNominatedPodIfExists(pod)

        let reserve = await fwk.runReservePluginsReserve(state, assumed, nodeName: nodeName)
        if !reserve.isSuccess {
            await fwk.runReservePluginsUnreserve(state, assumed, nodeName: nodeName)
            cache.forgetPod(assumed)
            return .failed(reserve, diagnosis: Self.rejectedBy(reserve), message: reserve.message, nominatedNodeName: nil)
        }
        let permit = await fwk.runPermitPlugins(state, assumed, nodeName: nodeName)
        if !permit.isSuccess && !permit.isWait {
            await fwk.runReservePluginsUnreserve(state, assumed, nodeName: nodeName)
            cache.forgetPod(assumed)
            return .failed(permit, diagnosis: Self.rejectedBy(permit), message: permit.message, nominatedNodeName: nil)
        }
        return .assumed(assumedPod: assumed, nodeName: nodeName, state: state)
    }

    /// WaitOnPermit, PreBind, Bind, PostBind; on failure everything the cycle took is given back.
    func bindingCycle(_ fwk: Framework, _ state: CycleState, _ queued: QueuedPodInfo, cycle: Int64, assumedPod: PodInfo, nodeName: String) async {
        defer { bindingTasks.withLock { _ = $0.removeValue(forKey: queued.podInfo.queueKey) } }
        var status = await fwk.waitOnPermit(assumedPod)
        if status.isSuccess { status = await fwk.runPreBindPlugins(state, assumedPod, nodeName: nodeName) }
        if status.isSuccess {
            status = await fwk.runBindPlugins(state, assumedPod, nodeName: nodeName)
            if status.isSkip { status = .error("no bind plugin bound the pod") }
        }
        guard status.isSuccess else {
            metrics.bindingFailures.add(1, ordering: .relaxed)
            await fwk.runReservePluginsUnreserve(state, assumedPod, nodeName: nodeName)
            cache.forgetPod(assumedPod)
            // The room this pod held is free again: others parked for lack of it may fit now.
            queue.moveAllToActiveOrBackoffQueue(ClusterEvent(.assignedPod, .delete)) { $0.queueKey != queued.podInfo.queueKey }
            handleSchedulingFailure(fwk, queued, cycle: cycle, status: status, diagnosis: Self.rejectedBy(status),
                                    message: status.message, nominatedNodeName: nil)
            return
        }
        metrics.recordBound(e2e: ContinuousClock.now - (queued.initialAttemptTimestamp ?? queued.timestamp))
        recorder(for: queued.podInfo)?.event(regarding: queued.podInfo.pod.json, type: .normal, reason: "Scheduled",
                        message: "Successfully assigned \(queued.podInfo.key) to \(nodeName)")
        await fwk.runPostBindPlugins(state, assumedPod, nodeName: nodeName)
        queue.done(queued.podInfo)
    }

    /// The pod as it will be once bound: same object with `spec.nodeName` set.
    static func assumedCopy(of pod: PodInfo, nodeName: String) -> PodInfo {
        PodInfo(assuming: pod, onto: nodeName)
    }

    static func rejectedBy(_ s: Status) -> Diagnosis? {
        guard s.isRejected, !s.plugin.isEmpty else { return nil }
        return Diagnosis(unschedulablePlugins: [s.plugin])
    }
}
