import KubeStorage
import Logging

/// Feeds every watch cache from ONE store watch over all of `/registry/`.
///
/// A single ordered stream means each cache knows the global revision it has caught up to, so
/// a read of any resource can wait for the newest write of any other resource (read-your-writes)
/// without progress notifications from the store.
struct CacheFeeder {
    let store: any StorageBackend
    let caches: [String: WatchCache]
    let clock: RevisionClock
    let logger: Logger
    static let root = "/registry/"

    func run() async {
        var after: Int64 = 0
        do {
            let list = try await store.list(prefix: Self.root, startKey: nil, limit: 0, revision: 0)
            var byPrefix: [String: [KeyValue]] = [:]
            for kv in list.items {
                if let p = prefix(of: kv.key) { byPrefix[p, default: []].append(kv) }
            }
            for (p, c) in caches { c.load(byPrefix[p] ?? [], revision: list.revision) }
            after = list.revision
            clock.advance(to: list.revision)
        } catch {
            logger.critical("initial list of the store failed", metadata: ["error": "\(error)"])
            return
        }
        while !Task.isCancelled {
            do {
                let stream = try await store.watch(prefix: Self.root, afterRevision: after)
                for try await ev in stream {
                    let rev = ev.kv.modRevision
                    if let p = prefix(of: ev.kv.key), let c = caches[p] { c.apply(ev) }
                    clock.advance(to: rev)
                    after = rev
                }
                if Task.isCancelled { break }
            } catch is CancellationError {
                break
            } catch StorageError.compacted {
                // We fell behind compaction: reload everything (watchers resume or re-list on 410).
                logger.warning("cache watch fell behind compaction; reloading")
                for c in caches.values { c.finishAll() }
                if let list = try? await store.list(prefix: Self.root, startKey: nil, limit: 0, revision: 0) {
                    var byPrefix: [String: [KeyValue]] = [:]
                    for kv in list.items { if let p = prefix(of: kv.key) { byPrefix[p, default: []].append(kv) } }
                    for (p, c) in caches { c.load(byPrefix[p] ?? [], revision: list.revision) }
                    after = list.revision
                    clock.advance(to: list.revision)
                }
            } catch {
                if Task.isCancelled { break }
                logger.warning("cache watch ended; restarting", metadata: ["error": "\(error)"])
                try? await Task.sleep(for: .milliseconds(100))
            }
        }
        for c in caches.values { c.finishAll() }
    }

    /// `/registry/<group>/<plural>/` of a key (up to and including its fourth slash).
    func prefix(of key: String) -> String? { Self.prefix(of: key) }

    static func prefix(of key: String) -> String? {
        var slashes = 0
        let utf8 = key.utf8
        var idx = utf8.startIndex
        while idx != utf8.endIndex {
            if utf8[idx] == UInt8(ascii: "/") {
                slashes += 1
                if slashes == 4 { return String(key[...idx]) }
            }
            idx = utf8.index(after: idx)
        }
        return nil
    }
}
