import KubeAPI
import KubeClient
import KubeMachinery

/// Finding, creating and numbering the new ReplicaSet: the one whose template is the
/// Deployment's (hash label aside).
extension DeploymentSync {
    /// The oldest ReplicaSet whose template equals the Deployment's (upstream's `FindNewReplicaSet`).
    func findNewReplicaSet() -> RolloutReplicaSet? {
        rsList.oldestFirst().first { PodTemplateHash.equalIgnoringHash($0.template, d.template) }
    }

    /// Upstream's `getAllReplicaSetsAndSyncRevision`: the new ReplicaSet (created when asked
    /// and missing, with revision max(old) + 1) and all the others.
    mutating func replicaSetsAndSyncRevision(createIfMissing: Bool) async throws -> (RolloutReplicaSet?, [RolloutReplicaSet]) {
        let existing = findNewReplicaSet()
        let old = rsList.filter { $0.uid != existing?.uid }
        let newRevision = old.maxRevision + 1
        if let existing {
            return (try await syncExistingNewReplicaSet(existing, revision: newRevision), old)
        }
        guard createIfMissing else { return (nil, old) }
        return (try await createNewReplicaSet(old: old, revision: newRevision), old)
    }

    /// Brings an existing new ReplicaSet's annotations and minReadySeconds in line, then the
    /// Deployment's revision and a first Progressing condition.
    private mutating func syncExistingNewReplicaSet(_ rs: RolloutReplicaSet, revision: Int64) async throws -> RolloutReplicaSet {
        var annotations = rs.annotations
        let annotationsChanged = RevisionAnnotations.updateForNewReplicaSet(
            &annotations, deploymentAnnotations: d.annotations, newRevision: revision, exists: true,
            replicas: d.replicas, maxReplicas: d.replicas + d.maxSurge)
        if annotationsChanged || rs.minReadySeconds != d.minReadySeconds {
            var copy = rs.object
            copy.annotations = annotations
            copy.json.set(["spec", "minReadySeconds"], to: d.minReadySeconds == 0 ? nil : .int(d.minReadySeconds))
            let updated = RolloutReplicaSet(try await client.update(copy))
            remember(updated)
            // Upstream returns here and lets the next pass sync the Deployment's revision.
            return updated
        }
        let revisionChanged = stageDeploymentRevision(rs.annotations[RevisionAnnotations.revision] ?? "")
        var status = d.status
        if d.hasProgressDeadline && d.progressingCondition == nil {
            status.conditions.set(DeploymentCondition(
                type: DeploymentConditionType.progressing, status: "True",
                reason: DeploymentConditionReason.foundNewReplicaSet,
                message: "Found new replica set \"\(rs.name)\"", now: controller.timestamp))
        }
        if revisionChanged || status != d.status { try await writeStatus(status) }
        return rs
    }

    /// Creates `<deployment>-<hash>`. A name taken by a ReplicaSet that is not ours, or has
    /// another template, is a hash collision: `status.collisionCount` goes up so that the
    /// next pass computes another name.
    private mutating func createNewReplicaSet(old: [RolloutReplicaSet], revision: Int64) async throws -> RolloutReplicaSet {
        let hash = PodTemplateHash.compute(template: d.template, collisionCount: d.status.collisionCount)
        var template = d.template
        var podLabels = template["metadata"]?["labels"]?.stringMap ?? [:]
        podLabels[PodTemplateHash.labelKey] = hash
        template.set(["metadata", "labels"], to: .stringMap(podLabels))
        var selector = d.selector ?? .object([:])
        selector.set(["matchLabels", PodTemplateHash.labelKey], to: .string(hash))

        var rs = ReplicaSet(namespace: d.namespace, name: "\(d.name)-\(hash)")
        rs.labels = podLabels
        rs.ownerReferences = [.controllerRef(to: d.object)]
        var spec: JSONValue = ["replicas": 0, "selector": selector, "template": template]
        if d.minReadySeconds != 0 { spec["minReadySeconds"] = .int(d.minReadySeconds) }
        rs.spec = spec
        var draft = RolloutReplicaSet(rs)
        let size = RolloutPlanner.newReplicaSetSize(replicas: d.replicas, strategy: d.strategy,
                                                   allReplicas: old.specReplicas, newReplicaSetReplicas: 0)
        draft.replicas = size
        var annotations: [String: String] = [:]
        _ = RevisionAnnotations.updateForNewReplicaSet(
            &annotations, deploymentAnnotations: d.annotations, newRevision: revision, exists: false,
            replicas: d.replicas, maxReplicas: d.replicas + d.maxSurge)
        draft.object.annotations = annotations

        let created: RolloutReplicaSet
        var alreadyExisted = false
        do {
            created = RolloutReplicaSet(try await client.create(draft.object))
        } catch let error as APIError where error.isAlreadyExists {
            let existing = try await client.get(ReplicaSet.self, namespace: d.namespace, name: draft.name)
            guard existing.controllerRef?.uid == d.uid,
                  PodTemplateHash.equalIgnoringHash(RolloutReplicaSet(existing).template, d.template) else {
                var status = d.status
                status.collisionCount = (status.collisionCount ?? 0) + 1
                try await writeStatus(status)
                controller.logger.info("found a hash collision for deployment; bumped collisionCount",
                                       metadata: ["deployment": .string(d.object.key), "collisionCount": "\(status.collisionCount ?? 0)"])
                throw error
            }
            created = RolloutReplicaSet(existing)
            alreadyExisted = true
        } catch let error as APIError {
            let message = "Failed to create new replica set \"\(draft.name)\": \(error.message)"
            if d.hasProgressDeadline {
                var status = d.status
                status.conditions.set(DeploymentCondition(
                    type: DeploymentConditionType.progressing, status: "False",
                    reason: DeploymentConditionReason.failedReplicaSetCreate, message: message, now: controller.timestamp))
                try? await writeStatus(status)
            }
            controller.event(d, .warning, reason: DeploymentConditionReason.failedReplicaSetCreate, message)
            throw error
        }
        remember(created)
        if !alreadyExisted && size > 0 {
            controller.event(d, reason: "ScalingReplicaSet", "Scaled up replica set \(created.name) from 0 to \(size)")
        }
        let revisionChanged = stageDeploymentRevision(String(revision))
        var status = d.status
        if !alreadyExisted && d.hasProgressDeadline {
            status.conditions.set(DeploymentCondition(
                type: DeploymentConditionType.progressing, status: "True",
                reason: DeploymentConditionReason.newReplicaSetCreated,
                message: "Created new replica set \"\(created.name)\"", now: controller.timestamp))
        }
        if revisionChanged || status != d.status { try await writeStatus(status) }
        return created
    }

    /// Sets the new ReplicaSet's revision on the Deployment in memory (`kubectl rollout
    /// status` and `history` read it there too); the caller's status write carries it, as
    /// upstream's does (the status subresource keeps annotation changes). Returns whether it
    /// changed.
    mutating func stageDeploymentRevision(_ revision: String) -> Bool {
        guard d.annotations[RevisionAnnotations.revision] != revision else { return false }
        var annotations = d.annotations
        annotations[RevisionAnnotations.revision] = revision
        d.object.annotations = annotations
        return true
    }
}
