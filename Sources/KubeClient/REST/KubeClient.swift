import KubeAPI
import KubeMachinery

/// A REST client for the Kubernetes API: dynamic (JSON values and an `APIResource`) and typed
/// (`KubeObject` views) over any `KubeTransport`. Non-2xx answers throw the server's `APIError`.
public final class KubeClient: Sendable {
    public let transport: any KubeTransport
    public let userAgent: String

    public init(transport: any KubeTransport, userAgent: String = "bosun") {
        self.transport = transport
        self.userAgent = userAgent
    }

    // MARK: Dynamic

    public func get(_ r: APIResource, namespace: String?, name: String, subresource: String? = nil) async throws -> JSONValue {
        try await call("GET", r.objectPath(namespace: namespace, name: name, subresource: subresource))
    }

    public func list(_ r: APIResource, namespace: String? = nil, options: ListOptions = ListOptions()) async throws -> ObjectList {
        let json = try await call("GET", QueryEncoding.path(r.collectionPath(namespace: namespace), options.queryItems))
        return ObjectList(items: json["items"]?.arrayValue ?? [],
                          resourceVersion: json["metadata"]?["resourceVersion"]?.stringValue ?? "",
                          continueToken: json["metadata"]?["continue"]?.stringValue.flatMap { $0.isEmpty ? nil : $0 })
    }

    /// Every page of a list (following `continue`), with the first page's resourceVersion.
    public func listAll(_ r: APIResource, namespace: String? = nil, options: ListOptions = ListOptions()) async throws -> ObjectList {
        var page = try await list(r, namespace: namespace, options: options)
        var all = page.items
        let rv = page.resourceVersion
        while let token = page.continueToken {
            var next = options
            next.continueToken = token
            next.resourceVersion = nil
            next.resourceVersionMatch = nil
            page = try await list(r, namespace: namespace, options: next)
            all.append(contentsOf: page.items)
        }
        return ObjectList(items: all, resourceVersion: rv, continueToken: nil)
    }

    public func create(_ r: APIResource, namespace: String?, _ object: JSONValue, dryRun: Bool = false) async throws -> JSONValue {
        let ns = namespace ?? object["metadata"]?["namespace"]?.stringValue
        let path = r.collectionPath(namespace: r.namespaced ? (ns ?? "default") : nil)
        return try await call("POST", QueryEncoding.path(path, dryRun ? [("dryRun", "All")] : []), body: object)
    }

    /// POST to a subresource of an existing object: `pods/binding`, `pods/eviction`.
    public func createSubresource(_ r: APIResource, namespace: String?, name: String, subresource: String, _ body: JSONValue) async throws -> JSONValue {
        try await call("POST", r.objectPath(namespace: namespace, name: name, subresource: subresource), body: body)
    }

    /// PUT of a whole object (or its `status`/`scale` subresource); namespace and name come from the object.
    public func update(_ r: APIResource, _ object: JSONValue, subresource: String? = nil, dryRun: Bool = false) async throws -> JSONValue {
        let name = object["metadata"]?["name"]?.stringValue ?? ""
        let ns = object["metadata"]?["namespace"]?.stringValue
        let path = r.objectPath(namespace: ns, name: name, subresource: subresource)
        return try await call("PUT", QueryEncoding.path(path, dryRun ? [("dryRun", "All")] : []), body: object)
    }

    public func patch(_ r: APIResource, namespace: String?, name: String, _ kind: PatchKind, _ body: JSONValue,
                      subresource: String? = nil) async throws -> JSONValue {
        try await call("PATCH", r.objectPath(namespace: namespace, name: name, subresource: subresource), body: body, contentType: kind.contentType)
    }

    /// Deletes one object; returns what the server answered (the object when deletion is graceful
    /// or blocked on finalizers, a Status otherwise).
    @discardableResult
    public func delete(_ r: APIResource, namespace: String?, name: String, options: DeleteOptions = DeleteOptions()) async throws -> JSONValue {
        try await call("DELETE", r.objectPath(namespace: namespace, name: name), body: options.json)
    }

    @discardableResult
    public func deleteCollection(_ r: APIResource, namespace: String?, listOptions: ListOptions = ListOptions(),
                                 options: DeleteOptions = DeleteOptions()) async throws -> JSONValue {
        try await call("DELETE", QueryEncoding.path(r.collectionPath(namespace: namespace), listOptions.queryItems), body: options.json)
    }

    /// Opens a watch. The stream ends when the server closes it (timeout) or the task is cancelled;
    /// an `ERROR` event carries the server's Status (e.g. 410 Expired).
    public func watch(_ r: APIResource, namespace: String? = nil, options: ListOptions = ListOptions()) async throws -> WatchStream {
        var items = options.queryItems
        items.insert(("watch", "true"), at: 0)
        let request = ClientRequest(method: "GET", path: QueryEncoding.path(r.collectionPath(namespace: namespace), items),
                                    headers: [("Accept", "application/json"), ("User-Agent", userAgent)])
        let response = try await transport.stream(request)
        guard (200..<300).contains(response.status) else {
            var body: [UInt8] = []
            for try await chunk in response.body {
                body += chunk
                if body.count > 1 << 20 { break }
            }
            throw APIError.from(response: response.status, body: body)
        }
        return WatchStream(chunks: response.body)
    }

    // MARK: Raw

    /// Sends one request and decodes a JSON answer; throws `APIError` for non-2xx.
    public func call(_ method: String, _ path: String, body: JSONValue? = nil, contentType: String = "application/json") async throws -> JSONValue {
        var headers: [(String, String)] = [("Accept", "application/json"), ("User-Agent", userAgent)]
        var bytes: [UInt8] = []
        if let body {
            bytes = body.serialized()
            headers.append(("Content-Type", contentType))
        }
        let response = try await transport.send(ClientRequest(method: method, path: path, headers: headers, body: bytes))
        guard (200..<300).contains(response.status) else {
            throw APIError.from(response: response.status, body: response.body)
        }
        if response.body.isEmpty { return .object([:]) }
        do {
            return try JSONValue.parse(response.body)
        } catch {
            throw TransportError("\(method) \(path): undecodable response body: \(error)")
        }
    }
}

// MARK: Typed

extension KubeClient {
    public func get<T: KubeObject>(_ type: T.Type, namespace: String? = nil, name: String) async throws -> T {
        T(json: try await get(T.resource, namespace: namespace, name: name))
    }

    public func list<T: KubeObject>(_ type: T.Type, namespace: String? = nil, options: ListOptions = ListOptions()) async throws -> (items: [T], resourceVersion: String) {
        let l = try await listAll(T.resource, namespace: namespace, options: options)
        return (l.items.map(T.init(json:)), l.resourceVersion)
    }

    public func create<T: KubeObject>(_ object: T, dryRun: Bool = false) async throws -> T {
        T(json: try await create(T.resource, namespace: object.namespace, object.json, dryRun: dryRun))
    }

    public func update<T: KubeObject>(_ object: T) async throws -> T {
        T(json: try await update(T.resource, object.json))
    }

    public func updateStatus<T: KubeObject>(_ object: T) async throws -> T {
        T(json: try await update(T.resource, object.json, subresource: "status"))
    }

    public func patch<T: KubeObject>(_ type: T.Type, namespace: String? = nil, name: String, _ kind: PatchKind, _ body: JSONValue,
                                     subresource: String? = nil) async throws -> T {
        T(json: try await patch(T.resource, namespace: namespace, name: name, kind, body, subresource: subresource))
    }

    public func delete<T: KubeObject>(_ type: T.Type, namespace: String? = nil, name: String, options: DeleteOptions = DeleteOptions()) async throws {
        try await delete(T.resource, namespace: namespace, name: name, options: options)
    }
}
