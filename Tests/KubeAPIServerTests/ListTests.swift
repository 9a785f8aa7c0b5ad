import Foundation
import KubeAPIServer
import KubeMachinery
import Testing

@Suite("List: paging, selectors, Table output")
struct ListTests {
    static let configMaps = "/api/v1/namespaces/demo/configmaps"
    static let pods = "/api/v1/namespaces/demo/pods"

    /// Encodes a continue token for a query string the way clients do.
    static func queryEscaped(_ s: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return s.addingPercentEncoding(withAllowedCharacters: allowed) ?? s
    }

    @Test func limitAndContinuePageThroughEveryObjectInOrderAtOneResourceVersion() async {
        await withAPIServer { api in
            await api.createNamespace("demo")
            let names = (0..<25).map { String(format: "cm-%02d", $0) }
            for n in names.shuffled() { await api.create(Self.configMaps, Objects.configMap(n)) }

            var seen: [String] = []
            var listRV: String?
            var token: String?
            var pages = 0
            repeat {
                var uri = Self.configMaps + "?limit=10"
                if let t = token { uri += "&continue=" + Self.queryEscaped(t) }
                let r = await api.send(.GET, uri)
                #expect(r.status == .ok, "\(r.bodyString)")
                let list = r.json
                #expect(list.string("kind") == "ConfigMapList")
                let rv = list.string("metadata.resourceVersion")
                if listRV == nil { listRV = rv } else { #expect(rv == listRV, "every page reports the first page's resourceVersion") }
                seen += (list["items"]?.arrayValue ?? []).compactMap { $0.string("metadata.name") }
                token = list.string("metadata.continue")
                pages += 1
                if pages == 1 {
                    // A write between pages must not show up in later pages.
                    await api.create(Self.configMaps, Objects.configMap("cm-99-late"))
                }
            } while token != nil && pages < 10
            #expect(pages == 3)
            #expect(seen == names)
        }
    }

    @Test func limitLargerThanTheCollectionHasNoContinue() async {
        await withAPIServer { api in
            await api.createNamespace("demo")
            for i in 0..<3 { await api.create(Self.configMaps, Objects.configMap("c\(i)")) }
            let list = await api.send(.GET, Self.configMaps + "?limit=3").json
            #expect(list["items"]?.arrayValue?.count == 3)
            #expect(list.string("metadata.continue") == nil)
        }
    }

    @Test(arguments: [
        ("tier=front", ["a", "b"]),
        ("tier!=front", ["c", "d"]),
        ("tier in (front,back)", ["a", "b", "c"]),
        ("!tier", ["d"]),
        ("tier,env=prod", ["a"]),
        ("", ["a", "b", "c", "d"]),
    ])
    func labelSelectorFiltersTheList(selector: String, expected: [String]) async {
        await withAPIServer { api in
            await api.createNamespace("demo")
            await api.create(Self.configMaps, Objects.configMap("a", labels: ["tier": "front", "env": "prod"]))
            await api.create(Self.configMaps, Objects.configMap("b", labels: ["tier": "front"]))
            await api.create(Self.configMaps, Objects.configMap("c", labels: ["tier": "back"]))
            await api.create(Self.configMaps, Objects.configMap("d"))
            let r = await api.send(.GET, Self.configMaps + "?labelSelector=" + Self.queryEscaped(selector))
            #expect(r.status == .ok, "\(r.bodyString)")
            let names = (r.json["items"]?.arrayValue ?? []).compactMap { $0.string("metadata.name") }
            #expect(names == expected)
        }
    }

    @Test func fieldSelectorOnStatusPhaseAndNodeName() async {
        await withAPIServer { api in
            await api.createNamespace("demo")
            await api.create(Self.pods, Objects.pod("waiting"))
            await api.create(Self.pods, Objects.pod("placed", nodeName: "node-1"))
            let running = await api.send(.PUT, Self.pods + "/placed/status", body: {
                var p = Objects.pod("placed", nodeName: "node-1")
                p.set(["status"], to: ["phase": "Running"])
                return p
            }())
            #expect(running.status == .ok, "\(running.bodyString)")

            func names(_ query: String) async -> [String] {
                let r = await api.send(.GET, Self.pods + "?fieldSelector=" + Self.queryEscaped(query))
                #expect(r.status == .ok, "\(query): \(r.bodyString)")
                return (r.json["items"]?.arrayValue ?? []).compactMap { $0.string("metadata.name") }
            }
            #expect(await names("status.phase=Pending") == ["waiting"])
            #expect(await names("status.phase!=Pending") == ["placed"])
            #expect(await names("spec.nodeName=node-1") == ["placed"])
            #expect(await names("spec.nodeName=") == ["waiting"])
            #expect(await names("metadata.name=waiting") == ["waiting"])
        }
    }

    @Test func listAcrossNamespacesSeesEveryNamespace() async {
        await withAPIServer { api in
            await api.createNamespace("demo")
            await api.createNamespace("other")
            await api.create(Self.configMaps, Objects.configMap("here"))
            await api.create("/api/v1/namespaces/other/configmaps", Objects.configMap("there"))
            let all = await api.send(.GET, "/api/v1/configmaps").json
            let keys = (all["items"]?.arrayValue ?? []).compactMap { o in
                o.string("metadata.namespace").map { "\($0)/\(o.string("metadata.name") ?? "")" }
            }
            #expect(keys == ["demo/here", "other/there"])
            let one = await api.send(.GET, Self.configMaps).json
            #expect(one["items"]?.arrayValue?.count == 1)
        }
    }

    @Test func tableOutputHasThePodColumnsAndOneRowPerPod() async {
        await withAPIServer { api in
            await api.createNamespace("demo")
            await api.create(Self.pods, Objects.pod("p1"))
            await api.create(Self.pods, Objects.pod("p2"))
            let r = await api.send(.GET, Self.pods, headers: [("Accept", "application/json;as=Table;v=v1;g=meta.k8s.io,application/json")])
            #expect(r.status == .ok)
            let table = r.json
            #expect(table.string("kind") == "Table")
            #expect(table.string("apiVersion") == "meta.k8s.io/v1")
            let columns = (table["columnDefinitions"]?.arrayValue ?? []).compactMap { $0.string("name") }
            #expect(columns == ["Name", "Ready", "Status", "Restarts", "Age", "IP", "Node", "Nominated Node", "Readiness Gates"])
            let priorities = (table["columnDefinitions"]?.arrayValue ?? []).compactMap { $0["priority"]?.intValue }
            #expect(priorities == [0, 0, 0, 0, 0, 1, 1, 1, 1])
            let rows = table["rows"]?.arrayValue ?? []
            #expect(rows.count == 2)
            let first = rows.first
            #expect(first?["cells"]?.arrayValue?.first == "p1")
            #expect(first?["cells"]?.arrayValue?.count == columns.count)
            #expect(first?["cells"]?.arrayValue?[1] == "0/1")
            #expect(first?["cells"]?.arrayValue?[2] == "Pending")
            #expect(first?.string("object.kind") == "PartialObjectMetadata")
            #expect(first?.string("object.metadata.name") == "p1")
            #expect(table.string("metadata.resourceVersion") != nil)
        }
    }

    @Test func tableOutputForOneObject() async {
        await withAPIServer { api in
            await api.createNamespace("demo")
            await api.create(Self.pods, Objects.pod("solo"))
            let r = await api.send(.GET, Self.pods + "/solo", headers: [("Accept", "application/json;as=Table;v=v1;g=meta.k8s.io")])
            #expect(r.json.string("kind") == "Table")
            #expect(r.json["rows"]?.arrayValue?.count == 1)
        }
    }

    @Test func listResourceVersionAdvancesWithWrites() async {
        await withAPIServer { api in
            await api.createNamespace("demo")
            let before = Int64(await api.send(.GET, Self.configMaps).json.string("metadata.resourceVersion") ?? "") ?? -1
            let created = await api.create(Self.configMaps, Objects.configMap("x"))
            let after = Int64(await api.send(.GET, Self.configMaps).json.string("metadata.resourceVersion") ?? "") ?? -1
            #expect(after > before)
            #expect(after >= Int64(created.string("metadata.resourceVersion") ?? "") ?? .max, "a list must see the client's own write")
        }
    }
}
