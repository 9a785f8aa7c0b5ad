import Foundation
import KubeAPI
import KubeClient
import KubeMachinery

extension DefaultPreemption {
    /// Evicts the chosen candidate's victims and clears the nominations of lower-priority pods to
    /// that node (they may no longer fit there; clearing moves them back to the active queue).
    func prepare(_ candidate: Candidate, for pod: PodInfo) async -> Status {
        let failures = await withTaskGroup(of: String?.self) { group in
            for victim in candidate.victims {
                group.addTask { await self.preempt(victim, by: pod, on: candidate.nodeName) }
            }
            var out: [String] = []
            for await f in group { if let f { out.append(f) } }
            return out
        }
        if let first = failures.first { return .error(first) }

        let lower = handle.nominatedPods(forNode: candidate.nodeName).filter { $0.priority < pod.priority }
        // Not critical: a stale nomination only delays those pods until their next attempt.
        await clearNominatedNodeName(lower)
        return .success
    }

    /// Marks the victim with the DisruptionTarget condition (so controllers and this plugin can
    /// tell a preemption from other deletions), then deletes it. A victim already gone, or
    /// replaced by a new pod of the same name, is not an error. Returns a failure message or nil.
    private func preempt(_ victim: PodInfo, by pod: PodInfo, on nodeName: String) async -> String? {
        // A victim still waiting at Permit is rejected instead of deleted: it never ran.
        if handle.rejectWaitingPod(uid: victim.uid) { return nil }
        let condition: JSONValue = [
            "type": "DisruptionTarget",
            "status": "True",
            "reason": "PreemptionByScheduler",
            "message": .string("\(pod.schedulerName): preempting to accommodate a higher priority pod"),
            "lastTransitionTime": .string(Date.now.formatted(.iso8601)),
        ]
        do {
            _ = try await handle.client.patch(Pod.resource, namespace: victim.namespace, name: victim.name, .strategicMerge,
                                              ["status": ["conditions": [condition]]], subresource: "status")
        } catch let e as APIError where e.code == 404 {
            return nil
        } catch {
            // The condition only informs; the eviction itself is what frees the node.
        }
        do {
            let options = DeleteOptions(preconditionUID: victim.uid.isEmpty ? nil : victim.uid)
            try await handle.client.delete(Pod.resource, namespace: victim.namespace, name: victim.name, options: options)
            handle.recordEvent(regarding: victim.pod.json, type: "Normal", reason: "Preempted",
                               message: "Preempted by pod \(pod.uid) on node \(nodeName)")
            return nil
        } catch let e as APIError where e.code == 404 || e.code == 409 {
            return nil
        } catch {
            return "preempting \(victim.key): \(error)"
        }
    }

    /// Sets `status.nominatedNodeName` to null on each pod, ignoring failures.
    func clearNominatedNodeName(_ pods: [PodInfo]) async {
        for p in pods where !p.nominatedNodeName.isEmpty {
            _ = try? await handle.client.patch(Pod.resource, namespace: p.namespace, name: p.name, .merge,
                                               ["status": ["nominatedNodeName": .null]], subresource: "status")
        }
    }
}
