import Foundation
import KubeAPI
import KubeClient
import KubeMachinery
import Testing

@Suite("EventRecorder against an in-process API server")
struct EventRecorderTests {
    func events(_ api: LocalAPIServer, about name: String, namespace: String = "default") async throws -> [JSONValue] {
        try await api.client().list(CoreEvent.resource, namespace: namespace,
                                    options: ListOptions(fieldSelector: "involvedObject.name=\(name)")).items
    }

    func configMap(_ api: LocalAPIServer, _ name: String) async throws -> ConfigMap {
        try await api.client().create(ConfigMap(namespace: "default", name: name))
    }

    @Test("an event is written as a core/v1 Event that an involvedObject field selector finds")
    func createsEvent() async throws {
        try await withLocalAPIServer { api in
            let cm = try await configMap(api, "settings")
            let recorder = EventRecorder(client: api.client(), component: "default-scheduler", host: "node-1")
            recorder.event(regarding: cm, type: .normal, reason: "Synced", message: "settings were applied")
            await recorder.flush()

            let found = try await events(api, about: "settings")
            try #require(found.count == 1)
            let e = found[0]
            #expect(e["kind"]?.stringValue == "Event")
            #expect(e["metadata"]?["namespace"]?.stringValue == "default")
            let name = try #require(e["metadata"]?["name"]?.stringValue)
            #expect(name.wholeMatch(of: /settings\.[0-9a-f]{16}/) != nil, "name was \(name)")
            #expect(e["involvedObject"] == [
                "apiVersion": "v1", "kind": "ConfigMap", "namespace": "default", "name": "settings",
                "uid": .string(cm.uid), "resourceVersion": .string(cm.resourceVersion ?? ""),
            ])
            #expect(e["type"]?.stringValue == "Normal")
            #expect(e["reason"]?.stringValue == "Synced")
            #expect(e["message"]?.stringValue == "settings were applied")
            #expect(e["count"]?.intValue == 1)
            #expect(e["source"] == ["component": "default-scheduler", "host": "node-1"])
            #expect(e["reportingComponent"]?.stringValue == "default-scheduler")
            #expect(e["reportingInstance"]?.stringValue == "node-1")
            let first = try #require(e["firstTimestamp"]?.stringValue)
            #expect(first.wholeMatch(of: /\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ/) != nil)
            #expect(e["lastTimestamp"]?.stringValue == first)

            // The selector `kubectl describe` sends to find an object's events.
            let describeSelector = "involvedObject.name=settings,involvedObject.namespace=default,"
                + "involvedObject.kind=ConfigMap,involvedObject.uid=\(cm.uid)"
            let described = try await api.client().list(CoreEvent.resource, namespace: "default",
                                                        options: ListOptions(fieldSelector: describeSelector)).items
            #expect(described.count == 1)
        }
    }

    @Test("a repeat of the same event is folded into the first: count 2, one Event")
    func aggregatesRepeats() async throws {
        try await withLocalAPIServer { api in
            let cm = try await configMap(api, "repeat")
            let recorder = EventRecorder(client: api.client(), component: "default-scheduler")
            recorder.event(regarding: cm, type: .warning, reason: "FailedScheduling", message: "0/3 nodes are available")
            recorder.event(regarding: cm, type: .warning, reason: "FailedScheduling", message: "0/3 nodes are available")
            await recorder.flush()
            var found = try await events(api, about: "repeat")
            try #require(found.count == 1)
            #expect(found[0]["count"]?.intValue == 2)
            #expect(found[0]["type"]?.stringValue == "Warning")
            #expect(found[0]["source"] == ["component": "default-scheduler"])

            // A different message is a different event.
            recorder.event(regarding: cm, type: .warning, reason: "FailedScheduling", message: "0/4 nodes are available")
            recorder.event(regarding: cm, type: .warning, reason: "FailedScheduling", message: "0/3 nodes are available")
            await recorder.flush()
            found = try await events(api, about: "repeat")
            let counts = found.compactMap { e -> String? in
                guard let m = e["message"]?.stringValue, let c = e["count"]?.intValue else { return nil }
                return "\(m)=\(c)"
            }.sorted()
            #expect(counts == ["0/3 nodes are available=3", "0/4 nodes are available=1"])
        }
    }

    @Test("events about cluster-scoped objects go to the default namespace")
    func clusterScopedObjectsUseDefaultNamespace() async throws {
        try await withLocalAPIServer { api in
            let recorder = EventRecorder(client: api.client(), component: "node-controller")
            let node: JSONValue = ["apiVersion": "v1", "kind": "Node", "metadata": ["name": "worker-7", "uid": "1234"]]
            recorder.event(regarding: node, type: .normal, reason: "RegisteredNode", message: "Node worker-7 event: Registered")
            await recorder.flush()
            let found = try await events(api, about: "worker-7")
            try #require(found.count == 1)
            #expect(found[0]["metadata"]?["namespace"]?.stringValue == "default")
            #expect(found[0]["involvedObject"]?["namespace"] == nil)
            #expect(found[0]["involvedObject"]?["kind"]?.stringValue == "Node")
        }
    }
}
