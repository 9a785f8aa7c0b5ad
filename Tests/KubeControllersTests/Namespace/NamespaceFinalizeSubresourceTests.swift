import KubeAPI
import KubeClient
import KubeMachinery
import Testing

/// The API side of namespace deletion that the controller relies on: `finalize` and `status`.
@Suite(.timeLimit(.minutes(1)))
struct NamespaceFinalizeSubresourceTests {
    @Test func deleteOnlyMarksANamespaceTerminatingWhileItsSpecFinalizerRemains() async throws {
        try await ControllerTestCluster.with { cluster in
            let client = cluster.client
            try await cluster.createNamespace("marked")
            try await OwnedObjects.configMap(client, "inside", namespace: "marked")
            try await client.delete(Namespace.resource, namespace: nil, name: "marked")
            // No controller runs: nothing else happens.
            #expect(await holds(for: .milliseconds(300)) {
                let ns = try await NamespaceControllerTests.namespace(client, "marked")
                let inside = try await OwnedObjects.get(client, ConfigMap.resource, "inside", namespace: "marked")
                return ns?["status"]?["phase"]?.stringValue == "Terminating" && ns?["metadata"]?["deletionTimestamp"] != nil && inside != nil
            })
        }
    }

    @Test func finalizeReplacesOnlySpecFinalizers() async throws {
        try await ControllerTestCluster.with { cluster in
            let client = cluster.client
            try await cluster.createNamespace("active")
            var ns = try await client.get(Namespace.resource, namespace: nil, name: "active")
            ns.set(["spec", "finalizers"], to: ["example.com/one", "kubernetes"])
            ns.set(["metadata", "labels", "ignored"], to: "yes")
            let answered = try await client.update(Namespace.resource, ns, subresource: "finalize")
            #expect(answered["spec"]?["finalizers"] == ["example.com/one", "kubernetes"])
            let stored = try await client.get(Namespace.resource, namespace: nil, name: "active")
            #expect(stored["spec"]?["finalizers"] == ["example.com/one", "kubernetes"])
            #expect(stored["metadata"]?["labels"]?["ignored"] == nil)
            // A plain update cannot change them.
            var plain = stored
            plain.set(["spec", "finalizers"], to: [])
            let updated = try await client.update(Namespace.resource, plain)
            #expect(updated["spec"]?["finalizers"] == ["example.com/one", "kubernetes"])
        }
    }

    @Test func finalizingATerminatingNamespaceRemovesIt() async throws {
        try await ControllerTestCluster.with { cluster in
            let client = cluster.client
            try await cluster.createNamespace("ending")
            try await client.delete(Namespace.resource, namespace: nil, name: "ending")
            var ns = try await client.get(Namespace.resource, namespace: nil, name: "ending")
            ns.set(["spec", "finalizers"], to: [])
            _ = try await client.update(Namespace.resource, ns, subresource: "finalize")
            #expect(try await NamespaceControllerTests.namespace(client, "ending") == nil)
        }
    }

    @Test func theStatusSubresourceOfANamespaceIsServed() async throws {
        try await ControllerTestCluster.with { cluster in
            let client = cluster.client
            try await cluster.createNamespace("observed")
            let status = try await client.get(Namespace.resource, namespace: nil, name: "observed", subresource: "status")
            #expect(status["status"]?["phase"]?.stringValue == "Active")
        }
    }
}
