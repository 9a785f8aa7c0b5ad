import KubeAPI
import KubeClient
import KubeMachinery

/// Which Deployment to look at again when a Deployment, ReplicaSet or pod changes: handlers
/// only enqueue keys; everything else happens in a sync.
extension DeploymentController {
    func registerHandlers() {
        deploymentInformer.addEventHandler(.enqueueingKeys { [queue] key in queue.add(key) })
        replicaSetInformer.addEventHandler(ResourceEventHandler(
            onAdd: { [weak self] rs, _ in self?.replicaSetChanged(old: nil, new: rs) },
            onUpdate: { [weak self] old, new in self?.replicaSetChanged(old: old, new: new) },
            onDelete: { [weak self] rs in self?.enqueueController(of: rs) }))
        podInformer.addEventHandler(ResourceEventHandler(
            onDelete: { [weak self] pod in self?.podDeleted(pod) }))
    }

    /// A ReplicaSet appeared or changed: its controller, a former controller, or for an
    /// orphan every Deployment that could adopt it.
    func replicaSetChanged(old: JSONValue?, new: JSONValue) {
        if let old, let oldRef = ControllerKeys.controllerRef(of: old),
           oldRef.uid != ControllerKeys.controllerRef(of: new)?.uid {
            enqueueController(of: old)
        }
        if ControllerKeys.controllerRef(of: new) != nil {
            enqueueController(of: new)
            return
        }
        // An orphan: a Deployment whose selector matches may adopt it.
        if let old, old["metadata"]?["labels"] == new["metadata"]?["labels"], old["metadata"]?["ownerReferences"] == new["metadata"]?["ownerReferences"] {
            return
        }
        let rs = ReplicaSet(json: new)
        for d in deployments.list(namespace: rs.namespace) where Self.selects(d, labels: rs.labels) {
            queue.add(d.key)
        }
    }

    /// Enqueues the Deployment named in an object's controllerRef, if it is the one cached
    /// under that name (same uid).
    func enqueueController(of object: JSONValue) {
        guard let ref = ControllerKeys.controllerRef(of: object),
              let key = ControllerKeys.controllerKey(of: object, ownerKind: Deployment.self) else { return }
        let (ns, name) = ControllerKeys.split(key)
        guard let d = deployments.get(namespace: ns, name: name), d.uid == ref.uid else { return }
        queue.add(key)
    }

    /// A Recreate rollout waits for old pods to be gone: the last deletion is its cue.
    func podDeleted(_ podJSON: JSONValue) {
        guard let rsKey = ControllerKeys.controllerKey(of: podJSON, ownerKind: ReplicaSet.self) else { return }
        let (ns, name) = ControllerKeys.split(rsKey)
        guard let rs = replicaSets.get(namespace: ns, name: name),
              let dKey = ControllerKeys.controllerKey(of: rs.json, ownerKind: Deployment.self) else { return }
        let (dns, dname) = ControllerKeys.split(dKey)
        guard let d = deployments.get(namespace: dns, name: dname),
              RolloutDeployment(d).strategy == .recreate else { return }
        queue.add(dKey)
    }

    static func selects(_ d: Deployment, labels: [String: String]) -> Bool {
        guard let selector = try? LabelSelector(metav1: d.json["spec"]?["selector"]), !selector.isEverything else { return false }
        return selector.matches(labels)
    }
}
