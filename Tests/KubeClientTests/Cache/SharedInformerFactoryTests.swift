import Synchronization
import KubeAPI
import KubeClient
import KubeMachinery
import Testing

@Suite("SharedInformerFactory and listers")
struct SharedInformerFactoryTests {
    @Test func sameArgumentsGiveTheSameInformer() async throws {
        try await withTestAPIServer { api in
            let factory = SharedInformerFactory(client: api.client)
            let pods = factory.informer(for: Pod.resource)
            #expect(factory.informer(Pod.self) === pods)
            #expect(factory.informer(for: Pod.resource, namespace: "", labelSelector: "") === pods, "empty means none")
            #expect(factory.informer(for: Pod.resource, namespace: "a") !== pods)
            #expect(factory.informer(for: Pod.resource, labelSelector: "app=web") !== pods)
            #expect(factory.informer(for: Pod.resource, fieldSelector: "spec.nodeName=n1") !== pods)
            #expect(factory.informer(for: Node.resource, namespace: "ignored") === factory.informer(Node.self),
                    "cluster-scoped resources have no namespace")
        }
    }

    @Test func startRunsEachInformerOnceAndWaitForCacheSyncWaitsForAll() async throws {
        try await withTestAPIServer { api in
            try await api.createNamespace("t")
            try await api.createConfigMap("t", "cm")
            try await api.createPod("t", "p")
            let wire = ControllableTransport(wrapping: api.transport)
            let factory = SharedInformerFactory(client: KubeClient(transport: wire))
            let cms = factory.informer(ConfigMap.self)
            factory.start()
            let pods = factory.informer(Pod.self)
            factory.start()
            factory.start()
            #expect(await factory.waitForCacheSync())
            #expect(cms.hasSynced && pods.hasSynced)
            #expect(factory.lister(ConfigMap.self).get(namespace: "t", name: "cm") != nil)
            #expect(factory.lister(Pod.self).list().map(\.name) == ["p"])
            let lists = wire.requests.filter { !$0.contains("watch=true") }
            #expect(lists.filter { $0.contains("/configmaps") }.count == 1)
            #expect(lists.filter { $0.contains("/pods") }.count == 1)
            await factory.waitForShutdown()
        }
    }

    @Test func shutdownStopsEveryInformerAndLaterStartsDoNothing() async throws {
        try await withTestAPIServer { api in
            try await api.createNamespace("t")
            let wire = ControllableTransport(wrapping: api.transport)
            let factory = SharedInformerFactory(client: KubeClient(transport: wire))
            _ = factory.informer(ConfigMap.self)
            factory.start()
            #expect(await factory.waitForCacheSync())
            #expect(await pollUntil { wire.openWatches == 1 })
            let shutdown = Task { await factory.waitForShutdown() }
            #expect(await finishes(shutdown))
            #expect(await pollUntil { wire.openWatches == 0 })
            let before = wire.requests.count
            _ = factory.informer(Pod.self)
            factory.start()
            #expect(wire.requests.count == before)
        }
    }

    @Test func listerReadsByNamespaceSelectorAndIndex() async throws {
        try await withTestAPIServer { api in
            for ns in ["a", "b"] { try await api.createNamespace(ns) }
            try await api.createPod("a", "web-1", nodeName: "n1", labels: ["app": "web"])
            try await api.createPod("a", "db-1", nodeName: "n2", labels: ["app": "db"])
            try await api.createPod("b", "web-2", nodeName: "n1", labels: ["app": "web"])
            try await api.createPod("b", "pending", labels: ["app": "web"])
            let factory = SharedInformerFactory(client: api.client)
            let informer = factory.informer(Pod.self)
            informer.addIndexers(["spec.nodeName": IndexFunctions.podNodeName])
            factory.start()
            defer { factory.shutdown() }
            #expect(await factory.waitForCacheSync())
            let pods = informer.lister(Pod.self)
            let web = try LabelSelector(parsing: "app=web")
            #expect(pods.get(namespace: "a", name: "web-1")?.name == "web-1")
            #expect(pods.get(namespace: "b", name: "web-1") == nil)
            #expect(pods.list().count == 4)
            #expect(pods.list(namespace: "a").map(\.name).sorted() == ["db-1", "web-1"])
            #expect(pods.list(selector: web).map(\.key).sorted() == ["a/web-1", "b/pending", "b/web-2"])
            #expect(pods.list(namespace: "b", selector: web).map(\.name).sorted() == ["pending", "web-2"])
            #expect(pods.list(selector: .nothing).isEmpty)
            #expect(pods.byIndex("spec.nodeName", "n1").map(\.key).sorted() == ["a/web-1", "b/web-2"])
        }
    }

    @Test func typedHandlersSeeTypedObjects() async throws {
        try await withTestAPIServer { api in
            try await api.createNamespace("t")
            let factory = SharedInformerFactory(client: api.client)
            let informer = factory.informer(ConfigMap.self, namespace: "t")
            let names = Names()
            informer.addEventHandler(.typed(ConfigMap.self, onAdd: { cm, _ in names.add(cm.name) }))
            factory.start()
            defer { factory.shutdown() }
            #expect(await factory.waitForCacheSync())
            try await api.createConfigMap("t", "typed")
            #expect(await pollUntil { names.all == ["typed"] })
        }
    }
}

/// Names collected from handlers.
final class Names: Sendable {
    private let names = Mutex<[String]>([])
    func add(_ n: String) { names.withLock { $0.append(n) } }
    var all: [String] { names.withLock { $0 } }
}
