import Foundation
import Synchronization

/// Runs work over `0..<count` on a fixed number of workers pulling chunks from a shared
/// counter (upstream's parallelize.Until), so 5,000 nodes cost `parallelism` tasks, not 5,000.
public struct Parallelizer: Sendable {
    public let parallelism: Int

    public init(parallelism: Int) { self.parallelism = max(1, parallelism) }

    /// Calls `body(i)` for each index until it returns false for some index (then the other
    /// workers stop at their next index). Small inputs run inline: a task costs more than they do.
    public func forEach(count: Int, inlineBelow: Int = 16, _ body: @escaping @Sendable (Int) -> Bool) async {
        guard count > 0 else { return }
        if count < inlineBelow || parallelism == 1 {
            for i in 0..<count where !body(i) { return }
            return
        }
        // At most one worker per core but one: the cooperative pool runs one thread per core
        // anyway, and the core left over serves the rest of the control plane (API server,
        // informers, binding tasks). Parallel workers also cost CPU of their own (shared
        // reference counts and counters bouncing between cores): measured at 5,000 nodes on
        // 2 cores, two workers took 13.5 s of CPU for 10k pods against 9.4 s inline.
        let effective = min(parallelism, Self.workerLimit)
        if effective == 1 {
            for i in 0..<count where !body(i) { return }
            return
        }
        let chunk = Self.chunkSize(count: count, parallelism: effective)
        let workers = min(effective, (count + chunk - 1) / chunk)
        let shared = WorkCursor()
        await withTaskGroup(of: Void.self) { group in
            for _ in 0..<workers {
                group.addTask {
                    while !shared.stopped.load(ordering: .relaxed) {
                        let start = shared.next.add(chunk, ordering: .relaxed).oldValue
                        if start >= count { return }
                        for i in start..<min(start + chunk, count) where !body(i) {
                            shared.stopped.store(true, ordering: .relaxed)
                            return
                        }
                    }
                }
            }
        }
    }

    /// The most workers worth running on this machine (see `forEach`).
    static let workerLimit = max(1, ProcessInfo.processInfo.activeProcessorCount - 1)

    /// Upstream's chunk size: about the square root of the work, but at least one chunk per worker.
    static func chunkSize(count: Int, parallelism: Int) -> Int {
        var s = Int(Double(count).squareRoot())
        let r = count / parallelism + 1
        if s > r { s = r }
        return max(1, s)
    }
}

final class WorkCursor: Sendable {
    let next = Atomic<Int>(0)
    let stopped = Atomic<Bool>(false)
}

/// Fixed-size storage that parallel workers write at distinct indices without locking.
/// Safe only under that discipline: one writer per index, reads after the workers joined.
final class ConcurrentSlots<T>: @unchecked Sendable {
    let base: UnsafeMutablePointer<T?>
    let count: Int

    init(count: Int) {
        self.count = count
        base = .allocate(capacity: max(count, 1))
        base.initialize(repeating: nil, count: max(count, 1))
    }

    deinit {
        base.deinitialize(count: max(count, 1))
        base.deallocate()
    }

    subscript(i: Int) -> T? {
        get { base[i] }
        set { base[i] = newValue }
    }
}

/// A counter shared by parallel workers.
final class SharedCounter: Sendable {
    let value = Atomic<Int>(0)
    /// Adds one and returns the new value.
    func increment() -> Int { value.add(1, ordering: .relaxed).newValue }
    var current: Int { value.load(ordering: .relaxed) }
}
