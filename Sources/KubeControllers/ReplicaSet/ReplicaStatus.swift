import Foundation
import KubeAPI
import KubeClient
import KubeMachinery

/// The status a replica sync reports (upstream's `calculateStatus` and
/// `updateReplicaSetStatus`): counts over the claimed active pods, and a `ReplicaFailure`
/// condition while creating or deleting pods fails.
struct ReplicaStatus {
    var replicas: Int
    var fullyLabeledReplicas: Int
    var readyReplicas: Int
    var availableReplicas: Int
    /// The failure condition to set, or nil to remove any.
    var failure: (reason: String, message: String)?

    init<Owner: ReplicatedKind>(owner: Owner, pods: [Pod], manageError: (any Error)?, now: Date) {
        let templateLabels = owner.podTemplate?["metadata"]?["labels"]?.stringMap ?? [:]
        replicas = pods.count
        fullyLabeledReplicas = pods.filter { p in templateLabels.allSatisfy { p.labels[$0.key] == $0.value } }.count
        let ready = pods.filter(\.isReady)
        readyReplicas = ready.count
        availableReplicas = ready.filter { $0.isAvailable(minReadySeconds: owner.minReadySeconds, now: now) }.count
        if let manageError {
            let diff = pods.count - owner.desiredReplicas
            failure = (diff < 0 ? "FailedCreate" : diff > 0 ? "FailedDelete" : "", PodControl.message(manageError))
        }
    }

    /// Writes this status through the status subresource unless the owner already reports it
    /// for its current generation; on a conflict re-reads the owner and tries once more.
    /// Returns the owner as it now is.
    func write<Owner: ReplicatedKind>(to owner: Owner, client: KubeClient) async throws -> Owner {
        guard let updated = applied(to: owner) else { return owner }
        do {
            return try await client.updateStatus(updated)
        } catch let e as APIError where e.isConflict {
            let fresh = try await client.get(Owner.self, namespace: owner.namespace, name: owner.name)
            guard let retry = applied(to: fresh) else { return fresh }
            return try await client.updateStatus(retry)
        }
    }

    /// The owner with this status, or nil when nothing would change.
    func applied<Owner: ReplicatedKind>(to owner: Owner) -> Owner? {
        var status = owner.status ?? .object([:])
        func int(_ field: String) -> Int { Int(status[field]?.intValue ?? 0) }
        var conditions = status["conditions"]?.arrayValue ?? []
        let failureIndex = conditions.firstIndex { $0["type"]?.stringValue == "ReplicaFailure" }
        // Upstream sets the condition when an error appears and keeps the first one until the
        // errors stop, so that its transition time means something.
        let conditionChange: Bool
        switch (failure, failureIndex) {
        case (let f?, nil):
            conditions.append([
                "type": "ReplicaFailure", "status": "True", "reason": .string(f.reason), "message": .string(f.message),
                "lastTransitionTime": .string(APITimestamp.time(Date())),
            ])
            conditionChange = true
        case (nil, let i?):
            conditions.remove(at: i)
            conditionChange = true
        default:
            conditionChange = false
        }
        let unchanged = int("replicas") == replicas && int("fullyLabeledReplicas") == fullyLabeledReplicas
            && int("readyReplicas") == readyReplicas && int("availableReplicas") == availableReplicas
            && status["observedGeneration"]?.intValue == owner.generation && !conditionChange
        if unchanged { return nil }
        status["replicas"] = .int(Int64(replicas))
        // Zero counts are omitted, as upstream's omitempty fields are.
        status["fullyLabeledReplicas"] = fullyLabeledReplicas == 0 ? nil : .int(Int64(fullyLabeledReplicas))
        status["readyReplicas"] = readyReplicas == 0 ? nil : .int(Int64(readyReplicas))
        status["availableReplicas"] = availableReplicas == 0 ? nil : .int(Int64(availableReplicas))
        status["observedGeneration"] = .int(owner.generation)
        status["conditions"] = conditions.isEmpty ? nil : .array(conditions)
        var out = owner
        out.status = status
        return out
    }
}
