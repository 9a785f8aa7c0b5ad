import BosunServer
import Foundation
import KubeClient
import Logging

/// The shared server's data dir, removed when the test process exits (a C exit handler can
/// only reach globals).
nonisolated(unsafe) private var transportTestDataDir: String?

/// A real `bosun server` (HTTPS, client certificates, SQLite in a temporary data dir) started
/// once for the transport tests, listening on an ephemeral port. It lives until the test
/// process exits, which removes its data dir; tests isolate themselves by object names.
final class BosunTestServer: Sendable {
    let port: Int
    let dataDir: URL
    /// The admin kubeconfig the server wrote for itself.
    let kubeconfigPath: String

    private init(port: Int, dataDir: URL, kubeconfigPath: String) {
        self.port = port
        self.dataDir = dataDir
        self.kubeconfigPath = kubeconfigPath
    }

    static let shared = Task { try await start() }

    static func get() async throws -> BosunTestServer { try await shared.value }

    private static func start() async throws -> BosunTestServer {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("bosun-transport-tests-\(UUID().uuidString)")
        let kubeconfig = dir.appendingPathComponent("admin.kubeconfig").path
        transportTestDataDir = dir.path
        atexit {
            if let path = transportTestDataDir { try? FileManager.default.removeItem(atPath: path) }
        }
        // An explicit kubeconfig path keeps the server from writing ~/.kube/config. Listening on
        // all addresses lets a test reach it through 127.0.0.2, which its certificate does not name.
        let config = ServerConfig(dataDir: dir, bindAddress: "0.0.0.0", securePort: 0, kubeconfigPath: kubeconfig)
        let server = BosunServer(config: config, logger: Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() }))
        let (ports, portsContinuation) = AsyncStream<Int>.makeStream()
        let runner = Task {
            do {
                try await server.run(until: { while !Task.isCancelled { try? await Task.sleep(for: .seconds(3600)) } },
                                     onReady: { portsContinuation.yield($0) })
            } catch {
                portsContinuation.finish()
                throw error
            }
        }
        var iterator = ports.makeAsyncIterator()
        guard let port = await iterator.next() else {
            try await runner.value
            throw TransportError("bosun server stopped before it was ready")
        }
        return BosunTestServer(port: port, dataDir: dir, kubeconfigPath: kubeconfig)
    }

    /// The admin context, loaded through the kubeconfig loader under test.
    func adminConfig() throws -> ClientConfig {
        try ClientConfig.load(kubeconfigPath: kubeconfigPath)
    }
}
