/// Exponential backoff with jitter, the retry pacing of reflectors and other list/watch loops
/// (client-go's reflector uses 800ms doubling to a 30s cap with full jitter). Jitter keeps
/// many clients that failed together from retrying together.
public struct Backoff: Sendable {
    public var initial: Duration
    public var cap: Duration
    public var factor: Double
    /// Each delay is stretched by a random fraction in `0...jitter` of itself.
    public var jitter: Double
    /// The un-jittered delay the next failure will wait.
    public private(set) var current: Duration

    public init(initial: Duration = .milliseconds(800), cap: Duration = .seconds(30), factor: Double = 2, jitter: Double = 1) {
        self.initial = initial
        self.cap = cap
        self.factor = factor
        self.jitter = jitter
        self.current = initial
    }

    /// The delay to wait now; grows the next one.
    public mutating func next() -> Duration {
        let base = current
        current = min(base * factor, cap)
        let stretch = jitter > 0 ? Double.random(in: 0...jitter) : 0
        return min(base + base * stretch, cap + cap * jitter)
    }

    /// Back to the initial delay, after a success.
    public mutating func reset() { current = initial }
}
