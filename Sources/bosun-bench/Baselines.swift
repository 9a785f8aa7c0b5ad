import Synchronization

/// Figures one suite measures and a later suite reports its own figures against, so that every
/// number in the table sits beside a baseline taken in the same run on the same machine.
final class Baselines: Sendable {
    struct Values: Sendable {
        /// Raw SQLite inserts per second, by concurrency.
        var rawInsert: [Int: Double] = [:]
        /// SQLiteBackend operations per second, by concurrency.
        var storeGet: [Int: Double] = [:]
        var storeUpdate: [Int: Double] = [:]
        /// SQLiteBackend list of 10,000 keys, median seconds.
        var storeList10kP50: Double?
        /// Store-level watch lag p99 (seconds), by number of watchers.
        var storeWatchLagP99: [Int: Double] = [:]
        /// Seconds for an in-process APIServer over a fresh store to become ready: what the
        /// process start adds PKI, TLS and process creation to.
        var inProcessReady: Double?
    }

    private let values = Mutex(Values())

    func update(_ body: (inout Values) -> Void) { values.withLock { body(&$0) } }
    var current: Values { values.withLock { $0 } }
}

/// Reports `value` against a baseline rate: the ratio column is value / baseline.
func ratioText(_ value: Double, _ baseline: Double?) -> (baseline: String, ratio: String, ratioValue: Double?) {
    guard let b = baseline, b > 0 else { return ("-", "", nil) }
    return (Format.rate(b), Format.percent(value / b), value / b)
}
