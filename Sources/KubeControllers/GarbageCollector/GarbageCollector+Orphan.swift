import KubeAPI
import KubeClient
import KubeMachinery

extension GarbageCollector {
    /// Orphan propagation: every dependent loses its reference to the owner, then the owner's
    /// `orphan` finalizer is removed so that the API server can let it go.
    func attemptToOrphan(uid: String) async -> ReconcileResult {
        guard let owner = graph.node(uid), owner.orphaningDependents else { return .done }
        do {
            for dependent in graph.dependents(of: uid) {
                try await removeOwnerReferences([uid], from: dependent)
            }
            try await removeFinalizer(OwnerGraph.orphanFinalizer, from: owner)
            return .done
        } catch {
            return .error(error)
        }
    }

    /// Removes the references to `ownerUIDs` from an object, read fresh and written back with
    /// its resourceVersion (retried on conflict). A missing object needs nothing.
    func removeOwnerReferences(_ ownerUIDs: Set<String>, from node: OwnerGraphNode) async throws {
        try await rewrite(node) { object in
            let refs = object["metadata"]?["ownerReferences"]?.arrayValue ?? []
            let kept = refs.filter { !ownerUIDs.contains($0["uid"]?.stringValue ?? "") }
            if kept.count == refs.count { return false }
            object.set(["metadata", "ownerReferences"], to: kept.isEmpty ? nil : .array(kept))
            return true
        }
    }

    /// Removes one finalizer from an object; the API server deletes the object when it was
    /// the last one on an object being deleted.
    func removeFinalizer(_ finalizer: String, from node: OwnerGraphNode) async throws {
        try await rewrite(node) { object in
            let finalizers = object["metadata"]?["finalizers"]?.arrayValue ?? []
            let kept = finalizers.filter { $0.stringValue != finalizer }
            if kept.count == finalizers.count { return false }
            object.set(["metadata", "finalizers"], to: kept.isEmpty ? nil : .array(kept))
            return true
        }
    }

    /// Read-modify-write of the object behind `node`, skipped when the object is gone or has
    /// been replaced (another UID), or when `change` reports nothing to change.
    private func rewrite(_ node: OwnerGraphNode, _ change: (inout JSONValue) -> Bool) async throws {
        guard let r = resource(apiVersion: node.apiVersion, kind: node.kind) else {
            throw GarbageCollectorError("unable to resolve \(node.kind) in \(node.apiVersion)")
        }
        for attempt in 1...5 {
            guard var object = try await fetch(r, namespace: node.namespace, name: node.name),
                  object["metadata"]?["uid"]?.stringValue == node.uid else { return }
            guard change(&object) else { return }
            do {
                _ = try await client.update(r, object)
                return
            } catch let e as APIError where e.isNotFound {
                return
            } catch let e as APIError where e.isConflict && attempt < 5 {
                continue
            }
        }
    }
}
