import Testing
@testable import KubeStorage

/// The replay/live join, proven deterministically (the conformance suite proves it under races).
@Suite("WatchHub")
struct WatchHubTests {
    static func put(_ key: String, _ revision: Int64) -> WatchEvent {
        WatchEvent(kind: .put, kv: KeyValue(key: key, value: [], createRevision: revision, modRevision: revision), previous: nil)
    }

    @Test("live events at or below the replay snapshot are dropped, newer ones follow the replay in order")
    func heldBackEventsJoinReplayWithoutDuplicates() async throws {
        let hub = WatchHub(bufferLimit: 100)
        let subscription = try hub.subscribe(prefix: "/a/")
        // Commits 3 to 5 land while the replay is being read; the snapshot saw up to 4.
        hub.publish([Self.put("/a/3", 3)])
        hub.publish([Self.put("/b/4", 4), Self.put("/a/4", 4)])
        hub.publish([Self.put("/a/5", 5)])
        hub.beginLive(subscription.id, replay: [Self.put("/a/2", 2), Self.put("/a/3", 3), Self.put("/a/4", 4)], snapshotRevision: 4)
        hub.publish([Self.put("/a/6", 6), Self.put("/ab", 6)])
        let events = try await collect(5, from: subscription.stream)
        #expect(events.map(\.kv.modRevision) == [2, 3, 4, 5, 6])
        #expect(events.allSatisfy { $0.kv.key.hasPrefix("/a/") })
    }

    @Test("a consumer that stops iterating and drops the stream releases its watcher")
    func droppedConsumerIsRemoved() async throws {
        let hub = WatchHub(bufferLimit: 100)
        try await {
            let subscription = try hub.subscribe(prefix: "/")
            hub.beginLive(subscription.id, replay: [], snapshotRevision: 0)
            hub.publish([Self.put("/x", 1)])
            #expect(hub.watcherCount == 1)
            for try await _ in subscription.stream { break }
        }()
        let deadline = ContinuousClock.now + .seconds(5)
        while hub.watcherCount > 0 && ContinuousClock.now < deadline { await Task.yield() }
        #expect(hub.watcherCount == 0)
    }

    @Test("cancelling the consuming task releases its watcher")
    func cancelledConsumerIsRemoved() async throws {
        let hub = WatchHub(bufferLimit: 100)
        let subscription = try hub.subscribe(prefix: "/")
        hub.beginLive(subscription.id, replay: [], snapshotRevision: 0)
        let consumer = Task { for try await _ in subscription.stream {} }
        consumer.cancel()
        _ = await consumer.result
        let deadline = ContinuousClock.now + .seconds(5)
        while hub.watcherCount > 0 && ContinuousClock.now < deadline { await Task.yield() }
        #expect(hub.watcherCount == 0)
    }

    @Test("held-back events beyond the buffer limit end the watch with an error")
    func heldBackOverflowFails() async throws {
        let hub = WatchHub(bufferLimit: 3)
        let subscription = try hub.subscribe(prefix: "/")
        for revision in 1...4 { hub.publish([Self.put("/k\(revision)", Int64(revision))]) }
        #expect(hub.watcherCount == 0)
        var received = 0
        let error = await storageError { for try await _ in subscription.stream { received += 1 } }
        #expect(received == 0)
        guard case .io = error else {
            Issue.record("expected .io, got \(String(describing: error))")
            return
        }
    }
}
