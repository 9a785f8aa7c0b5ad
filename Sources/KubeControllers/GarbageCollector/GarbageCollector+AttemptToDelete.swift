import KubeAPI
import KubeClient
import KubeMachinery

/// Why an item could not be processed; the queue retries it with backoff.
struct GarbageCollectorError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

extension GarbageCollector {
    /// How one owner reference of an object stands.
    enum OwnerState: Equatable {
        /// The owner exists and is not waiting for its dependents.
        case solid
        /// The owner is gone (or a different object now has its name).
        case dangling
        /// The owner is being deleted in the foreground, waiting for its dependents.
        case waitingForDependentsDeletion
    }

    /// Decides what one graph node needs: nothing, verification of a virtual owner, the end of
    /// a foreground deletion, removal of dangling references, or its own deletion.
    func attemptToDelete(uid: String) async -> ReconcileResult {
        guard let node = graph.node(uid) else { return .done }
        do {
            if node.isVirtual { return try await verifyVirtual(node) }
            if node.deletingDependents { return try await processDeletingDependents(node) }
            // Being deleted some other way: whatever deletes it is not the collector's business.
            if node.beingDeleted { return .done }
            return try await collectIfOrphaned(node)
        } catch {
            return .error(error)
        }
    }

    /// A virtual node is an owner only known from references: if the API does not have it,
    /// its dependents lost their owner.
    private func verifyVirtual(_ node: OwnerGraphNode) async throws -> ReconcileResult {
        guard let r = resource(apiVersion: node.apiVersion, kind: node.kind) else {
            throw GarbageCollectorError("unable to resolve \(node.kind) in \(node.apiVersion) for owner \(node.name)")
        }
        if let live = try await fetch(r, namespace: r.namespaced ? node.namespace : nil, name: node.name),
           live["metadata"]?["uid"]?.stringValue == node.uid {
            graph.confirmExists(uid: node.uid)
            return .done
        }
        enqueue(graph.forgetAbsent(uid: node.uid))
        return .done
    }

    /// Foreground deletion: the owner goes once no dependent blocks it; the dependents that
    /// block it are pushed towards deletion meanwhile.
    private func processDeletingDependents(_ node: OwnerGraphNode) async throws -> ReconcileResult {
        let blocking = graph.blockingDependents(of: node.uid)
        if blocking.isEmpty {
            try await removeFinalizer(OwnerGraph.foregroundFinalizer, from: node)
            return .done
        }
        // The deletion of each blocking dependent re-enqueues this owner.
        for d in blocking where !d.beingDeleted { deleteQueue.add(d.uid) }
        return .done
    }

    /// Deletes the object when all of its owners are gone; drops references to owners that
    /// are gone when some other owner remains.
    private func collectIfOrphaned(_ node: OwnerGraphNode) async throws -> ReconcileResult {
        guard let r = resource(apiVersion: node.apiVersion, kind: node.kind) else {
            throw GarbageCollectorError("unable to resolve \(node.kind) in \(node.apiVersion)")
        }
        // The informer may lag: decide on the object as the API has it now.
        guard let latest = try await fetch(r, namespace: node.namespace, name: node.name),
              latest["metadata"]?["uid"]?.stringValue == node.uid else {
            enqueue(graph.forget(uid: node.uid))
            return .done
        }
        let refs = (latest["metadata"]?["ownerReferences"]?.arrayValue ?? []).map(OwnerReference.init(json:))
        if refs.isEmpty { return .done }
        var solid: [OwnerReference] = [], dangling: [OwnerReference] = [], waiting: [OwnerReference] = []
        for ref in refs {
            switch try await ownerState(ref, dependentNamespace: node.namespace) {
            case .solid: solid.append(ref)
            case .dangling: dangling.append(ref)
            case .waitingForDependentsDeletion: waiting.append(ref)
            }
        }
        if !solid.isEmpty {
            let stale = Set((dangling + waiting).map(\.uid))
            if stale.isEmpty { return .done }
            try await removeOwnerReferences(stale, from: node)
            return .done
        }
        let finalizers = Set((latest["metadata"]?["finalizers"]?.arrayValue ?? []).compactMap(\.stringValue))
        let policy: DeleteOptions.Propagation
        if !waiting.isEmpty && !graph.dependents(of: node.uid).isEmpty {
            // An owner waits for this object's subtree too: delete it in the foreground as well.
            policy = .foreground
        } else if finalizers.contains(OwnerGraph.orphanFinalizer) {
            policy = .orphan
        } else if finalizers.contains(OwnerGraph.foregroundFinalizer) {
            policy = .foreground
        } else {
            policy = .background
        }
        try await deleteObject(r, node: node, policy: policy)
        return .done
    }

    /// Looks an owner up in the API (the graph may not have seen it, or may be stale).
    func ownerState(_ ref: OwnerReference, dependentNamespace: String?) async throws -> OwnerState {
        guard let r = resource(apiVersion: ref.apiVersion, kind: ref.kind) else {
            throw GarbageCollectorError("unable to resolve owner kind \(ref.kind) in \(ref.apiVersion)")
        }
        // A cluster-scoped object cannot be owned by a namespaced one: such a reference is absent.
        if r.namespaced && dependentNamespace == nil { return .dangling }
        guard let owner = try await fetch(r, namespace: r.namespaced ? dependentNamespace : nil, name: ref.name),
              owner["metadata"]?["uid"]?.stringValue == ref.uid else { return .dangling }
        let beingDeleted = owner["metadata"]?["deletionTimestamp"] != nil
        let finalizers = (owner["metadata"]?["finalizers"]?.arrayValue ?? []).compactMap(\.stringValue)
        if beingDeleted && finalizers.contains(OwnerGraph.foregroundFinalizer) { return .waitingForDependentsDeletion }
        return .solid
    }

    /// GET that answers nil for a missing object.
    func fetch(_ r: APIResource, namespace: String?, name: String) async throws -> JSONValue? {
        do {
            return try await client.get(r, namespace: namespace, name: name)
        } catch let e as APIError where e.isNotFound {
            return nil
        }
    }

    /// DELETE with a UID precondition, so that a new object that took the name survives; a
    /// missing object or a failed precondition both mean there is nothing left to delete.
    private func deleteObject(_ r: APIResource, node: OwnerGraphNode, policy: DeleteOptions.Propagation) async throws {
        logger.debug("deleting object", metadata: ["object": "\(r)/\(node.namespace.map { "\($0)/" } ?? "")\(node.name)",
                                                   "uid": "\(node.uid)", "propagationPolicy": "\(policy.rawValue)"])
        do {
            try await client.delete(r, namespace: node.namespace, name: node.name,
                                    options: DeleteOptions(propagationPolicy: policy, preconditionUID: node.uid))
        } catch let e as APIError where e.isNotFound || e.isConflict {
            return
        }
    }
}
