import KubeAPI
import KubeAPIServer
import KubeClient
import KubeMachinery
import Testing

/// Fast retries, so tests that provoke failures do not wait out the production backoff.
let quickBackoff = Backoff(initial: .milliseconds(10), cap: .milliseconds(50))

@Suite("Reflector against an in-process API server")
struct ReflectorTests {
    private func watchRequests(_ t: ControllableTransport) -> [String] {
        t.requests.filter { $0.contains("watch=true") }
    }

    private func listRequests(_ t: ControllableTransport) -> [String] {
        t.requests.filter { $0.hasPrefix("GET ") && !$0.contains("watch=true") }
    }

    @Test func initialListFollowsPagesAndFillsTheStore() async throws {
        try await withTestAPIServer { api in
            try await api.createNamespace("t")
            for i in 0..<7 { try await api.createConfigMap("t", "cm\(i)") }
            let wire = ControllableTransport(wrapping: api.transport)
            let store = Indexer()
            let reflector = Reflector(client: KubeClient(transport: wire), resource: ConfigMap.resource,
                                      options: .init(namespace: "t", pageSize: 3), store: store)
            #expect(!reflector.hasSynced)
            let run = Task { await reflector.run() }
            defer { run.cancel() }
            #expect(await reflector.waitForSync())
            #expect(reflector.hasSynced)
            #expect(store.count == 7)
            #expect(reflector.listCount == 1)
            let lists = listRequests(wire)
            #expect(lists.count == 3, "7 objects in pages of 3: \(lists)")
            #expect(lists.allSatisfy { $0.contains("limit=3") })
            #expect(lists.dropFirst().allSatisfy { $0.contains("continue=") })
            #expect(!reflector.lastSyncResourceVersion.isEmpty)
            #expect(store.resourceVersion == reflector.lastSyncResourceVersion)
            // List items carry no type meta on the wire; the store's copies do.
            #expect(store.get(namespace: "t", name: "cm0")?["kind"] == "ConfigMap")
        }
    }

    @Test func watchStartsAtTheListVersionAndTracksEachEventsVersion() async throws {
        try await withTestAPIServer { api in
            try await api.createNamespace("t")
            let wire = ControllableTransport(wrapping: api.transport)
            let store = Indexer()
            let reflector = Reflector(client: KubeClient(transport: wire), resource: ConfigMap.resource,
                                      options: .init(namespace: "t"), store: store)
            let run = Task { await reflector.run() }
            defer { run.cancel() }
            #expect(await reflector.waitForSync())
            let listed = reflector.lastSyncResourceVersion
            #expect(await pollUntil { watchRequests(wire).count == 1 })
            let watch = try #require(watchRequests(wire).first)
            #expect(watch.contains("resourceVersion=\(listed)"))
            #expect(watch.contains("allowWatchBookmarks=true"))
            let timeout = try #require(watch.split(separator: "&").first(where: { $0.hasPrefix("timeoutSeconds=") }))
            let seconds = try #require(Int(timeout.dropFirst("timeoutSeconds=".count)))
            #expect((300...600).contains(seconds))

            let created = try await api.createConfigMap("t", "a")
            #expect(await pollUntil { store.get(key: "t/a") != nil })
            #expect(reflector.lastSyncResourceVersion == created.resourceVersion)
        }
    }

    @Test func bookmarksAdvanceTheResourceVersionWithoutTouchingTheStore() async throws {
        var config = APIServer.Config()
        config.bookmarkInterval = .milliseconds(20)
        try await withTestAPIServer(config: config) { api in
            try await api.createNamespace("t")
            let store = Indexer()
            let reflector = Reflector(client: api.client, resource: ConfigMap.resource,
                                      options: .init(namespace: "t", labelSelector: "app=watched"), store: store)
            let run = Task { await reflector.run() }
            defer { run.cancel() }
            #expect(await reflector.waitForSync())
            // A change the watch's filter hides still moves the resource's revision on; the
            // next bookmark tells the reflector so.
            let elsewhere = try await api.createConfigMap("t", "x", labels: ["app": "ignored"])
            let target = try #require(Int64(elsewhere.resourceVersion ?? ""))
            #expect(await pollUntil { (Int64(reflector.lastSyncResourceVersion) ?? 0) >= target })
            #expect(store.count == 0)
        }
    }

    @Test func aWatchTheServerEndsIsReopenedFromTheLastVersionWithoutRelisting() async throws {
        try await withTestAPIServer { api in
            try await api.createNamespace("t")
            let wire = ControllableTransport(wrapping: api.transport)
            let store = Indexer()
            let reflector = Reflector(client: KubeClient(transport: wire), resource: ConfigMap.resource,
                                      options: .init(namespace: "t", backoff: quickBackoff), store: store)
            let run = Task { await reflector.run() }
            defer { run.cancel() }
            #expect(await reflector.waitForSync())
            let a = try await api.createConfigMap("t", "a")
            #expect(await pollUntil { store.get(key: "t/a") != nil })
            wire.cutWatches()
            #expect(await pollUntil { watchRequests(wire).count == 2 })
            #expect(watchRequests(wire)[1].contains("resourceVersion=\(a.resourceVersion ?? "?")"))
            try await api.createConfigMap("t", "b")
            #expect(await pollUntil { store.get(key: "t/b") != nil })
            #expect(reflector.listCount == 1)
        }
    }

    @Test func anExpiredErrorEventTriggersARelist() async throws {
        try await withTestAPIServer { api in
            try await api.createNamespace("t")
            try await api.createConfigMap("t", "stays")
            try await api.createConfigMap("t", "goes")
            let wire = ControllableTransport(wrapping: api.transport)
            let store = Indexer()
            let reflector = Reflector(client: KubeClient(transport: wire), resource: ConfigMap.resource,
                                      options: .init(namespace: "t", backoff: quickBackoff), store: store)
            let run = Task { await reflector.run() }
            defer { run.cancel() }
            #expect(await reflector.waitForSync())
            #expect(await pollUntil { wire.openWatches == 1 })
            wire.holdWatches()
            wire.cutWatches()
            #expect(await pollUntil { watchRequests(wire).count == 2 })
            try await api.client.delete(ConfigMap.self, namespace: "t", name: "goes")
            try await api.createConfigMap("t", "new")
            wire.expireNextWatch()
            wire.releaseWatches()
            #expect(await pollUntil { reflector.listCount == 2 })
            #expect(await pollUntil { store.keys().sorted() == ["t/new", "t/stays"] })
        }
    }

    @Test func failuresAreRetriedWithBackoffUntilTheListSucceeds() async throws {
        try await withTestAPIServer { api in
            try await api.createNamespace("t")
            try await api.createConfigMap("t", "a")
            let wire = ControllableTransport(wrapping: api.transport)
            wire.failNextRequests(3)
            let store = Indexer()
            let reflector = Reflector(client: KubeClient(transport: wire), resource: ConfigMap.resource,
                                      options: .init(namespace: "t", backoff: quickBackoff), store: store)
            let run = Task { await reflector.run() }
            defer { run.cancel() }
            #expect(await reflector.waitForSync())
            #expect(listRequests(wire).count == 4, "three failures, then success")
            #expect(store.keys() == ["t/a"])
        }
    }

    @Test func cancellingTheTaskEndsRunAndAnUnsyncedWaiterGetsFalse() async throws {
        try await withTestAPIServer { api in
            let wire = ControllableTransport(wrapping: api.transport)
            wire.failNextRequests(Int.max)
            let reflector = Reflector(client: KubeClient(transport: wire), resource: ConfigMap.resource,
                                      options: .init(backoff: quickBackoff), store: Indexer())
            let run = Task { await reflector.run() }
            let waiter = Task { await reflector.waitForSync() }
            #expect(await pollUntil { wire.requests.count >= 2 })
            run.cancel()
            #expect(await finishes(run))
            #expect(await waiter.value == false)
        }
    }

    @Test func backoffDoublesUpToItsCap() {
        var b = Backoff(initial: .milliseconds(100), cap: .milliseconds(500), factor: 2, jitter: 0)
        let delays = (0..<5).map { _ in b.next() }
        #expect(delays == [.milliseconds(100), .milliseconds(200), .milliseconds(400), .milliseconds(500), .milliseconds(500)])
        b.reset()
        #expect(b.next() == .milliseconds(100))
        var jittered = Backoff(initial: .milliseconds(100), cap: .seconds(1), jitter: 1)
        let d = jittered.next()
        #expect(d >= .milliseconds(100) && d <= .milliseconds(200))
    }
}

@Suite("Reflector namespace scoping")
struct ReflectorNamespaceTests {
    @Test func aNamespacedReflectorKeepsOtherNamespacesOutOfItsStore() async throws {
        try await withTestAPIServer { api in
            for ns in ["mine", "other"] { try await api.createNamespace(ns) }
            let store = Indexer()
            let reflector = Reflector(client: api.client, resource: ConfigMap.resource, options: .init(namespace: "mine"), store: store)
            let run = Task { await reflector.run() }
            defer { run.cancel() }
            #expect(await reflector.waitForSync())
            try await api.createConfigMap("other", "x")
            try await api.createConfigMap("mine", "y")
            #expect(await pollUntil { store.get(key: "mine/y") != nil })
            #expect(store.keys() == ["mine/y"])
        }
    }
}
