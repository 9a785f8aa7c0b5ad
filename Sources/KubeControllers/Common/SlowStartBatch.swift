/// Runs `count` calls of `body` in batches of growing size (1, 2, 4, ... starting at
/// `initialBatchSize`), stopping after the first batch with a failure (upstream's
/// `slowStartBatch`). A controller whose creations all fail (quota, admission) then makes one
/// doomed request instead of hundreds, while a healthy one still ramps up quickly.
///
/// Returns how many calls succeeded and the errors of the batch that stopped the run; calls
/// never started are neither.
public func slowStartBatch(count: Int, initialBatchSize: Int = 1,
                           _ body: @escaping @Sendable (_ index: Int) async throws -> Void) async -> (successes: Int, errors: [any Error]) {
    var remaining = count
    var successes = 0
    var batch = min(remaining, max(1, initialBatchSize))
    var next = 0
    while batch > 0 {
        let start = next
        let errors: [any Error] = await withTaskGroup(of: (any Error)?.self) { group in
            for i in start..<(start + batch) {
                group.addTask {
                    do { try await body(i); return nil } catch { return error }
                }
            }
            var errors: [any Error] = []
            for await e in group { if let e { errors.append(e) } }
            return errors
        }
        successes += batch - errors.count
        next += batch
        if !errors.isEmpty { return (successes, errors) }
        remaining -= batch
        batch = min(2 * batch, remaining)
    }
    return (successes, [])
}
