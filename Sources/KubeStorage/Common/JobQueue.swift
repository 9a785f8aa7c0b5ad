import Foundation

/// A blocking FIFO that feeds dedicated threads, and the latch that reports when they have
/// all exited.
///
/// SQLite calls block, so they must never run on Swift's cooperative pool. Async callers push
/// a job holding a continuation; a dedicated thread takes jobs (one at a time, or a whole batch
/// for group commit), runs them, and resumes the continuation.
final class JobQueue<Job>: @unchecked Sendable {
    private let condition = NSCondition()
    private var jobs: [Job] = []
    private var head = 0
    private var isClosed = false
    private var runningThreads = 0
    private var exitWaiters: [CheckedContinuation<Void, Never>] = []

    /// Enqueues a job; false when the queue is closed (the job will never run).
    func push(_ job: Job) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        guard !isClosed else { return false }
        jobs.append(job)
        condition.signal()
        return true
    }

    /// Waits for work and returns up to `max` jobs in FIFO order; returns an empty array only
    /// when the queue is closed and drained, telling the thread to exit.
    func take(max: Int) -> [Job] {
        condition.lock()
        defer { condition.unlock() }
        while head == jobs.count && !isClosed { condition.wait() }
        let end = min(jobs.count, head + max)
        let taken = Array(jobs[head..<end])
        head = end
        if head == jobs.count {
            jobs.removeAll(keepingCapacity: true)
            head = 0
        } else if head > 1024 && head * 2 > jobs.count {
            jobs.removeFirst(head)
            head = 0
        }
        return taken
    }

    /// Refuses new jobs; threads finish the queued ones and then see an empty take.
    func close() {
        condition.lock()
        isClosed = true
        condition.broadcast()
        condition.unlock()
    }

    /// Starts a dedicated thread running `body`, counted until it returns.
    func startThread(name: String, _ body: @escaping @Sendable () -> Void) {
        condition.lock()
        runningThreads += 1
        condition.unlock()
        let thread = Thread { [self] in
            body()
            threadExited()
        }
        thread.name = name
        thread.start()
    }

    /// Returns once every thread started here has exited.
    func waitForThreads() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            condition.lock()
            if runningThreads == 0 {
                condition.unlock()
                continuation.resume()
            } else {
                exitWaiters.append(continuation)
                condition.unlock()
            }
        }
    }

    private func threadExited() {
        condition.lock()
        runningThreads -= 1
        let waiters = runningThreads == 0 ? exitWaiters : []
        if runningThreads == 0 { exitWaiters.removeAll() }
        condition.unlock()
        waiters.forEach { $0.resume() }
    }
}
