import Foundation
import KubeAPI
import KubeClient
import KubeMachinery

extension Scheduler {
    /// Upstream's handleSchedulingFailure: count it, put the pod back in the queue (unless it
    /// was deleted or bound meanwhile), record the nomination, and tell the user: a Warning
    /// `FailedScheduling` event and `PodScheduled=False` with the same message.
    func handleSchedulingFailure(_ fwk: Framework, _ queued: QueuedPodInfo, cycle: Int64, status: Status, diagnosis: Diagnosis?,
                                 message: String, nominatedNodeName: String?) {
        let rejected = status.isRejected
        if rejected {
            metrics.unschedulableCount.add(1, ordering: .relaxed)
        } else {
            metrics.errorCount.add(1, ordering: .relaxed)
            logger.error("error scheduling pod", metadata: ["pod": "\(queued.podInfo.key)", "error": "\(message)"])
        }
        var q = queued
        q.unschedulablePlugins = diagnosis?.unschedulablePlugins ?? []
        q.pendingPlugins = diagnosis?.pendingPlugins ?? []
        if let current = currentPod(queued.podInfo) {
            if current.nodeName.isEmpty {
                q.podInfo = current
                queue.addUnschedulableIfNotPresent(q, cycle: cycle)
            } else {
                queue.done(queued.podInfo)
            }
        } else {
            queue.done(queued.podInfo)
        }
        if let nominatedNodeName { queue.nominator.addNominatedPod(q.podInfo, nodeName: nominatedNodeName) }

        recorder(for: queued.podInfo)?.event(regarding: queued.podInfo.pod.json, type: .warning, reason: "FailedScheduling", message: Self.truncated(message))
        let pod = queued.podInfo
        let body = Self.podScheduledFalsePatch(reason: rejected ? "Unschedulable" : "SchedulerError", message: message,
                                               nominatedNodeName: nominatedNodeName)
        let client = self.client
        let logger = self.logger
        Task {
            do {
                _ = try await client.patch(Pod.resource, namespace: pod.namespace, name: pod.name, .strategicMerge, body, subresource: "status")
            } catch {
                logger.warning("updating pod condition failed", metadata: ["pod": "\(pod.key)", "error": "\(error)"])
            }
        }
    }

    /// The pod's latest state from the informer (nil if it is gone); without informers, the pod as popped.
    func currentPod(_ pod: PodInfo) -> PodInfo? {
        guard let informers else { return pod }
        let json = informers.informer(for: Pod.resource).indexer.get(namespace: pod.namespace, name: pod.name)
        guard let json else { return nil }
        let current = PodInfo(json: json)
        return current.uid == pod.uid ? current : nil
    }

    /// A strategic-merge patch of `status`: the PodScheduled condition (merged by `type`) and,
    /// when preemption nominated a node, `nominatedNodeName`.
    static func podScheduledFalsePatch(reason: String, message: String, nominatedNodeName: String?, now: Date = Date()) -> JSONValue {
        let condition: JSONValue = ["type": "PodScheduled", "status": "False", "reason": .string(reason),
                                    "message": .string(message), "lastProbeTime": .null,
                                    "lastTransitionTime": .string(Self.rfc3339(now))]
        var status: [String: JSONValue] = ["conditions": [condition]]
        if let nominatedNodeName, !nominatedNodeName.isEmpty { status["nominatedNodeName"] = .string(nominatedNodeName) }
        return ["status": .object(status)]
    }

    static func rfc3339(_ d: Date) -> String {
        let f = ISO8601DateFormatter()
        f.formatOptions = [.withInternetDateTime]
        return f.string(from: d)
    }

    /// Events carry at most 1 KiB of message (upstream truncates FailedScheduling the same way).
    static func truncated(_ m: String) -> String {
        let limit = 1024
        guard m.utf8.count > limit else { return m }
        return String(m.prefix(limit - 3)) + "..."
    }
}
