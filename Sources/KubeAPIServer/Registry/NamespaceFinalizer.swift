import KubeMachinery
import KubeResources
import KubeStorage

extension APIServer {
    /// Empties a terminating namespace and removes it.
    ///
    /// A stand-in for the namespace controller (which will delete contents through the API,
    /// honouring finalizers and graceful deletion): until it exists, this removes the
    /// namespace's objects from the store directly so that `kubectl delete ns` completes.
    func namespaceTerminating(_ namespace: String) {
        Task {
            var prefixes: Set<String> = []
            for t in registry.all where t.namespaced { prefixes.insert(ResourceRegistry.storagePrefix(t) + namespace + "/") }
            for p in prefixes.sorted() {
                guard let items = try? await store.list(prefix: p, startKey: nil, limit: 0, revision: 0).items else { continue }
                for kv in items {
                    if let (_, rev) = try? await store.delete(kv.key, expectedModRevision: nil) { noteWrite(rev, key: kv.key) }
                }
            }
            guard let nsType = registry.lookup(group: "", version: "v1", resource: "namespaces") else { return }
            let key = ResourceRegistry.storageKey(nsType, namespace: nil, name: namespace)
            // Only the namespace's own finalizers stand between it and removal.
            for _ in 0..<8 {
                guard let kv = try? await store.get(key), var obj = try? JSONValue.parse(kv.value) else { return }
                let finalizers = obj[path: ["metadata", "finalizers"]]?.arrayValue ?? []
                if !finalizers.isEmpty {
                    obj.set(["spec", "finalizers"], to: nil)
                    if let rev = try? await store.update(key, value: obj.serialized(), expectedModRevision: kv.modRevision) { noteWrite(rev, key: key) }
                    return
                }
                if let (_, rev) = try? await store.delete(key, expectedModRevision: kv.modRevision) {
                    noteWrite(rev, key: key)
                    return
                }
            }
        }
    }
}
