/// A pod in the scheduling queue, with its scheduling history.
public struct QueuedPodInfo: Sendable {
    public var podInfo: PodInfo
    /// When the pod was (last) added to the queue; QueueSort breaks priority ties with it.
    public var timestamp: ContinuousClock.Instant
    /// Scheduling attempts so far (drives the backoff).
    public var attempts: Int
    /// When the pod first entered the queue (for the scheduling latency metric).
    public var initialAttemptTimestamp: ContinuousClock.Instant?
    /// Plugins that rejected the pod in its last attempt: only events they registered move it.
    public var unschedulablePlugins: Set<String>
    public var pendingPlugins: Set<String>

    public init(podInfo: PodInfo, timestamp: ContinuousClock.Instant = .now, attempts: Int = 0,
                initialAttemptTimestamp: ContinuousClock.Instant? = nil,
                unschedulablePlugins: Set<String> = [], pendingPlugins: Set<String> = []) {
        self.podInfo = podInfo
        self.timestamp = timestamp
        self.attempts = attempts
        self.initialAttemptTimestamp = initialAttemptTimestamp
        self.unschedulablePlugins = unschedulablePlugins
        self.pendingPlugins = pendingPlugins
    }
}
