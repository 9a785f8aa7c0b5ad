import KubeAPI
import KubeClient
import KubeMachinery
import Synchronization

/// One object as the garbage collector remembers it: only its identity, its owners and what
/// state of deletion it is in. The full objects stay in the informers' caches.
struct OwnerGraphNode: Sendable {
    var apiVersion: String
    var kind: String
    var namespace: String?
    var name: String
    var uid: String
    var owners: [OwnerReference] = []
    /// UIDs of the objects naming this one in their ownerReferences.
    var dependents: Set<String> = []
    /// Known only from a dependent's ownerReference: not yet seen by an informer, so whether
    /// it exists must be checked against the API.
    var isVirtual = false
    /// A virtual node the API confirmed to exist (its kind may simply not be watched).
    var confirmed = false
    var beingDeleted = false
    /// Foreground deletion: deletionTimestamp and the `foregroundDeletion` finalizer.
    var deletingDependents = false
    /// Orphaning deletion: deletionTimestamp and the `orphan` finalizer.
    var orphaningDependents = false
}

/// What a graph change asks the collector to look at next.
struct OwnerGraphFollowUp: Sendable {
    /// UIDs to pass through "attempt to delete" (which may decide nothing needs doing).
    var attemptToDelete: [String] = []
    /// UIDs of owners whose dependents must be orphaned.
    var attemptToOrphan: [String] = []
}

/// The ownership graph (upstream's `uidToNode`): owner UID → dependents, built from every
/// monitored resource's informer events. Thread-safe; every change is one atomic step that
/// returns the follow-up work it implies.
final class OwnerGraph: Sendable {
    static let foregroundFinalizer = "foregroundDeletion"
    static let orphanFinalizer = "orphan"

    private let nodes = Mutex([String: OwnerGraphNode]())

    func node(_ uid: String) -> OwnerGraphNode? { nodes.withLock { $0[uid] } }

    var count: Int { nodes.withLock { $0.count } }

    func dependents(of uid: String) -> [OwnerGraphNode] {
        nodes.withLock { n in (n[uid]?.dependents ?? []).compactMap { n[$0] } }
    }

    /// Dependents whose reference to `uid` has blockOwnerDeletion: a foreground deletion of
    /// `uid` waits until none is left.
    func blockingDependents(of uid: String) -> [OwnerGraphNode] {
        dependents(of: uid).filter { d in d.owners.contains { $0.uid == uid && $0.blockOwnerDeletion } }
    }

    /// An informer saw `object` (a `kind` at `apiVersion`) added or changed.
    func observe(_ object: JSONValue, apiVersion: String, kind: String) -> OwnerGraphFollowUp {
        let meta = object["metadata"] ?? [:]
        guard let uid = meta["uid"]?.stringValue, !uid.isEmpty else { return OwnerGraphFollowUp() }
        let owners = (meta["ownerReferences"]?.arrayValue ?? []).map(OwnerReference.init(json:))
        let finalizers = Set((meta["finalizers"]?.arrayValue ?? []).compactMap(\.stringValue))
        let beingDeleted = meta["deletionTimestamp"] != nil
        let namespace = meta["namespace"]?.stringValue.flatMap { $0.isEmpty ? nil : $0 }
        return nodes.withLock { n in
            var followUp = OwnerGraphFollowUp()
            var node = n[uid] ?? OwnerGraphNode(apiVersion: apiVersion, kind: kind, namespace: namespace,
                                                name: meta["name"]?.stringValue ?? "", uid: uid)
            let oldOwners = node.isVirtual ? [] : node.owners
            node.apiVersion = apiVersion
            node.kind = kind
            node.namespace = namespace
            node.name = meta["name"]?.stringValue ?? node.name
            node.isVirtual = false
            node.owners = owners
            node.beingDeleted = beingDeleted
            node.deletingDependents = beingDeleted && finalizers.contains(Self.foregroundFinalizer)
            node.orphaningDependents = beingDeleted && finalizers.contains(Self.orphanFinalizer)
            n[uid] = node

            let oldByUID = Dictionary(oldOwners.map { ($0.uid, $0) }, uniquingKeysWith: { a, _ in a })
            let newByUID = Dictionary(owners.map { ($0.uid, $0) }, uniquingKeysWith: { a, _ in a })
            for ref in owners where oldByUID[ref.uid] == nil {
                if n[ref.uid] == nil {
                    // Not seen yet: maybe its informer lags, maybe it is gone. The API decides.
                    n[ref.uid] = OwnerGraphNode(apiVersion: ref.apiVersion, kind: ref.kind, namespace: namespace,
                                                name: ref.name, uid: ref.uid, isVirtual: true)
                    followUp.attemptToDelete.append(ref.uid)
                }
                n[ref.uid]?.dependents.insert(uid)
            }
            for (ownerUID, old) in oldByUID where newByUID[ownerUID] != old {
                if newByUID[ownerUID] == nil { n[ownerUID]?.dependents.remove(uid) }
                // An owner waiting for its dependents may be unblocked by this change.
                if n[ownerUID]?.deletingDependents == true { followUp.attemptToDelete.append(ownerUID) }
            }
            // A dependent of an owner that is absent or going away is looked at itself.
            if owners.contains(where: { n[$0.uid].map { ($0.isVirtual && !$0.confirmed) || $0.beingDeleted } ?? true }) {
                followUp.attemptToDelete.append(uid)
            }
            if node.deletingDependents {
                followUp.attemptToDelete.append(contentsOf: node.dependents)
                followUp.attemptToDelete.append(uid)
            }
            if node.orphaningDependents { followUp.attemptToOrphan.append(uid) }
            return followUp
        }
    }

    /// An informer saw `object` deleted.
    func forget(_ object: JSONValue) -> OwnerGraphFollowUp {
        guard let uid = object["metadata"]?["uid"]?.stringValue else { return OwnerGraphFollowUp() }
        return forget(uid: uid)
    }

    /// Removes `uid` (observed deleted, or a virtual node found absent): its dependents lost
    /// an owner and its owners lost a dependent; both are looked at again.
    func forget(uid: String) -> OwnerGraphFollowUp {
        nodes.withLock { n in
            var followUp = OwnerGraphFollowUp()
            guard let node = n.removeValue(forKey: uid) else { return followUp }
            followUp.attemptToDelete.append(contentsOf: node.dependents)
            for ref in node.owners {
                guard var owner = n[ref.uid] else { continue }
                owner.dependents.remove(uid)
                if owner.deletingDependents { followUp.attemptToDelete.append(ref.uid) }
                // A virtual owner exists only to hold dependents; with none left it goes too.
                if owner.isVirtual && owner.dependents.isEmpty {
                    n[ref.uid] = nil
                } else {
                    n[ref.uid] = owner
                }
            }
            // Dependents keep pointing at this UID; a node that only they know of stays
            // virtual so that their owner lookups hit the API.
            if !node.dependents.isEmpty {
                var placeholder = node
                placeholder.isVirtual = true
                placeholder.confirmed = false
                placeholder.owners = []
                placeholder.beingDeleted = false
                placeholder.deletingDependents = false
                placeholder.orphaningDependents = false
                n[uid] = placeholder
            }
            return followUp
        }
    }

    /// Records that the API has a virtual node's object, so its dependents stop asking.
    func confirmExists(uid: String) {
        nodes.withLock { n in if n[uid]?.isVirtual == true { n[uid]?.confirmed = true } }
    }

    /// Removes a virtual node that the API says does not exist, keeping nothing for it.
    func forgetAbsent(uid: String) -> OwnerGraphFollowUp {
        nodes.withLock { n in
            var followUp = OwnerGraphFollowUp()
            guard let node = n[uid], node.isVirtual else { return followUp }
            n[uid] = nil
            followUp.attemptToDelete.append(contentsOf: node.dependents)
            return followUp
        }
    }
}
