/// A binary heap of queued pods with lookup by pod key, so that informer updates and deletes
/// reach a pod inside the heap in O(log n) (upstream's heap.Heap keyed by namespace/name).
struct PodHeap {
    private(set) var items: [QueuedPodInfo] = []
    private var indexByKey: [String: Int] = [:]
    let less: @Sendable (QueuedPodInfo, QueuedPodInfo) -> Bool

    init(less: @escaping @Sendable (QueuedPodInfo, QueuedPodInfo) -> Bool) { self.less = less }

    var count: Int { items.count }
    var isEmpty: Bool { items.isEmpty }
    var top: QueuedPodInfo? { items.first }

    func contains(_ key: String) -> Bool { indexByKey[key] != nil }
    func get(_ key: String) -> QueuedPodInfo? { indexByKey[key].map { items[$0] } }

    /// Adds the pod, or replaces (and re-orders) the entry with the same key.
    mutating func addOrUpdate(_ p: QueuedPodInfo) {
        let key = p.podInfo.queueKey
        if let i = indexByKey[key] {
            items[i] = p
            if !siftUp(i) { siftDown(i) }
            return
        }
        items.append(p)
        indexByKey[key] = items.count - 1
        siftUp(items.count - 1)
    }

    mutating func pop() -> QueuedPodInfo? {
        guard !items.isEmpty else { return nil }
        return remove(at: 0)
    }

    @discardableResult
    mutating func remove(_ key: String) -> QueuedPodInfo? {
        guard let i = indexByKey[key] else { return nil }
        return remove(at: i)
    }

    private mutating func remove(at i: Int) -> QueuedPodInfo {
        let last = items.count - 1
        if i != last { swapAt(i, last) }
        let removed = items.removeLast()
        indexByKey[removed.podInfo.queueKey] = nil
        if i < items.count, !siftUp(i) { siftDown(i) }
        return removed
    }

    private mutating func swapAt(_ a: Int, _ b: Int) {
        items.swapAt(a, b)
        indexByKey[items[a].podInfo.queueKey] = a
        indexByKey[items[b].podInfo.queueKey] = b
    }

    /// Returns whether the element moved.
    @discardableResult
    private mutating func siftUp(_ start: Int) -> Bool {
        var i = start
        while i > 0 {
            let parent = (i - 1) / 2
            guard less(items[i], items[parent]) else { break }
            swapAt(i, parent)
            i = parent
        }
        return i != start
    }

    private mutating func siftDown(_ start: Int) {
        var i = start
        while true {
            let l = 2 * i + 1, r = l + 1
            var m = i
            if l < items.count && less(items[l], items[m]) { m = l }
            if r < items.count && less(items[r], items[m]) { m = r }
            if m == i { return }
            swapAt(i, m)
            i = m
        }
    }
}

extension PodInfo {
    /// The queue's identity for a pod: its uid, or namespace/name when it has none (tests).
    public var queueKey: String { uid.isEmpty ? key : uid }
}
