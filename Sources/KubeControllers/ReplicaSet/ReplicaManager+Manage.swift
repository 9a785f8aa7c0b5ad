import KubeAPI
import KubeClient
import KubeMachinery

/// Creating and deleting pods toward `spec.replicas`.
extension ReplicaManager {
    /// Creates or deletes the difference between the claimed active pods and the desired
    /// count, recording expectations first so the informer events of these writes are not
    /// mistaken for changes made by someone else. Throws the first write error.
    func manageReplicas(_ owner: Owner, key: String, pods: [Pod]) async throws {
        let diff = pods.count - owner.desiredReplicas
        if diff < 0 {
            try await createPods(owner, key: key, count: min(-diff, burstReplicas))
        } else if diff > 0 {
            try await deletePods(owner, key: key, pods: pods, count: min(diff, burstReplicas))
        }
    }

    private func createPods(_ owner: Owner, key: String, count: Int) async throws {
        guard let template = owner.podTemplate else { throw PodTemplateError("spec.template is missing") }
        expectations.expectCreations(key, count)
        let control = podControl
        let (successes, errors) = await slowStartBatch(count: count) { _ in
            do {
                try await control.createPod(from: template, owner: owner)
            } catch let e as APIError where e.isNamespaceTerminating {
                // The namespace is going away; its pods would be deleted anyway.
                return
            }
        }
        // Pods that failed or were never attempted will produce no informer event.
        for _ in 0..<(count - successes) { expectations.creationObserved(key) }
        if let first = errors.first { throw first }
    }

    private func deletePods(_ owner: Owner, key: String, pods: [Pod], count: Int) async throws {
        let victims = PodDeletionRanking.victims(from: pods, count: count, now: now())
        expectations.expectDeletions(key, objectKeys: victims.map(\.key))
        let control = podControl
        let expectations = self.expectations
        let errors: [any Error] = await withTaskGroup(of: (any Error)?.self) { group in
            for pod in victims {
                group.addTask {
                    do {
                        try await control.deletePod(pod, owner: owner)
                        return nil
                    } catch {
                        // No delete event will come for a pod we failed to delete.
                        expectations.deletionObserved(key, objectKey: pod.key)
                        if let e = error as? APIError, e.isNotFound { return nil }
                        return error
                    }
                }
            }
            var errors: [any Error] = []
            for await e in group { if let e { errors.append(e) } }
            return errors
        }
        if let first = errors.first { throw first }
    }
}
