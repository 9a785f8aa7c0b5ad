import Synchronization

/// A one-way flag tasks can wait on: "the cache has synced" (true) or "it never will, the
/// informer stopped first" (false). Once decided it stays decided; waiters that are cancelled
/// get false.
final class SyncGate: Sendable {
    private enum State {
        case pending([Int: CheckedContinuation<Bool, Never>], nextID: Int)
        case decided(Bool)
    }

    private let state = Mutex<State>(.pending([:], nextID: 0))

    /// Whether the gate opened (nil while undecided).
    var outcome: Bool? {
        state.withLock { s in
            if case .decided(let v) = s { return v }
            return nil
        }
    }

    /// Decides the gate, waking every waiter. Later calls change nothing.
    func decide(_ value: Bool) {
        let waiters: [CheckedContinuation<Bool, Never>] = state.withLock { s in
            guard case .pending(let w, _) = s else { return [] }
            s = .decided(value)
            return Array(w.values)
        }
        for c in waiters { c.resume(returning: value) }
    }

    /// Waits until the gate is decided; false if the waiting task is cancelled first.
    func wait() async -> Bool {
        let id: Int? = state.withLock { s in
            guard case .pending(let w, let next) = s else { return nil }
            s = .pending(w, nextID: next + 1)
            return next
        }
        guard let id else { return outcome ?? false }
        return await withTaskCancellationHandler {
            await withCheckedContinuation { (c: CheckedContinuation<Bool, Never>) in
                let immediate: Bool? = self.state.withLock { s in
                    switch s {
                    case .decided(let v): return v
                    case .pending(var w, let next):
                        if Task.isCancelled { return false }
                        w[id] = c
                        s = .pending(w, nextID: next)
                        return nil
                    }
                }
                if let immediate { c.resume(returning: immediate) }
            }
        } onCancel: {
            let c: CheckedContinuation<Bool, Never>? = self.state.withLock { s in
                guard case .pending(var w, let next) = s, let c = w.removeValue(forKey: id) else { return nil }
                s = .pending(w, nextID: next)
                return c
            }
            c?.resume(returning: false)
        }
    }
}
