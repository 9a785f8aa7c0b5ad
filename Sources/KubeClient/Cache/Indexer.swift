import KubeMachinery
import Synchronization

/// Computes the values an object is filed under in one index (for example its namespace, or
/// the node a pod is bound to). An empty answer keeps the object out of that index.
public typealias IndexFunc = @Sendable (JSONValue) -> [String]

/// A thread-safe local copy of a resource's objects, keyed by `namespace/name` (or `name` for
/// cluster-scoped objects), with named secondary indices kept up to date on every change.
///
/// This is client-go's `cache.Indexer`. Readers get value copies of the JSON (copy-on-write,
/// so a read costs no deep copy); they must never expect a change they make to reach the cache.
/// Every write is O(1) in the number of stored objects: indices are updated per object, never
/// rebuilt, so a scheduler can keep 10,000+ pods at 1,000 events/s.
public final class Indexer: Sendable {
    /// The index every Indexer has: objects by `metadata.namespace`.
    public static let namespaceIndex = "namespace"

    struct State {
        var items: [String: JSONValue] = [:]
        var indexers: [String: IndexFunc] = [:]
        /// index name → index value → keys of the objects filed under that value.
        var indices: [String: [String: Set<String>]] = [:]
        var resourceVersion = ""
    }

    private let state: Mutex<State>

    /// A store with the namespace index plus `indexers` (which may not redefine `namespace`).
    public init(indexers: [String: IndexFunc] = [:]) {
        var s = State()
        s.indexers[Indexer.namespaceIndex] = IndexFunctions.namespace
        for (name, f) in indexers where name != Indexer.namespaceIndex { s.indexers[name] = f }
        for name in s.indexers.keys { s.indices[name] = [:] }
        state = Mutex(s)
    }

    /// The cache key of an object: `namespace/name`, or `name` when it has no namespace.
    public static func key(of object: JSONValue) -> String {
        let meta = object["metadata"]
        let name = meta?["name"]?.stringValue ?? ""
        if let ns = meta?["namespace"]?.stringValue, !ns.isEmpty { return "\(ns)/\(name)" }
        return name
    }

    /// The key for a namespace and name, matching `key(of:)`.
    public static func key(namespace: String?, name: String) -> String {
        if let namespace, !namespace.isEmpty { return "\(namespace)/\(name)" }
        return name
    }

    // MARK: Indices

    /// Adds indices, filing every object already stored. Redefining an existing index name is
    /// a programming error (two components would disagree about what it means), so it traps.
    public func addIndexers(_ more: [String: IndexFunc]) {
        state.withLock { s in
            for (name, f) in more {
                precondition(s.indexers[name] == nil, "Indexer: index \(name) already exists")
                Self.install(name, f, in: &s)
            }
        }
    }

    /// Adds the indices not already present. For indices several components share (the
    /// `IndexFunctions` constants): whoever comes first defines them, the rest reuse them.
    public func ensureIndexers(_ more: [String: IndexFunc]) {
        state.withLock { s in
            for (name, f) in more where s.indexers[name] == nil { Self.install(name, f, in: &s) }
        }
    }

    /// Defines index `name` and files every stored object in it.
    private static func install(_ name: String, _ f: @escaping IndexFunc, in s: inout State) {
        s.indexers[name] = f
        var index: [String: Set<String>] = [:]
        for (key, obj) in s.items {
            for v in f(obj) { index[v, default: []].insert(key) }
        }
        s.indices[name] = index
    }

    /// The names of the indices this store keeps.
    public var indexNames: [String] { state.withLock { Array($0.indexers.keys) } }

    // MARK: Reads

    public func get(key: String) -> JSONValue? { state.withLock { $0.items[key] } }

    public func get(namespace: String?, name: String) -> JSONValue? {
        get(key: Indexer.key(namespace: namespace, name: name))
    }

    /// Every stored object, in no particular order.
    public func list() -> [JSONValue] { state.withLock { Array($0.items.values) } }

    public func keys() -> [String] { state.withLock { Array($0.items.keys) } }

    public var count: Int { state.withLock { $0.items.count } }

    /// The objects filed under `value` in index `name`; empty for an unknown index or value.
    public func byIndex(_ name: String, _ value: String) -> [JSONValue] {
        state.withLock { s in
            guard let keys = s.indices[name]?[value] else { return [] }
            return keys.compactMap { s.items[$0] }
        }
    }

    /// The keys filed under `value` in index `name`.
    public func indexKeys(_ name: String, _ value: String) -> [String] {
        state.withLock { s in s.indices[name]?[value].map(Array.init) ?? [] }
    }

    /// The values index `name` currently holds objects under (e.g. every namespace in use).
    public func indexValues(_ name: String) -> [String] {
        state.withLock { s in s.indices[name].map { Array($0.keys) } ?? [] }
    }

    /// The resourceVersion of the list the store was last replaced with.
    public var resourceVersion: String { state.withLock { $0.resourceVersion } }

    // MARK: Writes

    /// Adds or replaces the object under its key; returns what was stored before.
    @discardableResult
    public func upsert(_ object: JSONValue) -> JSONValue? {
        let key = Indexer.key(of: object)
        return state.withLock { s in
            let old = s.items.updateValue(object, forKey: key)
            Indexer.reindex(&s, key: key, old: old, new: object)
            return old
        }
    }

    /// Same as `upsert`: an add of an object already present replaces it, as in client-go.
    public func add(_ object: JSONValue) { upsert(object) }

    public func update(_ object: JSONValue) { upsert(object) }

    /// Removes the object with the same key as `object`.
    public func delete(_ object: JSONValue) { remove(key: Indexer.key(of: object)) }

    public func delete(key: String) { remove(key: key) }

    /// Removes the object stored under `key`; returns it.
    @discardableResult
    public func remove(key: String) -> JSONValue? {
        state.withLock { s in
            guard let old = s.items.removeValue(forKey: key) else { return nil }
            Indexer.reindex(&s, key: key, old: old, new: nil)
            return old
        }
    }

    /// Replaces the whole content with a fresh list.
    public func replace(_ objects: [JSONValue], resourceVersion: String) {
        replaceAll(objects, resourceVersion: resourceVersion)
    }

    /// Replaces the whole content with `objects` (a fresh list) and rebuilds the indices;
    /// returns the previous content by key so a caller can work out what changed.
    @discardableResult
    public func replaceAll(_ objects: [JSONValue], resourceVersion: String) -> [String: JSONValue] {
        var items: [String: JSONValue] = [:]
        items.reserveCapacity(objects.count)
        for o in objects { items[Indexer.key(of: o)] = o }
        return state.withLock { s in
            var indices: [String: [String: Set<String>]] = [:]
            for (name, f) in s.indexers {
                var index: [String: Set<String>] = [:]
                for (key, obj) in items {
                    for v in f(obj) { index[v, default: []].insert(key) }
                }
                indices[name] = index
            }
            let old = s.items
            s.items = items
            s.indices = indices
            s.resourceVersion = resourceVersion
            return old
        }
    }

    /// Moves `key` from the index values of `old` to those of `new` in every index.
    private static func reindex(_ s: inout State, key: String, old: JSONValue?, new: JSONValue?) {
        for (name, f) in s.indexers {
            let before = old.map(f) ?? []
            let after = new.map(f) ?? []
            if before == after { continue }
            for v in before where !after.contains(v) {
                s.indices[name]?[v]?.remove(key)
                if s.indices[name]?[v]?.isEmpty == true { s.indices[name]?[v] = nil }
            }
            for v in after where !before.contains(v) {
                s.indices[name, default: [:]][v, default: []].insert(key)
            }
        }
    }
}
