import KubeAPI
import KubeMachinery

/// What a component wants to hear about a shared informer's objects (client-go's
/// `ResourceEventHandlerFuncs`). Each handler is called from its own task, one notification
/// at a time, in the order the cache changed; a slow handler delays only itself.
///
/// Handlers receive the cache's copies: they should enqueue keys or record facts and return
/// quickly, never block, and never expect a change to an object to reach the cache.
public struct ResourceEventHandler: Sendable {
    /// A new object. `isInInitialList` is true for objects of the first list, and for the
    /// catch-up adds a handler registered after sync receives.
    public var onAdd: @Sendable (_ object: JSONValue, _ isInInitialList: Bool) -> Void
    /// A changed object; also called with `old == new` on periodic resync.
    public var onUpdate: @Sendable (_ old: JSONValue, _ new: JSONValue) -> Void
    /// A removed object, with its last known state. An object deleted while the watch was
    /// down (noticed on re-list) is delivered with the state the cache last had.
    public var onDelete: @Sendable (_ object: JSONValue) -> Void

    public init(onAdd: @escaping @Sendable (_ object: JSONValue, _ isInInitialList: Bool) -> Void = { _, _ in },
                onUpdate: @escaping @Sendable (_ old: JSONValue, _ new: JSONValue) -> Void = { _, _ in },
                onDelete: @escaping @Sendable (_ object: JSONValue) -> Void = { _ in }) {
        self.onAdd = onAdd
        self.onUpdate = onUpdate
        self.onDelete = onDelete
    }

    /// A handler that sees typed views.
    public static func typed<T: KubeObject>(_ type: T.Type,
                                            onAdd: @escaping @Sendable (_ object: T, _ isInInitialList: Bool) -> Void = { _, _ in },
                                            onUpdate: @escaping @Sendable (_ old: T, _ new: T) -> Void = { _, _ in },
                                            onDelete: @escaping @Sendable (_ object: T) -> Void = { _ in }) -> ResourceEventHandler {
        ResourceEventHandler(onAdd: { onAdd(T(json: $0), $1) },
                             onUpdate: { onUpdate(T(json: $0), T(json: $1)) },
                             onDelete: { onDelete(T(json: $0)) })
    }

    /// A handler that calls `enqueue` with the object's cache key on every add, update and
    /// delete: the usual start of a level-triggered controller.
    public static func enqueueingKeys(_ enqueue: @escaping @Sendable (String) -> Void) -> ResourceEventHandler {
        ResourceEventHandler(onAdd: { o, _ in enqueue(Indexer.key(of: o)) },
                             onUpdate: { _, new in enqueue(Indexer.key(of: new)) },
                             onDelete: { o in enqueue(Indexer.key(of: o)) })
    }
}
