import Foundation
import KubeAPIServer
import KubeMachinery
import KubeResources
import KubeStorage
import Logging
import NIOHTTP1
import Testing

/// A running in-process API server over a memory store, and the small client every test uses.
///
/// `withAPIServer` starts the watch caches, waits until they are loaded, runs the body, then
/// cancels the server task, so each test gets a fresh, isolated server.
struct APIServerFixture: Sendable {
    let server: APIServer
    let store: MemoryBackend

    static let admin = UserInfo(name: "admin", groups: ["system:masters"])

    /// Sends one request as `user` (the admin unless told otherwise) and returns the response.
    @discardableResult
    ///
    /// `body` defaults to `.none`, not `nil`: JSONValue is nil-literal expressible, so a `nil`
    /// default would silently become a JSON `null` body.
    func send(_ method: HTTPMethod, _ uri: String, body: JSONValue? = .none, rawBody: [UInt8]? = .none,
              headers: [(String, String)] = [], user: UserInfo? = APIServerFixture.admin) async -> APIResponse {
        var h = HTTPHeaders()
        for (n, v) in headers { h.add(name: n, value: v) }
        var bytes: [UInt8] = []
        if let rawBody {
            bytes = rawBody
        } else if case .some(let value) = body {
            bytes = value.serialized()
        }
        if !bytes.isEmpty && !h.contains(name: "Content-Type") {
            h.add(name: "Content-Type", value: "application/json")
        }
        return await server.respond(to: APIRequest(method: method, uri: uri, headers: h, body: bytes, user: user))
    }

    /// Creates a namespace and fails the test if that does not succeed.
    func createNamespace(_ name: String) async {
        let r = await send(.POST, "/api/v1/namespaces", body: ["metadata": ["name": .string(name)]])
        #expect(r.status == .created, "creating namespace \(name): \(r.bodyString)")
    }

    /// Creates an object at a collection path and returns the stored object.
    @discardableResult
    func create(_ collection: String, _ object: JSONValue, sourceLocation: SourceLocation = #_sourceLocation) async -> JSONValue {
        let r = await send(.POST, collection, body: object)
        #expect(r.status == .created, "POST \(collection): \(r.bodyString)", sourceLocation: sourceLocation)
        return r.json
    }
}

/// Runs `body` against a fresh API server over `store` (a new memory store by default).
func withAPIServer<T: Sendable>(store: MemoryBackend = MemoryBackend(), config: APIServer.Config = APIServer.Config(),
                                _ body: (APIServerFixture) async throws -> T) async rethrows -> T {
    var logger = Logger(label: "bosun.apitests")
    logger.logLevel = .critical
    let server = APIServer(store: store, resources: BuiltinResources.all, config: config, logger: logger)
    let running = Task { await server.run() }
    defer { running.cancel() }
    await server.waitUntilReady()
    return try await body(APIServerFixture(server: server, store: store))
}

extension APIResponse {
    /// The whole body (empty for streams).
    var bodyBytes: [UInt8] {
        if case .bytes(let b) = body { return b }
        return []
    }

    var bodyString: String { String(decoding: bodyBytes, as: UTF8.self) }

    /// The body parsed as JSON, or `null` when it is not JSON.
    var json: JSONValue { (try? JSONValue.parse(bodyBytes)) ?? .null }

    var isStream: Bool {
        if case .stream = body { return true }
        return false
    }
}

extension JSONValue {
    /// Walks a dotted path of object keys: `json["metadata.name"]`.
    subscript(dotted path: String) -> JSONValue? { self[path: path.split(separator: ".").map(String.init)] }

    func string(_ dotted: String) -> String? { self[dotted: dotted]?.stringValue }
}

/// A `Status` body as a test expects it: code, reason, and either an exact message or a fragment.
struct ExpectedStatus: Sendable, CustomStringConvertible {
    var code: Int
    var reason: String
    var message: String?
    var messageContains: String?

    var description: String { "\(code) \(reason)" }
}

/// Checks a response is a `Status` failure with the expected code, reason and message.
func expectStatus(_ r: APIResponse, _ e: ExpectedStatus, sourceLocation: SourceLocation = #_sourceLocation) {
    let s = r.json
    #expect(Int(r.status.code) == e.code, "HTTP status; body: \(r.bodyString)", sourceLocation: sourceLocation)
    #expect(s.string("kind") == "Status", sourceLocation: sourceLocation)
    #expect(s.string("apiVersion") == "v1", sourceLocation: sourceLocation)
    #expect(s.string("status") == "Failure", sourceLocation: sourceLocation)
    #expect(s["code"]?.intValue == Int64(e.code), sourceLocation: sourceLocation)
    #expect(s.string("reason") == e.reason, sourceLocation: sourceLocation)
    if let m = e.message {
        #expect(s.string("message") == m, sourceLocation: sourceLocation)
    }
    if let m = e.messageContains {
        #expect(s.string("message")?.contains(m) == true, "message \(s.string("message") ?? "nil") lacks \(m)", sourceLocation: sourceLocation)
    }
}

/// Reads watch frames from a streaming response until `count` arrived or `timeout` passed,
/// then stops (ending the watch). Returns what arrived.
func readWatchFrames(_ r: APIResponse, count: Int, timeout: Duration = .seconds(5)) async -> [JSONValue] {
    guard case .stream(let frames) = r.body else { return [] }
    enum Outcome: Sendable { case frames([JSONValue]), timedOut }
    return await withTaskGroup(of: Outcome.self) { group in
        group.addTask {
            var out: [JSONValue] = []
            // A cancelled iteration ends (the watch's AsyncStream returns nil), keeping what arrived.
            for await chunk in frames {
                for line in chunk.split(separator: UInt8(ascii: "\n")) where !line.isEmpty {
                    out.append((try? JSONValue.parse(Array(line))) ?? .string(String(decoding: line, as: UTF8.self)))
                }
                if out.count >= count { break }
            }
            return .frames(out)
        }
        group.addTask {
            try? await Task.sleep(for: timeout)
            return .timedOut
        }
        var result: [JSONValue] = []
        for await outcome in group {
            if case .frames(let f) = outcome { result = f }
            group.cancelAll()
        }
        return result
    }
}

/// Polls `condition` until it holds or `timeout` passes; returns whether it held.
func eventually(timeout: Duration = .seconds(5), _ condition: () async -> Bool) async -> Bool {
    let deadline = ContinuousClock.now + timeout
    while ContinuousClock.now < deadline {
        if await condition() { return true }
        try? await Task.sleep(for: .milliseconds(10))
    }
    return await condition()
}

/// Small object builders: the minimum each kind needs to pass validation.
enum Objects {
    /// What kubectl sends with every DELETE. Tests send it explicitly because a DELETE with no
    /// body is refused today (see `DeleteSemanticsTests.deleteWithoutABodyIsAccepted`).
    static let deleteOptions: JSONValue = ["kind": "DeleteOptions", "apiVersion": "v1"]

    static func configMap(_ name: String, labels: [String: String] = [:]) -> JSONValue {
        var meta: JSONValue = ["name": .string(name)]
        if !labels.isEmpty { meta["labels"] = .object(labels.mapValues { .string($0) }) }
        return ["apiVersion": "v1", "kind": "ConfigMap", "metadata": meta, "data": ["k": "v"]]
    }

    static func pod(_ name: String, image: String = "nginx:1.25", nodeName: String? = nil, labels: [String: String] = [:]) -> JSONValue {
        var meta: JSONValue = ["name": .string(name)]
        if !labels.isEmpty { meta["labels"] = .object(labels.mapValues { .string($0) }) }
        var spec: JSONValue = ["containers": [["name": "main", "image": .string(image)]]]
        if let nodeName { spec["nodeName"] = .string(nodeName) }
        return ["apiVersion": "v1", "kind": "Pod", "metadata": meta, "spec": spec]
    }

    static func deployment(_ name: String, replicas: JSONValue = 1) -> JSONValue {
        [
            "apiVersion": "apps/v1", "kind": "Deployment", "metadata": ["name": .string(name)],
            "spec": [
                "replicas": replicas,
                "selector": ["matchLabels": ["app": .string(name)]],
                "template": [
                    "metadata": ["labels": ["app": .string(name)]],
                    "spec": ["containers": [["name": "main", "image": "nginx:1.25"]]],
                ],
            ],
        ]
    }

    static func service(_ name: String, type: String = "ClusterIP") -> JSONValue {
        [
            "apiVersion": "v1", "kind": "Service", "metadata": ["name": .string(name)],
            "spec": ["type": .string(type), "selector": ["app": .string(name)], "ports": [["port": 80, "protocol": "TCP"]]],
        ]
    }
}
