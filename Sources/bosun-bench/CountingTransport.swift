import KubeClient
import Synchronization

/// Wraps a transport and counts the writes (POST/PUT/PATCH/DELETE) one component sends, by
/// method and resource, so benchmarks can say how many API writes a controller spent per pod.
final class CountingTransport: KubeTransport {
    let inner: any KubeTransport
    private let counts = Mutex<[String: Int]>([:])

    init(_ inner: any KubeTransport) { self.inner = inner }

    func send(_ request: ClientRequest) async throws -> ClientResponse {
        if request.method != "GET" { record(request) }
        return try await inner.send(request)
    }

    func stream(_ request: ClientRequest) async throws -> ClientStreamResponse {
        try await inner.stream(request)
    }

    /// `POST pods`, `PUT replicasets/status`, ...: the method and the resource (with subresource).
    static func label(_ r: ClientRequest) -> String {
        let path = r.path.split(separator: "?", maxSplits: 1).first.map(String.init) ?? r.path
        var parts = path.split(separator: "/").map(String.init)
        if let i = parts.firstIndex(of: "namespaces"), i + 2 < parts.count { parts.removeSubrange(i...(i + 1)) }
        // /api/v1/<res>[/<name>[/<sub>]] or /apis/<g>/<v>/<res>[/<name>[/<sub>]]
        let rest = parts.first == "api" ? Array(parts.dropFirst(2)) : Array(parts.dropFirst(3))
        guard let resource = rest.first else { return "\(r.method) \(path)" }
        let sub = rest.count >= 3 ? "/" + rest[2] : ""
        return "\(r.method) \(resource)\(sub)"
    }

    private func record(_ r: ClientRequest) {
        let label = Self.label(r)
        counts.withLock { $0[label, default: 0] += 1 }
    }

    var snapshot: [String: Int] { counts.withLock { $0 } }
    var total: Int { counts.withLock { $0.values.reduce(0, +) } }
    /// Whether a `label` counts writes of Events (core/v1 and events.k8s.io): best-effort
    /// records, dropped under load.
    static func isEvent(_ label: String) -> Bool { label.hasSuffix(" events") }
    var eventWrites: Int { counts.withLock { $0.filter { Self.isEvent($0.key) }.values.reduce(0, +) } }
    /// Writes of everything else: the objects the cluster's state is made of.
    var objectWrites: Int { total - eventWrites }
}
