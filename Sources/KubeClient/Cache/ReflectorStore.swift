import KubeMachinery

/// Where a `Reflector` puts what it learns from the API server: a whole list, then the
/// watch's changes one by one. Calls come from one task, in the order the server sent them,
/// and must not block (the reflector is reading a stream while it calls).
public protocol ReflectorStore: Sendable {
    /// The result of a (re-)list: the store's content becomes exactly `objects`.
    func replace(_ objects: [JSONValue], resourceVersion: String)
    /// An `ADDED` event.
    func add(_ object: JSONValue)
    /// A `MODIFIED` event.
    func update(_ object: JSONValue)
    /// A `DELETED` event; the object is its last state.
    func delete(_ object: JSONValue)
}

/// A bare Indexer is a valid reflector target: a cache without handlers.
extension Indexer: ReflectorStore {}
