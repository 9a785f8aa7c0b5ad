import KubeAPI
import KubeMachinery

/// Typed reads of an informer's cache (client-go's generated listers): what controllers
/// use instead of asking the API server. Results are copies; changing one changes nothing.
public struct Lister<T: KubeObject>: Sendable {
    public let indexer: Indexer

    public init(indexer: Indexer) { self.indexer = indexer }

    /// The object `namespace/name` (or `name` for a cluster-scoped kind), if cached.
    public func get(namespace: String? = nil, name: String) -> T? {
        indexer.get(namespace: namespace, name: name).map(T.init(json:))
    }

    /// Cached objects, optionally of one namespace (through the namespace index) and
    /// matching a label selector.
    public func list(namespace: String? = nil, selector: LabelSelector? = nil) -> [T] {
        let objects = namespace.map { indexer.byIndex(Indexer.namespaceIndex, $0) } ?? indexer.list()
        guard let selector, !selector.isEverything else { return objects.map(T.init(json:)) }
        return objects.compactMap { o in
            let labels = o["metadata"]?["labels"]?.stringMap ?? [:]
            return selector.matches(labels) ? T(json: o) : nil
        }
    }

    /// Cached objects filed under `value` in index `name` (e.g. pods by `spec.nodeName`).
    public func byIndex(_ name: String, _ value: String) -> [T] {
        indexer.byIndex(name, value).map(T.init(json:))
    }
}
