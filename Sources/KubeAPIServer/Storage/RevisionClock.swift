import Synchronization

/// The store revision every watch cache has caught up to.
///
/// The feeder advances it after applying each event to its cache, so `current ≥ R` means every
/// cache holds every change up to R: reads wait on this one clock instead of each cache being
/// told about every other resource's writes.
final class RevisionClock: Sendable {
    private struct State {
        /// -1 until the caches are loaded.
        var revision: Int64 = -1
        var waiters: [(Int64, CheckedContinuation<Void, Never>)] = []
    }

    private let state = Mutex(State())

    var current: Int64 { state.withLock { $0.revision } }

    func advance(to revision: Int64) {
        let ready: [CheckedContinuation<Void, Never>] = state.withLock { s in
            guard revision > s.revision else { return [] }
            s.revision = revision
            guard !s.waiters.isEmpty else { return [] }
            var out: [CheckedContinuation<Void, Never>] = []
            s.waiters.removeAll { (rev, c) in
                if rev <= revision { out.append(c); return true }
                return false
            }
            return out
        }
        for c in ready { c.resume() }
    }

    /// Returns once the clock has reached `revision`.
    func waitFor(_ revision: Int64) async {
        // Fast path without a continuation: almost every read finds the clock already there.
        if current >= revision { return }
        await withCheckedContinuation { (c: CheckedContinuation<Void, Never>) in
            let now = state.withLock { s -> Bool in
                if s.revision >= revision { return true }
                s.waiters.append((revision, c))
                return false
            }
            if now { c.resume() }
        }
    }
}
