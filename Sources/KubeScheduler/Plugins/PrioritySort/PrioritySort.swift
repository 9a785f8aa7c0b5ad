/// Orders the active queue: higher `spec.priority` first, and among equals the pod that has
/// waited longest (earliest queue timestamp), so equal-priority pods are served FIFO.
public struct PrioritySort: QueueSortPlugin {
    public static let name = "PrioritySort"
    public var name: String { Self.name }

    public init() {}

    public func less(_ a: QueuedPodInfo, _ b: QueuedPodInfo) -> Bool {
        let pa = a.podInfo.priority, pb = b.podInfo.priority
        if pa != pb { return pa > pb }
        return a.timestamp < b.timestamp
    }
}
