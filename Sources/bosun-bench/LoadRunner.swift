import Foundation
import Synchronization

/// What one load run measured: how many operations finished, how long the run took, and the
/// latency of each successful operation.
struct LoadResult: Sendable {
    var operations: Int
    var failures: Int
    var elapsed: Duration
    var latency: LatencySummary
    /// The first failure's description, so a broken benchmark says why instead of looking fast.
    var firstFailure: String?

    /// Successful operations per second over the whole run.
    var throughput: Double {
        let s = elapsed.seconds
        return s > 0 ? Double(operations) / s : 0
    }
}

/// Hands out operation indexes to workers until the run's quota or time limit is reached.
///
/// A shared counter (rather than a fixed share per worker) keeps every worker busy to the end
/// even when some operations are much slower than others, as fsync-bound ones are.
final class OperationTickets: Sendable {
    private let next = Atomic<Int>(0)
    let total: Int
    let deadline: ContinuousClock.Instant

    init(total: Int, timeLimit: Duration) {
        self.total = total
        self.deadline = .now + timeLimit
    }

    /// The next operation index, or nil when the run is over.
    func take() -> Int? {
        if ContinuousClock.now >= deadline { return nil }
        let i = next.add(1, ordering: .relaxed).oldValue
        return i < total ? i : nil
    }
}

/// One worker's tally, merged after the run.
struct WorkerTally: Sendable {
    var latencies: [Double] = []
    var failures = 0
    var firstFailure: String?

    mutating func merge(_ other: WorkerTally) {
        latencies += other.latencies
        failures += other.failures
        if firstFailure == nil { firstFailure = other.firstFailure }
    }

    func result(elapsed: Duration) -> LoadResult {
        LoadResult(operations: latencies.count, failures: failures, elapsed: elapsed,
                   latency: LatencySummary(seconds: latencies), firstFailure: firstFailure)
    }
}

enum LoadRunner {
    /// Runs `operation` from `concurrency` Swift tasks until `operations` have been attempted or
    /// `timeLimit` has passed. The operation receives its index (0..<operations).
    static func tasks(concurrency: Int, operations: Int, timeLimit: Duration,
                      _ operation: @escaping @Sendable (Int) async throws -> Void) async -> LoadResult {
        let tickets = OperationTickets(total: operations, timeLimit: timeLimit)
        let start = ContinuousClock.now
        let tally = await withTaskGroup(of: WorkerTally.self) { group in
            for _ in 0..<concurrency {
                group.addTask {
                    var mine = WorkerTally()
                    mine.latencies.reserveCapacity(operations / concurrency + 1)
                    while let i = tickets.take() {
                        let t0 = ContinuousClock.now
                        do {
                            try await operation(i)
                            mine.latencies.append((ContinuousClock.now - t0).seconds)
                        } catch {
                            mine.failures += 1
                            if mine.firstFailure == nil { mine.firstFailure = String(describing: error) }
                        }
                    }
                    return mine
                }
            }
            var all = WorkerTally()
            for await t in group { all.merge(t) }
            return all
        }
        return tally.result(elapsed: ContinuousClock.now - start)
    }

    /// The same, from `concurrency` OS threads, for blocking work that must stay off Swift's
    /// cooperative pool (raw SQLite calls).
    static func threads(concurrency: Int, operations: Int, timeLimit: Duration,
                        _ operation: @escaping @Sendable (Int) throws -> Void) async -> LoadResult {
        await withCheckedContinuation { (done: CheckedContinuation<LoadResult, Never>) in
            let coordinator = Thread {
                let tickets = OperationTickets(total: operations, timeLimit: timeLimit)
                let tallies = Mutex<WorkerTally>(WorkerTally())
                let group = DispatchGroup()
                let start = ContinuousClock.now
                for _ in 0..<concurrency {
                    group.enter()
                    let worker = Thread {
                        var mine = WorkerTally()
                        while let i = tickets.take() {
                            let t0 = ContinuousClock.now
                            do {
                                try operation(i)
                                mine.latencies.append((ContinuousClock.now - t0).seconds)
                            } catch {
                                mine.failures += 1
                                if mine.firstFailure == nil { mine.firstFailure = String(describing: error) }
                            }
                        }
                        let finished = mine
                        tallies.withLock { $0.merge(finished) }
                        group.leave()
                    }
                    worker.start()
                }
                group.wait()
                let elapsed = ContinuousClock.now - start
                done.resume(returning: tallies.withLock { $0 }.result(elapsed: elapsed))
            }
            coordinator.start()
        }
    }
}

extension Duration {
    var seconds: Double {
        let c = components
        return Double(c.seconds) + Double(c.attoseconds) / 1e18
    }
}
