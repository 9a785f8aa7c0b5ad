/// Polls `condition` until it holds or `timeout` passes; returns whether it held. Tests wait
/// on controllers with this instead of fixed sleeps.
func eventually(timeout: Duration = .seconds(15), pollEvery interval: Duration = .milliseconds(20),
                _ condition: () async throws -> Bool) async -> Bool {
    let deadline = ContinuousClock.now + timeout
    while true {
        if (try? await condition()) == true { return true }
        if ContinuousClock.now >= deadline { return false }
        try? await Task.sleep(for: interval)
    }
}

/// Checks that `condition` keeps holding for `duration` (for "nothing more happens" claims);
/// false as soon as it fails.
func holds(for duration: Duration, pollEvery interval: Duration = .milliseconds(20),
           _ condition: () async throws -> Bool) async -> Bool {
    let deadline = ContinuousClock.now + duration
    while ContinuousClock.now < deadline {
        if (try? await condition()) != true { return false }
        try? await Task.sleep(for: interval)
    }
    return (try? await condition()) == true
}
