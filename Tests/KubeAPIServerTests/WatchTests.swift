import KubeAPIServer
import KubeMachinery
import KubeStorage
import Testing

@Suite("Watch: event order, resume, initial events, expiry")
struct WatchTests {
    static let configMaps = "/api/v1/namespaces/demo/configmaps"

    static func types(_ frames: [JSONValue]) -> [String] { frames.compactMap { $0.string("type") } }
    static func revisions(_ frames: [JSONValue]) -> [Int64] {
        frames.compactMap { $0.string("object.metadata.resourceVersion").flatMap { Int64($0) } }
    }

    @Test func watchStreamsAddedModifiedDeletedInOrderWithResourceVersions() async {
        await withAPIServer { api in
            await api.createNamespace("demo")
            let listRV = await api.send(.GET, Self.configMaps).json.string("metadata.resourceVersion") ?? ""
            let w = await api.send(.GET, Self.configMaps + "?watch=true&resourceVersion=" + listRV)
            #expect(w.status == .ok)
            #expect(w.isStream)
            #expect(w.headers["Content-Type"].first?.hasPrefix("application/json") == true)

            let created = await api.create(Self.configMaps, Objects.configMap("watched"))
            var changed = created
            changed.set(["data", "k"], to: "w")
            let updated = await api.send(.PUT, Self.configMaps + "/watched", body: changed).json
            let deleted = await api.send(.DELETE, Self.configMaps + "/watched", body: Objects.deleteOptions)
            #expect(deleted.status == .ok)

            let frames = await readWatchFrames(w, count: 3)
            #expect(Self.types(frames) == ["ADDED", "MODIFIED", "DELETED"])
            let rvs = Self.revisions(frames)
            #expect(rvs.count == 3)
            #expect(rvs == rvs.sorted() && Set(rvs).count == 3, "resourceVersions must increase: \(rvs)")
            #expect(frames.first?.string("object.metadata.resourceVersion") == created.string("metadata.resourceVersion"))
            #expect(frames.dropFirst().first?.string("object.metadata.resourceVersion") == updated.string("metadata.resourceVersion"))
            #expect(frames.dropFirst().first?.string("object.data.k") == "w")
            #expect(frames.last?.string("object.metadata.name") == "watched")
            #expect(frames.allSatisfy { $0.string("object.kind") == "ConfigMap" })
        }
    }

    @Test func watchResumesFromAResourceVersionWithTheEventsAfterIt() async {
        await withAPIServer { api in
            await api.createNamespace("demo")
            let a = await api.create(Self.configMaps, Objects.configMap("a"))
            await api.create(Self.configMaps, Objects.configMap("b"))
            await api.create(Self.configMaps, Objects.configMap("c"))
            let from = a.string("metadata.resourceVersion") ?? ""
            let w = await api.send(.GET, Self.configMaps + "?watch=1&resourceVersion=" + from)
            #expect(w.status == .ok, "\(w.bodyString)")
            let frames = await readWatchFrames(w, count: 2)
            #expect(Self.types(frames) == ["ADDED", "ADDED"])
            #expect(frames.compactMap { $0.string("object.metadata.name") } == ["b", "c"])
        }
    }

    @Test func watchWithoutResourceVersionStartsWithTheCurrentState() async {
        await withAPIServer { api in
            await api.createNamespace("demo")
            await api.create(Self.configMaps, Objects.configMap("a"))
            await api.create(Self.configMaps, Objects.configMap("b"))
            let w = await api.send(.GET, Self.configMaps + "?watch=true")
            await api.create(Self.configMaps, Objects.configMap("c"))
            let frames = await readWatchFrames(w, count: 3)
            #expect(frames.compactMap { $0.string("object.metadata.name") } == ["a", "b", "c"])
        }
    }

    @Test func watchHonoursTheLabelSelectorAcrossChanges() async {
        await withAPIServer { api in
            await api.createNamespace("demo")
            let w = await api.send(.GET, Self.configMaps + "?watch=true&labelSelector=app%3Dweb")
            await api.create(Self.configMaps, Objects.configMap("other", labels: ["app": "db"]))
            let cm = await api.create(Self.configMaps, Objects.configMap("web", labels: ["app": "web"]))
            var relabelled = cm
            relabelled.set(["metadata", "labels", "app"], to: "db")
            await api.send(.PUT, Self.configMaps + "/web", body: relabelled)
            let frames = await readWatchFrames(w, count: 2)
            // Leaving the selector is a DELETED for this watcher.
            #expect(Self.types(frames) == ["ADDED", "DELETED"])
            #expect(frames.allSatisfy { $0.string("object.metadata.name") == "web" })
        }
    }

    @Test func sendInitialEventsEndsTheInitialStateWithABookmark() async {
        await withAPIServer { api in
            await api.createNamespace("demo")
            await api.create(Self.configMaps, Objects.configMap("a"))
            await api.create(Self.configMaps, Objects.configMap("b"))
            let w = await api.send(.GET, Self.configMaps + "?watch=true&sendInitialEvents=true&allowWatchBookmarks=true&resourceVersionMatch=NotOlderThan")
            #expect(w.status == .ok, "\(w.bodyString)")
            await api.create(Self.configMaps, Objects.configMap("c"))
            let frames = await readWatchFrames(w, count: 4)
            #expect(Self.types(frames) == ["ADDED", "ADDED", "BOOKMARK", "ADDED"])
            let bookmark = frames.count > 2 ? frames[2] : .null
            #expect(bookmark.string("object.kind") == "ConfigMap")
            #expect(bookmark.string("object.apiVersion") == "v1")
            #expect(bookmark[dotted: "object.metadata.annotations"]?["k8s.io/initial-events-end"] == "true")
            let bookmarkRV = Int64(bookmark.string("object.metadata.resourceVersion") ?? "") ?? -1
            let initialRVs = Self.revisions(Array(frames.prefix(2)))
            #expect(initialRVs.allSatisfy { $0 <= bookmarkRV }, "bookmark \(bookmarkRV) must not precede initial events \(initialRVs)")
            #expect(frames.last?.string("object.metadata.name") == "c")
        }
    }

    @Test func sendInitialEventsWithoutBookmarksIsInvalid() async {
        await withAPIServer { api in
            await api.createNamespace("demo")
            let r = await api.send(.GET, Self.configMaps + "?watch=true&sendInitialEvents=true&resourceVersionMatch=NotOlderThan")
            expectStatus(r, ExpectedStatus(code: 422, reason: "Invalid", messageContains: "allowWatchBookmarks"))
        }
    }

    @Test func watchOlderThanTheCacheHistoryIsExpired() async throws {
        // Objects written before the server starts are loaded as a snapshot with no event
        // history, so any resourceVersion below the snapshot's is too old to replay.
        let store = MemoryBackend()
        let ns: JSONValue = ["apiVersion": "v1", "kind": "Namespace", "metadata": ["name": "demo", "uid": "u0"]]
        _ = try await store.create("/registry/core/namespaces/demo", value: ns.serialized())
        for i in 0..<3 {
            let cm: JSONValue = ["apiVersion": "v1", "kind": "ConfigMap", "metadata": ["name": .string("old\(i)"), "namespace": "demo", "uid": .string("u\(i + 1)")]]
            _ = try await store.create("/registry/core/configmaps/demo/old\(i)", value: cm.serialized())
        }
        let snapshot = try await store.currentRevision()
        #expect(snapshot == 4)
        await withAPIServer(store: store) { api in
            let r = await api.send(.GET, Self.configMaps + "?watch=true&resourceVersion=2")
            expectStatus(r, ExpectedStatus(code: 410, reason: "Expired", messageContains: "too old resource version: 2"))
            do {
                #expect(r.json.string("message") == "too old resource version: 2 (4)")
            }
            // The snapshot's own revision can be resumed from.
            let ok = await api.send(.GET, Self.configMaps + "?watch=true&resourceVersion=4")
            #expect(ok.status == .ok, "\(ok.bodyString)")
            #expect(ok.isStream)
        }
    }

    @Test func watchFromBeforeARolledOverHistoryIsExpired() async {
        var config = APIServer.Config()
        config.watchCacheSize = 2
        await withAPIServer(config: config) { api in
            await api.createNamespace("demo")
            var rvs: [String] = []
            for n in ["a", "b", "c", "d"] {
                rvs.append(await api.create(Self.configMaps, Objects.configMap(n)).string("metadata.resourceVersion") ?? "")
            }
            // A consistent list waits until the cache has applied every write above.
            #expect(await api.send(.GET, Self.configMaps).json["items"]?.arrayValue?.count == 4)
            // History now holds only c and d: resuming after a is too old, after b is fine.
            let r = await api.send(.GET, Self.configMaps + "?watch=true&resourceVersion=" + rvs[0])
            expectStatus(r, ExpectedStatus(code: 410, reason: "Expired", messageContains: "too old resource version: \(rvs[0]) ("))
            do {
                #expect(r.json.string("message") == "too old resource version: \(rvs[0]) (\(rvs[1]))")
            }
            let ok = await api.send(.GET, Self.configMaps + "?watch=true&resourceVersion=" + rvs[1])
            #expect(ok.status == .ok, "\(ok.bodyString)")
            let frames = await readWatchFrames(ok, count: 2)
            #expect(frames.compactMap { $0.string("object.metadata.name") } == ["c", "d"])
        }
    }

    @Test func watchOfOneNamedObjectSeesOnlyIt() async {
        await withAPIServer { api in
            await api.createNamespace("demo")
            let w = await api.send(.GET, Self.configMaps + "?watch=true&fieldSelector=metadata.name%3Done")
            await api.create(Self.configMaps, Objects.configMap("two"))
            await api.create(Self.configMaps, Objects.configMap("one"))
            let frames = await readWatchFrames(w, count: 1)
            #expect(frames.compactMap { $0.string("object.metadata.name") } == ["one"])
        }
    }

    @Test func watchTableFramesCarryColumnsOnce() async {
        await withAPIServer { api in
            await api.createNamespace("demo")
            let w = await api.send(.GET, "/api/v1/namespaces/demo/pods?watch=true",
                                   headers: [("Accept", "application/json;as=Table;v=v1;g=meta.k8s.io")])
            await api.create("/api/v1/namespaces/demo/pods", Objects.pod("p1"))
            await api.create("/api/v1/namespaces/demo/pods", Objects.pod("p2"))
            let frames = await readWatchFrames(w, count: 2)
            #expect(frames.count == 2)
            #expect(frames.allSatisfy { $0.string("object.kind") == "Table" })
            #expect(frames.first?[dotted: "object.columnDefinitions"]?.arrayValue?.isEmpty == false)
            #expect(frames.last?[dotted: "object.columnDefinitions"]?.arrayValue?.isEmpty == true)
        }
    }

    @Test func namespacedWatchSeesOnlyItsNamespace() async {
        await withAPIServer { api in
            await api.createNamespace("demo")
            await api.createNamespace("other")
            let w = await api.send(.GET, Self.configMaps + "?watch=true")
            await api.create("/api/v1/namespaces/other/configmaps", Objects.configMap("elsewhere"))
            await api.create(Self.configMaps, Objects.configMap("here"))
            let frames = await readWatchFrames(w, count: 1)
            #expect(frames.compactMap { $0.string("object.metadata.name") } == ["here"])
        }
    }
}
