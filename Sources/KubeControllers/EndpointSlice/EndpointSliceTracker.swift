import KubeAPI
import Synchronization

/// Remembers the slices this controller wrote, per Service, so that a sync can tell when the
/// informer cache has not caught up with its own writes (upstream's `EndpointSliceTracker`).
/// Planning from a stale cache would create duplicate slices or lose updates; a stale Service
/// is retried shortly instead.
final class EndpointSliceTracker: Sendable {
    private struct Expectations {
        /// Slice name to the resourceVersion of our last write.
        var written: [String: String] = [:]
        var deleted: Set<String> = []
    }
    private let state = Mutex<[String: Expectations]>([:])

    func wrote(_ slice: EndpointSlice, service: String) {
        guard let rv = slice.resourceVersion else { return }
        state.withLock { s in
            s[service, default: Expectations()].written[slice.name] = rv
            s[service]?.deleted.remove(slice.name)
        }
    }

    func deleted(_ name: String, service: String) {
        state.withLock { s in
            s[service, default: Expectations()].deleted.insert(name)
            s[service]?.written[name] = nil
        }
    }

    /// Whether `cached` (the slices in the cache) reflects every write made for `service`;
    /// expectations the cache has met are dropped.
    func isCurrent(service: String, cached: [EndpointSlice]) -> Bool {
        let byName = Dictionary(cached.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
        return state.withLock { s in
            guard var e = s[service] else { return true }
            for (name, rv) in e.written {
                guard let seen = byName[name]?.resourceVersion, Self.isAtLeast(seen, rv) else { continue }
                e.written[name] = nil
            }
            e.deleted = e.deleted.filter { byName[$0] != nil }
            s[service] = e.written.isEmpty && e.deleted.isEmpty ? nil : e
            return s[service] == nil
        }
    }

    /// A slice left the cache: expectations about it are void (someone else may have deleted it).
    func observedDeletion(_ name: String, service: String) {
        state.withLock { s in
            s[service]?.written[name] = nil
            s[service]?.deleted.remove(name)
        }
    }

    /// Forgets a Service (it was deleted).
    func forget(service: String) {
        state.withLock { _ = $0.removeValue(forKey: service) }
    }

    /// resourceVersions are opaque, but Bosun's are revision numbers: compare them as such,
    /// and fall back to equality for anything else.
    private static func isAtLeast(_ seen: String, _ expected: String) -> Bool {
        if let a = Int64(seen), let b = Int64(expected) { return a >= b }
        return seen == expected
    }
}
