import Synchronization

/// Data plugins share within one scheduling cycle of one pod (PreFilter computes, Filter reads).
/// Each plugin stores its own value under its own key; the framework clones the state when it
/// simulates (preemption) so simulations never leak into the real cycle.
public final class CycleState: Sendable {
    private let storage: Mutex<[String: any Sendable]>
    private let skips: Mutex<(filter: Set<String>, score: Set<String>)>

    public init() {
        storage = Mutex([:])
        skips = Mutex(([], []))
    }

    private init(storage: [String: any Sendable], skipFilter: Set<String>, skipScore: Set<String>) {
        self.storage = Mutex(storage)
        self.skips = Mutex((skipFilter, skipScore))
    }

    public func write(_ key: String, _ value: any Sendable) {
        storage.withLock { $0[key] = value }
    }

    public func read<T>(_ key: String, as type: T.Type = T.self) -> T? {
        storage.withLock { $0[key] as? T }
    }

    public func delete(_ key: String) {
        storage.withLock { _ = $0.removeValue(forKey: key) }
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
