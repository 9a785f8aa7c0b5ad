import Foundation
import KubeAPI
import KubeMachinery
import Testing

@testable import KubeClient

/// Round trips over real HTTPS against a real `bosun server`, configured only from the admin
/// kubeconfig it writes.
@Suite struct HTTPTransportBosunTests {
    static let configMaps = APIResource(group: "", version: "v1", resource: "configmaps", kind: "ConfigMap", namespaced: true)

    static func configMap(_ name: String, labels: [String: String] = [:]) -> JSONValue {
        var metadata: [String: JSONValue] = ["name": .string(name)]
        if !labels.isEmpty { metadata["labels"] = .object(labels.mapValues { .string($0) }) }
        return .object([
            "apiVersion": "v1", "kind": "ConfigMap",
            "metadata": .object(metadata),
            "data": .object(["key": .string("value-of-\(name)")]),
        ])
    }

    static func uniqueName(_ prefix: String) -> String {
        "\(prefix)-\(UUID().uuidString.prefix(8).lowercased())"
    }

    @Test func versionIsServedOverHTTPSWithTheAdminKubeconfig() async throws {
        let server = try await BosunTestServer.get()
        let client = try KubeClient(config: try server.adminConfig())
        let version = try await client.call("GET", "/version")
        #expect(version["gitVersion"]?.stringValue?.isEmpty == false)
    }

    @Test func aCreatedConfigMapCanBeReadBack() async throws {
        let server = try await BosunTestServer.get()
        let client = try KubeClient(config: try server.adminConfig())
        let name = Self.uniqueName("roundtrip")
        let created = try await client.create(Self.configMaps, namespace: "default", Self.configMap(name))
        #expect(created["metadata"]?["uid"]?.stringValue?.isEmpty == false)
        let fetched = try await client.get(Self.configMaps, namespace: "default", name: name)
        #expect(fetched["data"]?["key"]?.stringValue == "value-of-\(name)")
        #expect(fetched["metadata"]?["resourceVersion"] == created["metadata"]?["resourceVersion"])
    }

    @Test func aMissingObjectSurfacesAsNotFound() async throws {
        let server = try await BosunTestServer.get()
        let client = try KubeClient(config: try server.adminConfig())
        do {
            _ = try await client.get(Self.configMaps, namespace: "default", name: Self.uniqueName("absent"))
            Issue.record("expected a 404")
        } catch let error as APIError {
            #expect(error.isNotFound)
            #expect(error.code == 404)
        }
    }

    @Test func fiftyConcurrentCreatesShareABoundedPool() async throws {
        let server = try await BosunTestServer.get()
        let transport = try HTTPTransport(config: try server.adminConfig(), maxConnections: 8)
        let client = KubeClient(transport: transport)
        let prefix = Self.uniqueName("pool")
        let names = try await withThrowingTaskGroup(of: String.self) { group in
            for i in 0..<50 {
                group.addTask {
                    let created = try await client.create(Self.configMaps, namespace: "default", Self.configMap("\(prefix)-\(i)"))
                    return created["metadata"]?["name"]?.stringValue ?? ""
                }
            }
            var names: Set<String> = []
            for try await name in group { names.insert(name) }
            return names
        }
        #expect(names == Set((0..<50).map { "\(prefix)-\($0)" }))
        let counts = transport.connectionCounts
        #expect(counts.open <= 8)
        #expect(counts.open >= 1)
        #expect(counts.idle == counts.open, "every connection went back to the pool")

        // The pool's connections are reused: another round opens nothing new.
        let before = counts.open
        for i in 0..<5 { _ = try await client.get(Self.configMaps, namespace: "default", name: "\(prefix)-\(i)") }
        #expect(transport.connectionCounts.open == before)
        await transport.shutdown()
        #expect(transport.connectionCounts.open == 0)
    }

    @Test func aWatchDeliversAddedAndEndsWhenItsTaskIsCancelled() async throws {
        let server = try await BosunTestServer.get()
        let transport = try HTTPTransport(config: try server.adminConfig())
        let client = KubeClient(transport: transport)
        let label = Self.uniqueName("watch")
        var options = ListOptions()
        options.labelSelector = "test=\(label)"
        let stream = try await client.watch(Self.configMaps, namespace: "default", options: options)

        let (seen, seenContinuation) = AsyncStream<String>.makeStream()
        let reader = Task {
            for try await event in stream where event.type == .added {
                seenContinuation.yield(event.object["metadata"]?["name"]?.stringValue ?? "")
            }
            seenContinuation.finish()
        }
        let name = Self.uniqueName("watched")
        _ = try await client.create(Self.configMaps, namespace: "default", Self.configMap(name, labels: ["test": label]))
        var seenIterator = seen.makeAsyncIterator()
        #expect(await seenIterator.next() == name)
        #expect(transport.pool.streamCount == 1)

        reader.cancel()
        try await reader.value
        // Cancelling closes the watch's connection: the transport stops tracking it.
        try await Self.pollUntil { transport.pool.streamCount == 0 }
        await transport.shutdown()
    }

    @Test func withoutAClientCertificateTheServerAnswers401() async throws {
        let server = try await BosunTestServer.get()
        var config = try server.adminConfig()
        config.clientCertificatePEM = nil
        config.clientKeyPEM = nil
        let client = try KubeClient(config: config)
        do {
            _ = try await client.list(Self.configMaps, namespace: "default")
            Issue.record("expected a 401")
        } catch let error as APIError {
            #expect(error.code == 401)
        }
    }

    @Test func aServerCertificateFromAnUntrustedCAFailsTheHandshake() async throws {
        let server = try await BosunTestServer.get()
        var config = try server.adminConfig()
        config.caPEM = nil  // The system roots do not know Bosun's cluster CA.
        let client = try KubeClient(config: config)
        do {
            _ = try await client.call("GET", "/version")
            Issue.record("expected a TLS failure")
        } catch let error as TransportError {
            #expect(error.message.contains("TLS") || error.message.contains("certificate"))
        }
    }

    @Test func insecureSkipTLSVerifyConnectsWithoutTheCA() async throws {
        let server = try await BosunTestServer.get()
        var config = try server.adminConfig()
        config.caPEM = nil
        config.insecureSkipTLSVerify = true
        let client = try KubeClient(config: config)
        let version = try await client.call("GET", "/version")
        #expect(version["gitVersion"] != nil)
    }

    @Test func tlsServerNameLetsAClientReachTheServerThroughAnAddressTheCertificateDoesNotName() async throws {
        let server = try await BosunTestServer.get()
        var config = try server.adminConfig()
        // 127.0.0.2 reaches the loopback listener only on Linux, and it is not a SAN; the
        // override makes the client check (and send as SNI) a name that is.
        config.server = "https://127.0.0.2:\(server.port)"
        let withoutOverride = try KubeClient(config: config)
        await #expect(throws: TransportError.self) { try await withoutOverride.call("GET", "/version") }

        config.tlsServerName = "kubernetes.default.svc"
        let withOverride = try KubeClient(config: config)
        #expect(try await withOverride.call("GET", "/version")["gitVersion"] != nil)
    }

    /// Polls `condition` until it holds or `timeout` passes.
    static func pollUntil(timeout: Duration = .seconds(5), _ condition: @Sendable () async -> Bool) async throws {
        let deadline = ContinuousClock.now + timeout
        while !(await condition()) {
            if ContinuousClock.now > deadline {
                Issue.record("condition did not hold within \(timeout)")
                return
            }
            try await Task.sleep(for: .milliseconds(10))
        }
    }
}
