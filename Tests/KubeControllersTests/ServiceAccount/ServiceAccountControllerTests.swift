import KubeAPI
import KubeClient
import KubeMachinery
import Testing
@testable import KubeControllers

@Suite struct ServiceAccountControllerTests {
    static func defaultAccount(_ cluster: ControllerTestCluster, in ns: String) async throws -> ServiceAccount? {
        do {
            return try await cluster.client.get(ServiceAccount.self, namespace: ns, name: "default")
        } catch let e as APIError where e.isNotFound {
            return nil
        }
    }

    @Test func aNewNamespaceGetsADefaultServiceAccount() async throws {
        try await ControllerTestCluster.with { cluster in
            try await cluster.run(ServiceAccountController.self)
            try await cluster.createNamespace("team-a")
            #expect(await eventually { try await Self.defaultAccount(cluster, in: "team-a") != nil })
            // Namespaces that existed before the controller started are covered too.
            #expect(await eventually { try await Self.defaultAccount(cluster, in: "default") != nil })
        }
    }

    @Test func aDeletedDefaultServiceAccountIsRecreated() async throws {
        try await ControllerTestCluster.with { cluster in
            try await cluster.run(ServiceAccountController.self)
            try await cluster.createNamespace("team-b")
            #expect(await eventually { try await Self.defaultAccount(cluster, in: "team-b") != nil })
            let first = try #require(try await Self.defaultAccount(cluster, in: "team-b"))
            try await cluster.client.delete(ServiceAccount.self, namespace: "team-b", name: "default")

            #expect(await eventually {
                guard let again = try await Self.defaultAccount(cluster, in: "team-b") else { return false }
                return again.uid != first.uid
            })
        }
    }

    @Test func aTerminatingNamespaceGetsNothing() async throws {
        try await ControllerTestCluster.with { cluster in
            var ns = Namespace(name: "leaving")
            ns.finalizers = ["test.bosun.dev/hold"]
            _ = try await cluster.client.create(ns)
            try await cluster.client.delete(Namespace.self, name: "leaving")
            #expect(try await cluster.client.get(Namespace.self, name: "leaving").isBeingDeleted)
            // Started only now, so its first look at "leaving" already sees it terminating.
            let controller = try ServiceAccountController(context: cluster.context)
            try await cluster.start([controller])
            #expect(await eventually { try await Self.defaultAccount(cluster, in: "default") != nil })
            #expect(await eventually { controller.queue.metrics.completed >= 2 && controller.queue.len == 0 })
            #expect(try await Self.defaultAccount(cluster, in: "leaving") == nil)
        }
    }
}
