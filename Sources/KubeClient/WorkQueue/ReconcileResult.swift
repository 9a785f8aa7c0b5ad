/// What a reconcile decided about its key; `WorkQueue.runWorkers` turns it into queue calls
/// the way controller-runtime does.
public enum ReconcileResult: Sendable {
    /// Converged: the key's failure history is forgotten.
    case done
    /// Try again with the rate limiter's backoff.
    case requeue
    /// Try again after a fixed delay (e.g. a time-based condition); the backoff is reset.
    case requeueAfter(Duration)
    /// Failed: logged, and retried with the rate limiter's backoff.
    case error(any Error)
}
