import KubeAPI
import KubeClient
import KubeMachinery

/// Claims children (pods of a ReplicaSet, ReplicaSets of a Deployment) for one owner, with
/// upstream's `ControllerRefManager` rules:
///
/// - a child whose controllerRef names another owner is left alone;
/// - a child already ours is kept while it matches the selector, and released (our reference
///   removed) when it no longer does, unless the owner is being deleted;
/// - an orphan that matches is adopted, unless the owner or the orphan is being deleted or
///   they are in different namespaces. Before the first adoption the owner is read afresh
///   from the API (upstream's `RecheckDeletionTimestamp`): a cache may still show an owner
///   that was deleted, or deleted and recreated under the same name with a new uid.
///
/// Writes are JSON patches of `metadata.ownerReferences` guarded by `test` operations on the
/// child's uid (so a child deleted and recreated under the same name is never touched) and on
/// the references as they were read (so a concurrent adoption by someone else makes ours fail
/// instead of overwriting it).
public struct ControllerRefManager<Owner: KubeObject, Child: KubeObject>: Sendable {
    public let client: KubeClient
    public let owner: Owner
    public let selector: LabelSelector

    public init(client: KubeClient, owner: Owner, selector: LabelSelector) {
        self.client = client
        self.owner = owner
        self.selector = selector
    }

    /// Errors met while claiming; the children that could be claimed are in `claimed`.
    public struct ClaimError: Error, CustomStringConvertible {
        public var claimed: [Child]
        public var errors: [any Error]
        public var description: String { errors.map { "\($0)" }.joined(separator: "; ") }
    }

    /// The children this owner controls after adopting and releasing as needed. `filter`
    /// excludes children before anything else (e.g. inactive pods are never adopted).
    /// Throws `ClaimError` if a write failed; every other child was still processed.
    public func claim(_ children: [Child], filter: (Child) -> Bool = { _ in true }) async throws -> [Child] {
        var claimed: [Child] = []
        var errors: [any Error] = []
        var adoptionAllowed: Result<Void, any Error>?
        for child in children where filter(child) {
            do {
                if let mine = try await claimOne(child, canAdopt: {
                    if adoptionAllowed == nil { adoptionAllowed = await recheckOwner() }
                    try adoptionAllowed!.get()
                }) {
                    claimed.append(mine)
                }
            } catch {
                errors.append(error)
            }
        }
        if !errors.isEmpty { throw ClaimError(claimed: claimed, errors: errors) }
        return claimed
    }

    /// Decides about one child; returns it (as written, if it was adopted) when it is ours.
    private func claimOne(_ child: Child, canAdopt: () async throws -> Void) async throws -> Child? {
        if let ref = child.controllerRef {
            guard ref.uid == owner.uid else { return nil }
            if selector.matches(child.labels) { return child }
            // Ours but no longer selected; an owner on its way out leaves children to the GC.
            guard !owner.isBeingDeleted else { return nil }
            do {
                try await release(child)
            } catch let e as APIError where e.isNotFound {
                // Already gone: nothing to release.
            }
            return nil
        }
        guard !owner.isBeingDeleted, selector.matches(child.labels), !child.isBeingDeleted else { return nil }
        if let ns = owner.namespace, !ns.isEmpty, ns != child.namespace { return nil }
        try await canAdopt()
        do {
            return try await adopt(child)
        } catch let e as APIError where e.isNotFound {
            return nil
        }
    }

    /// Reads the owner afresh: adoption is allowed only if it still exists with the same uid
    /// and is not being deleted.
    private func recheckOwner() async -> Result<Void, any Error> {
        do {
            let fresh = try await client.get(Owner.self, namespace: owner.namespace, name: owner.name)
            if fresh.uid != owner.uid {
                return .failure(AdoptionRefused("original \(Owner.resource.kind) \(owner.key) is gone: got uid \(fresh.uid), wanted \(owner.uid)"))
            }
            if fresh.isBeingDeleted {
                return .failure(AdoptionRefused("\(Owner.resource.kind) \(owner.key) has just been deleted at \(fresh.deletionTimestamp ?? "")"))
            }
            return .success(())
        } catch {
            return .failure(error)
        }
    }

    /// Adds our controllerRef to an orphan.
    public func adopt(_ child: Child) async throws -> Child {
        let ref = OwnerReference.controllerRef(to: owner)
        var ops: [JSONValue] = [["op": "test", "path": "/metadata/uid", "value": .string(child.uid)]]
        if let existing = child.json["metadata"]?["ownerReferences"], !(existing.arrayValue ?? []).isEmpty {
            ops.append(["op": "test", "path": "/metadata/ownerReferences", "value": existing])
            ops.append(["op": "add", "path": "/metadata/ownerReferences/-", "value": ref.json])
        } else {
            ops.append(["op": "add", "path": "/metadata/ownerReferences", "value": [ref.json]])
        }
        return try await client.patch(Child.self, namespace: child.namespace, name: child.name, .json, .array(ops))
    }

    /// Removes our reference from a child.
    public func release(_ child: Child) async throws {
        let refs = child.json["metadata"]?["ownerReferences"]?.arrayValue ?? []
        guard let index = refs.firstIndex(where: { $0["uid"]?.stringValue == owner.uid }) else { return }
        let ops: [JSONValue] = [
            ["op": "test", "path": "/metadata/uid", "value": .string(child.uid)],
            ["op": "test", "path": .string("/metadata/ownerReferences/\(index)/uid"), "value": .string(owner.uid)],
            ["op": "remove", "path": .string("/metadata/ownerReferences/\(index)")],
        ]
        _ = try await client.patch(Child.resource, namespace: child.namespace, name: child.name, .json, .array(ops))
    }
}

/// The owner may not adopt: it is gone, replaced, or being deleted.
public struct AdoptionRefused: Error, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}
