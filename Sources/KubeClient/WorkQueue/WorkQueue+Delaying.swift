/// client-go's delaying queue: keys that become due after a delay.
extension WorkQueue {
    /// Adds `key` once `delay` has passed (at once for a zero or negative delay). A key already
    /// waiting keeps the earlier of its two due times, so repeated requeues do not pile up.
    public func addAfter(_ key: Key, _ delay: Duration) {
        if delay <= .zero {
            add(key)
            return
        }
        let due = ContinuousClock.now.advanced(by: delay)
        state.withLock { s in
            if s.shuttingDown { return }
            if let waiting = s.delayed[key], waiting.due <= due { return }
            if let replaced = s.delayed[key] { s.timers.removeValue(forKey: replaced.timer)?.cancel() }
            s.timerIDs &+= 1
            let id = s.timerIDs
            s.delayed[key] = (due, id)
            s.dueOrder.push(DelayedKey(due: due, key: key, timer: id))
            // The timer holds the queue weakly: a forgotten queue should not live on for a delay.
            s.timers[id] = Task { [weak self] in
                try? await Task.sleep(until: due, clock: .continuous)
                self?.addDueKeys()
            }
        }
    }

    /// Adds every key whose time has come, earliest first. Any timer may find several keys due
    /// (timers can run late when the executor is busy), so due order, not timer order, decides.
    private func addDueKeys() {
        let now = ContinuousClock.now
        let handoffs = state.withLock { s -> [Handoff] in
            var handoffs: [Handoff] = []
            while let next = s.dueOrder.peek(), next.due <= now {
                _ = s.dueOrder.pop()
                // Entries replaced by an earlier due time are stale; skip them.
                guard s.delayed[next.key]?.timer == next.timer else { continue }
                s.delayed[next.key] = nil
                s.timers.removeValue(forKey: next.timer)
                if let h = s.add(next.key) { handoffs.append(h) }
            }
            return handoffs
        }
        for h in handoffs { h.waiter.resume(returning: h.key) }
    }
}

/// A key waiting for its delay, ordered by when it is due.
struct DelayedKey<Key> {
    var due: ContinuousClock.Instant
    var key: Key
    var timer: UInt64
}

/// A binary min-heap of delayed keys by due time.
struct DueOrder<Key> {
    private var heap: [DelayedKey<Key>] = []

    var isEmpty: Bool { heap.isEmpty }

    func peek() -> DelayedKey<Key>? { heap.first }

    mutating func push(_ item: DelayedKey<Key>) {
        heap.append(item)
        var i = heap.count - 1
        while i > 0 {
            let parent = (i - 1) / 2
            guard heap[i].due < heap[parent].due else { break }
            heap.swapAt(i, parent)
            i = parent
        }
    }

    mutating func pop() -> DelayedKey<Key>? {
        guard !heap.isEmpty else { return nil }
        heap.swapAt(0, heap.count - 1)
        let top = heap.removeLast()
        var i = 0
        while true {
            let l = 2 * i + 1, r = l + 1
            var smallest = i
            if l < heap.count && heap[l].due < heap[smallest].due { smallest = l }
            if r < heap.count && heap[r].due < heap[smallest].due { smallest = r }
            if smallest == i { break }
            heap.swapAt(i, smallest)
            i = smallest
        }
        return top
    }

    mutating func removeAll() { heap.removeAll() }
}
