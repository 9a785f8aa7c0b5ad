import Synchronization

/// A thread-safe boolean tests set from one task and poll from another.
final class Flag: Sendable {
    private let value = Mutex(false)
    init() {}
    func set() { value.withLock { $0 = true } }
    var isSet: Bool { value.withLock { $0 } }
}
