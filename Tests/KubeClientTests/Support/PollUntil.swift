/// Polls `condition` until it holds or `timeout` passes; returns whether it held. For
/// asserting on things that happen asynchronously without fixed sleeps:
/// `#expect(await pollUntil { cache.count == 3 })`.
func pollUntil(timeout: Duration = .seconds(10), pollEvery interval: Duration = .milliseconds(5),
               _ condition: () async throws -> Bool) async rethrows -> Bool {
    let deadline = ContinuousClock.now + timeout
    while true {
        if try await condition() { return true }
        if ContinuousClock.now >= deadline { return false }
        try? await Task.sleep(for: interval)
    }
}

/// Whether `task` finishes within `timeout` (it is not cancelled here either way).
func finishes<T: Sendable>(_ task: Task<T, Never>, within timeout: Duration = .seconds(10)) async -> Bool {
    let done = Flag()
    let watcher = Task {
        _ = await task.value
        done.set()
    }
    defer { watcher.cancel() }
    return await pollUntil(timeout: timeout) { done.isSet }
}
