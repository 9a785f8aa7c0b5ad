import KubeAPI
import KubeClient
import KubeControllers
import KubeMachinery
import Testing

@Suite(.timeLimit(.minutes(2)))
struct NamespaceControllerTests {
    static func namespace(_ client: KubeClient, _ name: String) async throws -> JSONValue? {
        try await OwnedObjects.get(client, Namespace.resource, name, namespace: nil)
    }

    static func condition(_ ns: JSONValue?, _ type: String) -> JSONValue? {
        ns?["status"]?["conditions"]?.arrayValue?.first { $0["type"]?.stringValue == type }
    }

    @Test func deletingANamespaceDeletesItsContentThenTheNamespace() async throws {
        try await ControllerTestCluster.with { cluster in
            let client = cluster.client
            try await cluster.createNamespace("doomed")
            try await OwnedObjects.configMap(client, "settings", namespace: "doomed")
            try await OwnedObjects.secret(client, "token", namespace: "doomed")
            try await OwnedObjects.pod(client, "worker", namespace: "doomed")
            try await OwnedObjects.replicaSet(client, "web", namespace: "doomed")
            // A neighbour's content is not touched.
            try await OwnedObjects.configMap(client, "settings", namespace: "default")
            try await cluster.run(NamespaceController.self)

            try await client.delete(Namespace.resource, namespace: nil, name: "doomed")

            #expect(await eventually { try await Self.namespace(client, "doomed") == nil })
            #expect(try await client.listAll(ConfigMap.resource, namespace: "doomed").items.isEmpty)
            #expect(try await client.listAll(Secret.resource, namespace: "doomed").items.isEmpty)
            #expect(try await client.listAll(Pod.resource, namespace: "doomed").items.isEmpty)
            #expect(try await client.listAll(ReplicaSet.resource, namespace: "doomed").items.isEmpty)
            #expect(try await OwnedObjects.get(client, ConfigMap.resource, "settings", namespace: "default") != nil)
        }
    }

    @Test func contentHeldByAFinalizerKeepsTheNamespaceTerminatingWithConditionsUntilReleased() async throws {
        try await ControllerTestCluster.with { cluster in
            let client = cluster.client
            try await cluster.createNamespace("held")
            try await OwnedObjects.configMap(client, "pinned", namespace: "held", finalizers: ["example.com/hold"])
            try await OwnedObjects.secret(client, "loose", namespace: "held")
            try await cluster.run(NamespaceController.self)

            try await client.delete(Namespace.resource, namespace: nil, name: "held")

            let reported = await eventually {
                Self.condition(try await Self.namespace(client, "held"), "NamespaceFinalizersRemaining")?["status"]?.stringValue == "True"
            }
            #expect(reported)
            let ns = try await Self.namespace(client, "held")
            #expect(ns?["status"]?["phase"]?.stringValue == "Terminating")
            #expect(ns?["spec"]?["finalizers"] == ["kubernetes"])
            let expected: [(String, String, String, String)] = [
                ("NamespaceDeletionDiscoveryFailure", "False", "ResourcesDiscovered", "All resources successfully discovered"),
                ("NamespaceDeletionGroupVersionParsingFailure", "False", "ParsedGroupVersions", "All legacy kube types successfully parsed"),
                ("NamespaceDeletionContentFailure", "False", "ContentDeleted", "All content successfully deleted, may be waiting on finalization"),
                ("NamespaceContentRemaining", "True", "SomeResourcesRemain", "Some resources are remaining: configmaps. has 1 resource instances"),
                ("NamespaceFinalizersRemaining", "True", "SomeFinalizersRemain",
                 "Some content in the namespace has finalizers remaining: example.com/hold in 1 resource instances"),
            ]
            for (type, status, reason, message) in expected {
                let c = Self.condition(ns, type)
                #expect(c?["status"]?.stringValue == status, "\(type)")
                #expect(c?["reason"]?.stringValue == reason, "\(type)")
                #expect(c?["message"]?.stringValue == message, "\(type)")
                #expect(c?["lastTransitionTime"]?.stringValue != nil, "\(type)")
            }
            // Everything without a finalizer is already gone; the pinned object is marked.
            #expect(try await OwnedObjects.get(client, Secret.resource, "loose", namespace: "held") == nil)
            let pinned = try await OwnedObjects.get(client, ConfigMap.resource, "pinned", namespace: "held")
            #expect(pinned?["metadata"]?["deletionTimestamp"] != nil)

            try await OwnedObjects.clearFinalizers(client, ConfigMap.resource, "pinned", namespace: "held")

            #expect(await eventually { try await Self.namespace(client, "held") == nil })
        }
    }

    @Test func aNamespaceWithAMetadataFinalizerOutlivesItsContentUntilThatFinalizerGoes() async throws {
        try await ControllerTestCluster.with { cluster in
            let client = cluster.client
            let created = try await client.create(Namespace.resource, namespace: nil,
                                                  ["apiVersion": "v1", "kind": "Namespace",
                                                   "metadata": ["name": "kept", "finalizers": ["example.com/keep"]]])
            #expect(created["spec"]?["finalizers"] == ["kubernetes"])
            try await OwnedObjects.configMap(client, "settings", namespace: "kept")
            try await cluster.run(NamespaceController.self)

            try await client.delete(Namespace.resource, namespace: nil, name: "kept")

            let finalized = await eventually { try await Self.namespace(client, "kept")?["spec"]?["finalizers"] == nil }
            #expect(finalized)
            #expect(try await OwnedObjects.get(client, ConfigMap.resource, "settings", namespace: "kept") == nil)
            #expect(try await Self.namespace(client, "kept") != nil)
            try await OwnedObjects.clearFinalizers(client, Namespace.resource, "kept", namespace: "")
            #expect(await eventually { try await Self.namespace(client, "kept") == nil })
        }
    }
}
