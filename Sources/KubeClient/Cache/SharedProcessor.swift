import KubeMachinery
import Synchronization

/// The informer's side of the reflector (client-go's `sharedProcessor` with the DeltaFIFO's
/// job folded in): it applies each list or event to the Indexer and turns the change into
/// notifications for every registered handler.
///
/// Store writes and fan-out happen under one lock, so every handler sees the changes in the
/// order the store saw them, and a handler registered at any moment gets exactly the store's
/// content at that moment (as adds) followed by every later change, with no gap or repeat.
final class SharedProcessor: ReflectorStore {
    private struct State {
        var listeners: [Int: ProcessorListener] = [:]
        var nextID = 0
        /// The first list has been applied.
        var synced = false
        var stopped = false
    }

    let indexer: Indexer
    private let state = Mutex(State())

    init(indexer: Indexer) { self.indexer = indexer }

    deinit { stop() }

    // MARK: Handlers

    /// Registers a handler. After sync it first receives an add for every stored object.
    /// A processor that has stopped accepts the handler but delivers nothing.
    func addListener(_ handler: ResourceEventHandler) -> ProcessorListener {
        state.withLock { s in
            let listener = ProcessorListener(id: s.nextID, handler: handler)
            s.nextID += 1
            if s.stopped {
                listener.stop()
                return listener
            }
            if s.synced {
                for o in indexer.list() { listener.send(.add(o, isInInitialList: true)) }
                listener.markInitialListEnqueued()
            }
            s.listeners[listener.id] = listener
            listener.start()
            return listener
        }
    }

    func removeListener(id: Int) {
        let removed = state.withLock { $0.listeners.removeValue(forKey: id) }
        removed?.stop()
    }

    /// Stops every handler's delivery; later changes still reach the store but nobody hears.
    func stop() {
        let listeners: [ProcessorListener] = state.withLock { s in
            s.stopped = true
            defer { s.listeners = [:] }
            return Array(s.listeners.values)
        }
        for l in listeners { l.stop() }
    }

    // MARK: ReflectorStore

    /// A (re-)list. The first one announces every object as part of the initial list; later
    /// ones announce only what changed while the watch was away: new objects as adds,
    /// objects with a new resourceVersion as updates, vanished ones as deletes.
    func replace(_ objects: [JSONValue], resourceVersion: String) {
        state.withLock { s in
            let previous = indexer.replaceAll(objects, resourceVersion: resourceVersion)
            let initial = !s.synced
            var seen = Set<String>()
            seen.reserveCapacity(objects.count)
            for o in objects {
                let key = Indexer.key(of: o)
                seen.insert(key)
                if let old = previous[key] {
                    if SharedProcessor.resourceVersion(old) != SharedProcessor.resourceVersion(o) {
                        SharedProcessor.distribute(.update(old: old, new: o), to: s.listeners)
                    }
                } else {
                    SharedProcessor.distribute(.add(o, isInInitialList: initial), to: s.listeners)
                }
            }
            for (key, old) in previous where !seen.contains(key) {
                SharedProcessor.distribute(.delete(old), to: s.listeners)
            }
            if initial {
                s.synced = true
                for l in s.listeners.values { l.markInitialListEnqueued() }
            }
        }
    }

    func add(_ object: JSONValue) { upsert(object) }

    func update(_ object: JSONValue) { upsert(object) }

    /// An add of a known object is an update and an update of an unknown one an add: after a
    /// re-list the watch may repeat what the list already showed.
    private func upsert(_ object: JSONValue) {
        state.withLock { s in
            if let old = indexer.upsert(object) {
                SharedProcessor.distribute(.update(old: old, new: object), to: s.listeners)
            } else {
                SharedProcessor.distribute(.add(object, isInInitialList: false), to: s.listeners)
            }
        }
    }

    func delete(_ object: JSONValue) {
        state.withLock { s in
            indexer.remove(key: Indexer.key(of: object))
            SharedProcessor.distribute(.delete(object), to: s.listeners)
        }
    }

    /// Periodic resync: an update with old == new for every stored object, so handlers get a
    /// chance to re-check state they may have failed to act on.
    func resync() {
        state.withLock { s in
            guard s.synced, !s.listeners.isEmpty else { return }
            for o in indexer.list() { SharedProcessor.distribute(.update(old: o, new: o), to: s.listeners) }
        }
    }

    private static func distribute(_ n: ProcessorListener.Notification, to listeners: [Int: ProcessorListener]) {
        for l in listeners.values { l.send(n) }
    }

    private static func resourceVersion(_ o: JSONValue) -> String? {
        o["metadata"]?["resourceVersion"]?.stringValue
    }
}
