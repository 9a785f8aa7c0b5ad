/// The lock-protected state of a `WorkQueue`. Every method runs under the queue's lock and
/// returns the continuations to resume, so that resuming (which may run other code) happens
/// after the lock is released.
extension WorkQueue {
    struct Handoff {
        var key: Key
        var waiter: CheckedContinuation<Key?, Never>
    }

    struct State {
        var queue = KeyFIFO<Key>()
        /// Keys that need processing: queued ones, and processing ones added again.
        var dirty: Set<Key> = []
        var processing: Set<Key> = []
        var shuttingDown = false

        /// `get()` callers waiting for a key, in arrival order.
        var waiters: [(id: UInt64, continuation: CheckedContinuation<Key?, Never>)] = []
        /// Waiters whose task was cancelled before they registered.
        var cancelledWaiters: Set<UInt64> = []
        var waiterIDs: UInt64 = 0
        var drainWaiters: [CheckedContinuation<Void, Never>] = []

        /// Keys waiting for `addAfter` delays: when each is due, and the timer that will add it.
        var delayed: [Key: (due: ContinuousClock.Instant, timer: UInt64)] = [:]
        /// The same keys by due time (with stale entries for replaced due times).
        var dueOrder = DueOrder<Key>()
        var timers: [UInt64: Task<Void, Never>] = [:]
        var timerIDs: UInt64 = 0

        var adds = 0
        var retries = 0
        var completed = 0

        mutating func nextWaiterID() -> UInt64 {
            waiterIDs &+= 1
            return waiterIDs
        }

        mutating func add(_ key: Key) -> Handoff? {
            if shuttingDown || dirty.contains(key) { return nil }
            adds += 1
            dirty.insert(key)
            if processing.contains(key) { return nil }
            return enqueue(key)
        }

        /// Puts a dirty, not-processing key in the queue, or straight into a waiting worker's hands.
        private mutating func enqueue(_ key: Key) -> Handoff? {
            if !waiters.isEmpty {
                let w = waiters.removeFirst()
                dirty.remove(key)
                processing.insert(key)
                return Handoff(key: key, waiter: w.continuation)
            }
            queue.append(key)
            return nil
        }

        /// `.some(key)` to return at once (`.some(nil)` for "no more keys"), nil after registering.
        mutating func getOrWait(id: UInt64, _ c: CheckedContinuation<Key?, Never>) -> Key?? {
            if cancelledWaiters.remove(id) != nil { return .some(nil) }
            if let key = queue.popFirst() {
                dirty.remove(key)
                processing.insert(key)
                return .some(key)
            }
            if shuttingDown { return .some(nil) }
            waiters.append((id, c))
            return nil
        }

        mutating func cancelWaiter(id: UInt64) -> CheckedContinuation<Key?, Never>? {
            if let i = waiters.firstIndex(where: { $0.id == id }) {
                return waiters.remove(at: i).continuation
            }
            cancelledWaiters.insert(id)
            return nil
        }

        mutating func done(_ key: Key) -> (Handoff?, [CheckedContinuation<Void, Never>]) {
            guard processing.remove(key) != nil else { return (nil, []) }
            completed += 1
            var handoff: Handoff?
            if dirty.contains(key) { handoff = enqueue(key) }
            var drained: [CheckedContinuation<Void, Never>] = []
            if shuttingDown && isDrained {
                drained = drainWaiters
                drainWaiters = []
            }
            return (handoff, drained)
        }

        var isDrained: Bool { queue.count == 0 && processing.isEmpty }

        mutating func takeIdleWaiters() -> [CheckedContinuation<Key?, Never>] {
            // Only workers with nothing to do are waiting, so the queue is empty: all of them end.
            let w = waiters.map(\.continuation)
            waiters = []
            return w
        }

        mutating func takeTimers() -> [Task<Void, Never>] {
            let t = Array(timers.values)
            timers = [:]
            delayed = [:]
            dueOrder.removeAll()
            return t
        }

        func metrics(depth: Int) -> WorkQueueMetrics {
            WorkQueueMetrics(depth: depth, adds: adds, retries: retries, processing: processing.count,
                             completed: completed, waitingDelayed: delayed.count, idleWorkers: waiters.count)
        }
    }
}

/// A first-in first-out buffer with O(1) amortised pops from the front.
struct KeyFIFO<Key> {
    private var items: [Key] = []
    private var head = 0

    var count: Int { items.count - head }

    mutating func append(_ key: Key) { items.append(key) }

    mutating func popFirst() -> Key? {
        guard head < items.count else { return nil }
        let key = items[head]
        head += 1
        // Reclaim the consumed prefix once it is at least half the storage.
        if head >= 64 && head * 2 >= items.count {
            items.removeFirst(head)
            head = 0
        } else if head == items.count {
            items.removeAll(keepingCapacity: true)
            head = 0
        }
        return key
    }
}
