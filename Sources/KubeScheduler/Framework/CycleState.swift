import Synchronization

/// Data plugins share within one scheduling cycle of one pod (PreFilter computes, Filter reads).
/// Each plugin stores its own value under its own key; the framework clones the state when it
/// simulates (preemption) so simulations never leak into the real cycle.
///
/// Filter and Score read it once per plugin per node (thousands of reads a cycle), so reads are
/// kept cheap: a short list scanned by key (the keys are static strings, so comparing them is
/// mostly a pointer check, cheaper than hashing), and each value boxed with its concrete type,
/// so reading it back as that type needs no dynamic cast.
public final class CycleState: Sendable {
    private let storage: Mutex<[Entry]>
    private let skips: Mutex<(filter: Set<String>, score: Set<String>)>

    struct Entry {
        var key: String
        var box: AnyStateBox
    }

    public init() {
        storage = Mutex([])
        skips = Mutex(([], []))
    }

    private init(storage: [Entry], skipFilter: Set<String>, skipScore: Set<String>) {
        self.storage = Mutex(storage)
        self.skips = Mutex((skipFilter, skipScore))
    }

    public func write(_ key: String, _ value: any Sendable) {
        let box = Self.makeBox(value)
        storage.withLock { entries in
            if let i = entries.firstIndex(where: { $0.key == key }) {
                entries[i].box = box
            } else {
                entries.append(Entry(key: key, box: box))
            }
        }
    }

    /// Opens the existential so the box records the value's concrete type.
    private static func makeBox<V: Sendable>(_ value: V) -> AnyStateBox { StateBox(value) }

    public func read<T>(_ key: String, as type: T.Type = T.self) -> T? {
        guard let box = storage.withLock({ entries in entries.first(where: { $0.key == key })?.box }) else { return nil }
        // Same concrete type as written (the usual case): no runtime cast.
        if ObjectIdentifier(Swift.type(of: box)) == ObjectIdentifier(StateBox<T>.self) {
            return unsafeDowncast(box, to: StateBox<T>.self).value
        }
        // Read as a protocol or a superclass: let the runtime decide.
        return box.anyValue as? T
    }

    public func delete(_ key: String) {
        storage.withLock { $0.removeAll { $0.key == key } }
    }

    /// Values that are mutated during simulation must be value types (or copied by `clone`'s
    /// caller): the clone shares nothing mutable with the original.
    public func clone() -> CycleState {
        let s = storage.withLock { $0 }
        let k = skips.withLock { $0 }
        return CycleState(storage: s, skipFilter: k.filter, skipScore: k.score)
    }

    /// Plugins whose PreFilter returned Skip: their Filter is not run this cycle.
    public var skipFilterPlugins: Set<String> {
        get { skips.withLock { $0.filter } }
        set { skips.withLock { $0.filter = newValue } }
    }

    /// Plugins whose PreScore returned Skip: their Score is not run this cycle.
    public var skipScorePlugins: Set<String> {
        get { skips.withLock { $0.score } }
        set { skips.withLock { $0.score = newValue } }
    }
}

/// A stored value, type-erased. Immutable: clones share boxes safely.
class AnyStateBox: @unchecked Sendable {
    var anyValue: Any { fatalError("abstract") }
}

final class StateBox<V>: AnyStateBox, @unchecked Sendable {
    let value: V
    init(_ value: V) { self.value = value }
    override var anyValue: Any { value }
}
