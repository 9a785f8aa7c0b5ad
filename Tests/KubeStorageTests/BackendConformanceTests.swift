import Testing
@testable import KubeStorage

/// The `StorageBackend` contract, proven against every backend with the same cases.
@Suite("StorageBackend conformance")
struct BackendConformanceTests {
    @Test("each write advances the revision by exactly one and reads see create/mod revisions",
          arguments: BackendKind.allCases)
    func revisionsIncreaseByOnePerWrite(kind: BackendKind) async throws {
        try await withBackend(kind) { store in
            #expect(try await store.currentRevision() == 0)
            #expect(try await store.create("/a", value: "1".bytes) == 1)
            #expect(try await store.create("/b", value: "2".bytes) == 2)
            #expect(try await store.update("/a", value: "3".bytes, expectedModRevision: 1) == 3)
            let deleted = try await store.delete("/b", expectedModRevision: nil)
            #expect(deleted.revision == 4)
            #expect(deleted.deleted == KeyValue(key: "/b", value: "2".bytes, createRevision: 2, modRevision: 2))
            #expect(try await store.currentRevision() == 4)
            #expect(try await store.get("/a") == KeyValue(key: "/a", value: "3".bytes, createRevision: 1, modRevision: 3))
            #expect(try await store.get("/b") == nil)
        }
    }

    @Test("create of a live key fails with keyExists; after delete it creates anew", arguments: BackendKind.allCases)
    func createConflicts(kind: BackendKind) async throws {
        try await withBackend(kind) { store in
            _ = try await store.create("/k", value: "v1".bytes)
            #expect(await storageError { _ = try await store.create("/k", value: "v2".bytes) } == .keyExists("/k"))
            _ = try await store.delete("/k", expectedModRevision: 1)
            #expect(try await store.create("/k", value: "v3".bytes) == 3)
            #expect(try await store.get("/k") == KeyValue(key: "/k", value: "v3".bytes, createRevision: 3, modRevision: 3))
            // Failed writes do not consume revisions.
            #expect(try await store.currentRevision() == 3)
        }
    }

    /// A compare-and-swap case: the operation, and the error it must fail with, against a store
    /// holding "/k" created at 1 and updated at 2.
    struct CASCase: Sendable, CustomTestStringConvertible {
        var name: String
        var expected: StorageError
        var run: @Sendable (any StorageBackend) async throws -> Void
        var testDescription: String { name }
    }

    static let casCases: [CASCase] = [
        CASCase(name: "update with a stale mod revision", expected: .conflict(key: "/k", currentModRevision: 2)) {
            _ = try await $0.update("/k", value: [], expectedModRevision: 1)
        },
        CASCase(name: "update of a missing key", expected: .notFound("/missing")) {
            _ = try await $0.update("/missing", value: [], expectedModRevision: 1)
        },
        CASCase(name: "delete with a stale mod revision", expected: .conflict(key: "/k", currentModRevision: 2)) {
            _ = try await $0.delete("/k", expectedModRevision: 1)
        },
        CASCase(name: "delete of a missing key", expected: .notFound("/missing")) {
            _ = try await $0.delete("/missing", expectedModRevision: nil)
        },
        CASCase(name: "update of a deleted key", expected: .notFound("/gone")) { store in
            _ = try await store.create("/gone", value: [])
            _ = try await store.delete("/gone", expectedModRevision: nil)
            _ = try await store.update("/gone", value: [], expectedModRevision: 3)
        },
    ]

    @Test("compare-and-swap failures leave the store unchanged",
          arguments: BackendKind.allCases, casCases)
    func compareAndSwapConflicts(kind: BackendKind, scenario: CASCase) async throws {
        try await withBackend(kind) { store in
            _ = try await store.create("/k", value: "v1".bytes)
            _ = try await store.update("/k", value: "v2".bytes, expectedModRevision: 1)
            let before = try await store.currentRevision()
            #expect(await storageError { try await scenario.run(store) } == scenario.expected)
            let writesInScenario: Int64 = scenario.name == "update of a deleted key" ? 2 : 0
            #expect(try await store.currentRevision() == before + writesInScenario)
            #expect(try await store.get("/k")?.value == "v2".bytes)
        }
    }

    @Test("a list at a past revision shows each key's version then and hides keys deleted by then",
          arguments: BackendKind.allCases)
    func historicalList(kind: BackendKind) async throws {
        try await withBackend(kind) { store in
            _ = try await store.create("/p/a", value: "a1".bytes)      // 1
            _ = try await store.create("/p/b", value: "b1".bytes)      // 2
            _ = try await store.create("/p/c", value: "c1".bytes)      // 3
            _ = try await store.update("/p/a", value: "a2".bytes, expectedModRevision: 1) // 4
            _ = try await store.delete("/p/b", expectedModRevision: nil) // 5
            _ = try await store.create("/p/d", value: "d1".bytes)      // 6

            let atThree = try await store.list(prefix: "/p/", startKey: nil, limit: 0, revision: 3)
            #expect(atThree.revision == 3)
            #expect(atThree.items.map(\.key) == ["/p/a", "/p/b", "/p/c"])
            #expect(atThree.items.first?.value == "a1".bytes)

            let atFive = try await store.list(prefix: "/p/", startKey: nil, limit: 0, revision: 5)
            #expect(atFive.items.map(\.key) == ["/p/a", "/p/c"])
            #expect(atFive.items.first == KeyValue(key: "/p/a", value: "a2".bytes, createRevision: 1, modRevision: 4))

            let now = try await store.list(prefix: "/p/", startKey: nil, limit: 0, revision: 0)
            #expect(now.revision == 6)
            #expect(now.items.map(\.key) == ["/p/a", "/p/c", "/p/d"])
            #expect(!now.more)

            #expect(await storageError {
                _ = try await store.list(prefix: "/p/", startKey: nil, limit: 0, revision: 7)
            } == .futureRevision(requested: 7, current: 6))
        }
    }

    @Test("startKey plus limit pages through a prefix in key order, and only that prefix",
          arguments: BackendKind.allCases)
    func listPagination(kind: BackendKind) async throws {
        try await withBackend(kind) { store in
            let keys = (0..<10).map { "/registry/pods/ns/pod-\($0)" }
            for key in keys.shuffled() { _ = try await store.create(key, value: key.bytes) }
            // Neighbours that share a string prefix but not the key prefix must not leak in.
            _ = try await store.create("/registry/pods", value: [])
            _ = try await store.create("/registry/podsx/ns/a", value: [])
            _ = try await store.create("/registry/pods/ns/pod-5-deleted", value: [])
            _ = try await store.delete("/registry/pods/ns/pod-5-deleted", expectedModRevision: nil)

            var seen: [String] = []
            var startKey: String?
            var pages = 0
            let revision = try await store.currentRevision()
            repeat {
                let page = try await store.list(prefix: "/registry/pods/", startKey: startKey, limit: 3, revision: revision)
                seen += page.items.map(\.key)
                pages += 1
                #expect(page.more == (seen.count < keys.count))
                startKey = page.more ? page.items.last!.key + "\u{0}" : nil
            } while startKey != nil && pages < 10
            #expect(seen == keys.sorted())
            #expect(pages == 4)
            #expect(try await store.count(prefix: "/registry/pods/") == 10)
            #expect(try await store.count(prefix: "") == 12)
        }
    }

    @Test("a watch replays history then follows live writes with no gap and no duplicate",
          arguments: BackendKind.allCases)
    func watchReplayThenLiveUnderConcurrentWriters(kind: BackendKind) async throws {
        try await withBackend(kind) { store in
            for i in 0..<5 { _ = try await store.create("/w/seed-\(i)", value: [UInt8(i)]) }
            let writers = 4, perWriter = 50
            let watchStarted = try await withThrowingTaskGroup(of: AsyncThrowingStream<WatchEvent, Error>?.self) { group in
                for w in 0..<writers {
                    group.addTask {
                        for i in 0..<perWriter {
                            _ = try await store.create("/w/\(w)-\(i)", value: [UInt8(i)])
                            // Writes outside the prefix still take revisions.
                            if i % 10 == 0 { _ = try await store.create("/other/\(w)-\(i)", value: []) }
                        }
                        return nil
                    }
                }
                // Open the watch while the writers are running.
                group.addTask { try await store.watch(prefix: "/w/", afterRevision: 2) }
                var stream: AsyncThrowingStream<WatchEvent, Error>?
                for try await result in group { if let result { stream = result } }
                return stream!
            }
            let expected = 3 + writers * perWriter // seeds 3...5 plus every concurrent write
            let events = try await collect(expected, from: watchStarted)
            let revisions = events.map(\.kv.modRevision)
            #expect(revisions == revisions.sorted())
            #expect(Set(revisions).count == expected)
            #expect(events.allSatisfy { $0.kv.key.hasPrefix("/w/") && $0.isCreate })
            let last = try await store.currentRevision()
            let outsidePrefix = Int64(writers * perWriter / 10)
            #expect(revisions.last == last)
            #expect(Int64(expected) == last - 2 - outsidePrefix)
        }
    }

    @Test("watch events carry previous values: updates the replaced pair, deletes the last value",
          arguments: BackendKind.allCases)
    func watchEventsCarryPreviousValues(kind: BackendKind) async throws {
        try await withBackend(kind) { store in
            _ = try await store.create("/e/x", value: "v1".bytes) // 1, replayed
            let stream = try await store.watch(prefix: "/e/", afterRevision: 0)
            _ = try await store.update("/e/x", value: "v2".bytes, expectedModRevision: 1) // 2, live
            _ = try await store.delete("/e/x", expectedModRevision: 2) // 3, live
            let events = try await collect(3, from: stream)
            let v1 = KeyValue(key: "/e/x", value: "v1".bytes, createRevision: 1, modRevision: 1)
            let v2 = KeyValue(key: "/e/x", value: "v2".bytes, createRevision: 1, modRevision: 2)
            #expect(events == [
                WatchEvent(kind: .put, kv: v1, previous: nil),
                WatchEvent(kind: .put, kv: v2, previous: v1),
                WatchEvent(kind: .delete, kv: KeyValue(key: "/e/x", value: "v2".bytes, createRevision: 1, modRevision: 3), previous: v2),
            ])
            // The same history replayed from storage reads identically.
            let replayed = try await collect(3, from: try await store.watch(prefix: "/e/", afterRevision: 0))
            #expect(replayed == events)
        }
    }

    @Test("watching from below the compacted revision throws compacted", arguments: BackendKind.allCases)
    func watchFromCompactedRevisionThrows(kind: BackendKind) async throws {
        try await withBackend(kind) { store in
            for i in 0..<5 { _ = try await store.create("/c/\(i)", value: []) }
            try await store.compact(revision: 3)
            #expect(try await store.compactedRevision() == 3)
            #expect(await storageError { _ = try await store.watch(prefix: "/c/", afterRevision: 2) }
                    == .compacted(requested: 2, compacted: 3))
            #expect(await storageError { _ = try await store.list(prefix: "/c/", startKey: nil, limit: 0, revision: 2) }
                    == .compacted(requested: 2, compacted: 3))
            // Watching from the compacted revision itself loses nothing.
            let events = try await collect(2, from: try await store.watch(prefix: "/c/", afterRevision: 3))
            #expect(events.map(\.kv.modRevision) == [4, 5])
        }
    }

    @Test("compaction drops history but keeps live values, counts and the revision counter",
          arguments: BackendKind.allCases)
    func compactionKeepsLiveValues(kind: BackendKind) async throws {
        try await withBackend(kind) { store in
            _ = try await store.create("/k/a", value: "a1".bytes)                      // 1
            _ = try await store.update("/k/a", value: "a2".bytes, expectedModRevision: 1) // 2
            _ = try await store.create("/k/b", value: "b1".bytes)                      // 3
            _ = try await store.create("/k/c", value: "c1".bytes)                      // 4
            _ = try await store.update("/k/c", value: "c2".bytes, expectedModRevision: 4) // 5
            _ = try await store.delete("/k/b", expectedModRevision: nil)               // 6, newest row is a tombstone
            let before = try await store.list(prefix: "/k/", startKey: nil, limit: 0, revision: 0)

            try await store.compact(revision: 6)
            try await store.compact(revision: 2) // already compacted: no effect
            #expect(try await store.compactedRevision() == 6)
            #expect(try await store.currentRevision() == 6)
            let after = try await store.list(prefix: "/k/", startKey: nil, limit: 0, revision: 0)
            #expect(after.items == before.items)
            #expect(try await store.list(prefix: "/k/", startKey: nil, limit: 0, revision: 6).items == before.items)
            #expect(try await store.count(prefix: "/k/") == 2)
            #expect(try await store.get("/k/b") == nil)
            #expect(try await store.create("/k/b", value: "b2".bytes) == 7)
            #expect(await storageError { try await store.compact(revision: 8) } == .futureRevision(requested: 8, current: 7))
        }
    }

    @Test("concurrent creates from many tasks all succeed with distinct consecutive revisions",
          arguments: BackendKind.allCases)
    func concurrentCreatesGetDistinctRevisions(kind: BackendKind) async throws {
        try await withBackend(kind) { store in
            let tasks = 200
            let revisions = try await withThrowingTaskGroup(of: Int64.self) { group in
                for i in 0..<tasks {
                    group.addTask { try await store.create("/many/\(i)", value: [UInt8(i % 256)]) }
                }
                return try await group.reduce(into: [Int64]()) { $0.append($1) }
            }
            #expect(Set(revisions) == Set(1...Int64(tasks)))
            #expect(try await store.count(prefix: "/many/") == tasks)
            // Racing creates of one key: exactly one wins.
            let outcomes = await withTaskGroup(of: Bool.self) { group in
                for _ in 0..<20 {
                    group.addTask { (try? await store.create("/once", value: [])) != nil }
                }
                return await group.reduce(into: 0) { $0 += $1 ? 1 : 0 }
            }
            #expect(outcomes == 1)
        }
    }

    @Test("a watcher that stops consuming is ended with an error once its buffer is full",
          arguments: BackendKind.allCases)
    func slowWatcherEndsWithError(kind: BackendKind) async throws {
        try await withBackend(kind, watchBufferLimit: 10) { store in
            let stream = try await store.watch(prefix: "/s/", afterRevision: 0)
            for i in 0..<30 { _ = try await store.create("/s/\(i)", value: []) }
            var delivered = 0
            let error = await storageError { for try await _ in stream { delivered += 1 } }
            #expect(delivered == 10)
            guard case .io = error else {
                Issue.record("expected an io error for a slow watcher, got \(String(describing: error))")
                return
            }
        }
    }

    @Test("close ends watches and makes every later call throw closed", arguments: BackendKind.allCases)
    func closeEndsWatchesAndRefusesCalls(kind: BackendKind) async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let store: any StorageBackend = kind == .memory
            ? MemoryBackend() : try SQLiteBackend(path: directory.file("state.db"))
        _ = try await store.create("/x", value: [])
        let stream = try await store.watch(prefix: "/", afterRevision: 1)
        try await store.close()
        var count = 0
        for try await _ in stream { count += 1 }
        #expect(count == 0)
        #expect(await storageError { _ = try await store.get("/x") } == .closed)
        #expect(await storageError { _ = try await store.create("/y", value: []) } == .closed)
        #expect(await storageError { _ = try await store.watch(prefix: "/", afterRevision: 0) } == .closed)
        try await store.close() // closing twice is harmless
    }
}
