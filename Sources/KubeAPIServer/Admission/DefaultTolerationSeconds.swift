import KubeMachinery
import KubeResources

/// Upstream's DefaultTolerationSeconds admission: a new pod that does not already tolerate
/// the `node.kubernetes.io/not-ready` and `node.kubernetes.io/unreachable` NoExecute taints
/// gets tolerations for them with `tolerationSeconds` 300, so that a node going silent
/// evicts its pods after five minutes rather than at once.
extension ResourceContext {
    func admitDefaultTolerationSeconds(_ obj: inout JSONValue) {
        guard type.plural == "pods", type.group.isEmpty, case .object = obj["spec"] ?? .null else { return }
        var tolerations = obj[path: ["spec", "tolerations"]]?.arrayValue ?? []
        for (key, seconds) in [("node.kubernetes.io/not-ready", server.config.defaultNotReadyTolerationSeconds),
                               ("node.kubernetes.io/unreachable", server.config.defaultUnreachableTolerationSeconds)] {
            // A toleration with an empty key or effect already covers the taint.
            let covered = tolerations.contains { t in
                let k = t["key"]?.stringValue ?? "", e = t["effect"]?.stringValue ?? ""
                return (k == key || k.isEmpty) && (e == "NoExecute" || e.isEmpty)
            }
            guard !covered else { continue }
            tolerations.append(["key": .string(key), "operator": "Exists", "effect": "NoExecute",
                                "tolerationSeconds": .int(seconds)])
        }
        obj.set(["spec", "tolerations"], to: .array(tolerations))
    }
}
