import KubeAPI
import KubeAPIServer
import KubeClient
import KubeMachinery
import Testing

@Suite("SharedInformer against an in-process API server")
struct SharedInformerTests {
    /// Sets `data.v` of a ConfigMap through a merge patch.
    private func setV(_ api: TestAPIServer, _ ns: String, _ name: String, _ v: String) async throws {
        _ = try await api.client.patch(ConfigMap.self, namespace: ns, name: name, .merge, ["data": ["v": .string(v)]])
    }

    private func setLabels(_ api: TestAPIServer, _ ns: String, _ name: String, _ labels: [String: String]) async throws {
        _ = try await api.client.patch(ConfigMap.self, namespace: ns, name: name, .merge, ["metadata": ["labels": .stringMap(labels)]])
    }

    @Test func initialListFillsTheCacheAndIsDeliveredAsInitialAdds() async throws {
        try await withTestAPIServer { api in
            try await api.createNamespace("t")
            for i in 0..<5 { try await api.createConfigMap("t", "cm\(i)", data: ["v": "1"]) }
            let informer = SharedInformer(client: api.client, resource: ConfigMap.resource, namespace: "t")
            let log = EventLog()
            let registration = informer.addEventHandler(log.handler)
            #expect(!informer.hasSynced)
            let run = Task { await informer.run() }
            defer { run.cancel() }
            #expect(await informer.waitForSync())
            #expect(informer.indexer.keys().sorted() == (0..<5).map { "t/cm\($0)" })
            #expect(await registration.waitForSync())
            #expect(registration.hasSynced)
            #expect(log.entries.sorted() == (0..<5).map { "add t/cm\($0) v=1 initial" })
        }
    }

    @Test func addUpdateDeleteReachAHandlerInOrder() async throws {
        try await withTestAPIServer { api in
            try await api.createNamespace("t")
            let informer = SharedInformer(client: api.client, resource: ConfigMap.resource, namespace: "t")
            let log = EventLog()
            informer.addEventHandler(log.handler)
            let run = Task { await informer.run() }
            defer { run.cancel() }
            #expect(await informer.waitForSync())
            try await api.createConfigMap("t", "a", data: ["v": "1"])
            try await setV(api, "t", "a", "2")
            try await setV(api, "t", "a", "3")
            try await api.client.delete(ConfigMap.self, namespace: "t", name: "a")
            try await api.createConfigMap("t", "b", data: ["v": "1"])
            let expected = ["add t/a v=1", "update t/a v=1->v=2", "update t/a v=2->v=3", "delete t/a v=3", "add t/b v=1"]
            #expect(await pollUntil { log.entries.count >= expected.count })
            #expect(log.entries == expected)
            #expect(informer.indexer.keys() == ["t/b"])
        }
    }

    @Test func concurrentWritesArriveInPerObjectOrder() async throws {
        try await withTestAPIServer { api in
            try await api.createNamespace("t")
            let informer = SharedInformer(client: api.client, resource: ConfigMap.resource, namespace: "t")
            let log = EventLog()
            informer.addEventHandler(log.handler)
            let run = Task { await informer.run() }
            defer { run.cancel() }
            #expect(await informer.waitForSync())
            try await withThrowingTaskGroup(of: Void.self) { group in
                for i in 0..<20 {
                    group.addTask {
                        try await api.createConfigMap("t", "cm\(i)", data: ["v": "0"])
                        for v in 1...3 { try await setV(api, "t", "cm\(i)", "\(v)") }
                    }
                }
                try await group.waitForAll()
            }
            #expect(await pollUntil { log.entries.count >= 80 })
            for i in 0..<20 {
                #expect(log.entries(for: "t/cm\(i)") == ["add t/cm\(i) v=0", "update t/cm\(i) v=0->v=1",
                                                          "update t/cm\(i) v=1->v=2", "update t/cm\(i) v=2->v=3"])
            }
        }
    }

    @Test func aLabelSelectorInformerSeesOnlyMatchesAndALabelChangeThatStopsMatchingIsADelete() async throws {
        try await withTestAPIServer { api in
            try await api.createNamespace("t")
            try await api.createConfigMap("t", "web1", labels: ["app": "web"])
            try await api.createConfigMap("t", "db1", labels: ["app": "db"])
            let informer = SharedInformer(client: api.client, resource: ConfigMap.resource, namespace: "t", labelSelector: "app=web")
            let log = EventLog()
            informer.addEventHandler(log.handler)
            let run = Task { await informer.run() }
            defer { run.cancel() }
            #expect(await informer.waitForSync())
            #expect(informer.indexer.keys() == ["t/web1"])
            try await api.createConfigMap("t", "web2", labels: ["app": "web"])
            try await api.createConfigMap("t", "db2", labels: ["app": "db"])
            try await setLabels(api, "t", "web1", ["app": "db"])
            try await setLabels(api, "t", "db1", ["app": "web"])
            let expected = ["add t/web1 v=- initial", "add t/web2 v=-", "delete t/web1 v=-", "add t/db1 v=-"]
            #expect(await pollUntil { log.entries.count >= expected.count })
            #expect(log.entries == expected)
            #expect(informer.indexer.keys().sorted() == ["t/db1", "t/web2"])
        }
    }

    @Test func anExpiredWatchRelistsAndDeliversWhatChangedDuringTheGap() async throws {
        var config = APIServer.Config()
        config.watchCacheSize = 5
        try await withTestAPIServer(config: config) { api in
            try await api.createNamespace("t")
            for name in ["keep", "change", "gone"] { try await api.createConfigMap("t", name, data: ["v": "1"]) }
            let wire = ControllableTransport(wrapping: api.transport)
            let informer = SharedInformer(client: KubeClient(transport: wire), resource: ConfigMap.resource, namespace: "t",
                                          backoff: quickBackoff)
            let log = EventLog()
            let registration = informer.addEventHandler(log.handler)
            let run = Task { await informer.run() }
            defer { run.cancel() }
            #expect(await informer.waitForSync())
            #expect(await registration.waitForSync())
            #expect(await pollUntil { wire.openWatches == 1 })

            // Disconnect and keep the reflector from reconnecting while more changes happen
            // than the server's watch history (5 events) holds.
            wire.holdWatches()
            wire.cutWatches()
            #expect(await pollUntil { wire.requests.filter { $0.contains("watch=true") }.count == 2 })
            try await setV(api, "t", "change", "2")
            try await api.client.delete(ConfigMap.self, namespace: "t", name: "gone")
            try await api.createConfigMap("t", "new", data: ["v": "1"])
            for i in 0..<4 {
                try await api.createConfigMap("t", "churn\(i)")
                try await api.client.delete(ConfigMap.self, namespace: "t", name: "churn\(i)")
            }
            wire.releaseWatches()

            #expect(await pollUntil { informer.reflector.listCount == 2 })
            #expect(await pollUntil { log.entries.count >= 6 })
            let afterGap = Array(log.entries.dropFirst(3))
            #expect(afterGap.sorted() == ["add t/new v=1", "delete t/gone v=1", "update t/change v=1->v=2"])
            #expect(informer.indexer.keys().sorted() == ["t/change", "t/keep", "t/new"])
            // And the informer is watching again: new changes still arrive.
            try await setV(api, "t", "keep", "2")
            #expect(await pollUntil { log.entries.last == "update t/keep v=1->v=2" })
        }
    }

    @Test func aHandlerAddedAfterSyncFirstGetsTheCachedObjects() async throws {
        try await withTestAPIServer { api in
            try await api.createNamespace("t")
            for name in ["a", "b", "c"] { try await api.createConfigMap("t", name, data: ["v": "1"]) }
            let informer = SharedInformer(client: api.client, resource: ConfigMap.resource, namespace: "t")
            let run = Task { await informer.run() }
            defer { run.cancel() }
            #expect(await informer.waitForSync())
            let late = EventLog()
            let registration = informer.addEventHandler(late.handler)
            #expect(await registration.waitForSync())
            #expect(late.entries.sorted() == ["add t/a v=1 initial", "add t/b v=1 initial", "add t/c v=1 initial"])
            try await api.createConfigMap("t", "d", data: ["v": "1"])
            #expect(await pollUntil { late.entries.count == 4 })
            #expect(late.entries.last == "add t/d v=1")
        }
    }

    @Test func aRemovedHandlerHearsNothingMore() async throws {
        try await withTestAPIServer { api in
            try await api.createNamespace("t")
            let informer = SharedInformer(client: api.client, resource: ConfigMap.resource, namespace: "t")
            let kept = EventLog(), removed = EventLog()
            informer.addEventHandler(kept.handler)
            let registration = informer.addEventHandler(removed.handler)
            let run = Task { await informer.run() }
            defer { run.cancel() }
            #expect(await informer.waitForSync())
            informer.removeEventHandler(registration)
            try await api.createConfigMap("t", "a")
            #expect(await pollUntil { kept.entries.count == 1 })
            #expect(removed.entries.isEmpty)
        }
    }

    @Test func periodicResyncDeliversAnUpdateWithTheSameObject() async throws {
        try await withTestAPIServer { api in
            try await api.createNamespace("t")
            try await api.createConfigMap("t", "a", data: ["v": "1"])
            let informer = SharedInformer(client: api.client, resource: ConfigMap.resource, namespace: "t",
                                          resyncPeriod: .milliseconds(30))
            let log = EventLog()
            informer.addEventHandler(log.handler)
            let run = Task { await informer.run() }
            defer { run.cancel() }
            #expect(await pollUntil { log.entries.filter { $0 == "update t/a v=1->v=1" }.count >= 2 })
            #expect(log.entries.first == "add t/a v=1 initial")
        }
    }

    @Test func cancellingRunStopsTheInformerForGood() async throws {
        try await withTestAPIServer { api in
            try await api.createNamespace("t")
            let informer = SharedInformer(client: api.client, resource: ConfigMap.resource, namespace: "t")
            let log = EventLog()
            informer.addEventHandler(log.handler)
            let run = Task { await informer.run() }
            #expect(await informer.waitForSync())
            run.cancel()
            #expect(await finishes(run))
            try await api.createConfigMap("t", "after-stop")
            // A second run returns at once rather than restarting a stopped informer.
            #expect(await finishes(Task { await informer.run() }))
            #expect(log.entries.isEmpty)
            #expect(informer.indexer.count == 0)
        }
    }

    @Test func waitForSyncIsFalseWhenTheInformerStopsFirst() async throws {
        try await withTestAPIServer { api in
            let wire = ControllableTransport(wrapping: api.transport)
            wire.failNextRequests(Int.max)
            let informer = SharedInformer(client: KubeClient(transport: wire), resource: ConfigMap.resource, backoff: quickBackoff)
            let run = Task { await informer.run() }
            let waiter = Task { await informer.waitForSync() }
            #expect(await pollUntil { !wire.requests.isEmpty })
            run.cancel()
            #expect(await waiter.value == false)
        }
    }
}
