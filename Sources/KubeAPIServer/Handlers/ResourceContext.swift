import Foundation
import KubeMachinery
import KubeResources
import KubeStorage
import NIOHTTP1

/// One request bound to the resource it addresses.
struct ResourceContext {
    let server: APIServer
    let type: ResourceType
    let info: RequestInfo
    let request: APIRequest
    let cache: WatchCache

    var namespace: String? { info.namespace }
    var qualified: QualifiedResource { type.qualifiedResource }

    func key(_ name: String) -> String { ResourceRegistry.storageKey(type, namespace: namespace, name: name) }

    /// Prefix of the keys this request may see (one namespace or all).
    var listPrefix: String {
        let p = ResourceRegistry.storagePrefix(type)
        if type.namespaced, let ns = namespace { return p + ns + "/" }
        return p
    }

    var isDryRun: Bool { request.query.all("dryRun").contains("All") }

    /// Waits until the cache holds every write this server acknowledged.
    /// For writes: the object to compare-and-swap against must include this server's own
    /// earlier writes of this resource; other resources' writes do not matter to it.
    func readForWrite() async {
        await cache.waitForOwnWrites()
    }

    func consistentRead() async {
        await cache.waitFor(revision: server.consistentReadRevision)
    }

    /// Decodes a request body: JSON, YAML, or Kubernetes protobuf (for the kinds it knows).
    func decodeBody() throws(APIError) -> JSONValue {
        let ct = (request.headers.first(name: "Content-Type") ?? "application/json").lowercased()
        let media = MediaType.essence(ct)
        switch media {
        case "application/json", "", "*/*": return try parseJSONBody(request.body)
        case "application/yaml", "application/x-yaml", "text/yaml":
            if request.body.isEmpty { throw APIError.badRequest("the body of the request was empty") }
            return try YAMLBody.parse(request.body)
        case KubeProtobuf.contentType:
            do { return try KubeProtobuf.decodeObject(request.body) } catch { throw error.apiError }
        default: throw APIError.unsupportedMediaType(ct)
        }
    }

    /// Parses a JSON body: an object's (`asObject`, with upstream's "unrecognized" wording) or a
    /// patch document's.
    func parseJSONBody(_ body: [UInt8], asObject: Bool = true) throws(APIError) -> JSONValue {
        if body.isEmpty { throw APIError.badRequest("the body of the request was empty") }
        do {
            return try JSONValue.parse(body)
        } catch {
            if !asObject { throw APIError.badRequest("error decoding patch: \(error.message)") }
            // Upstream quotes the start of the body after the decoder's message.
            let excerpt = String(decoding: body.prefix(100), as: UTF8.self)
            throw APIError.badRequest("the object provided is unrecognized (must be of type \(type.kind)): couldn't get version/kind; json parse error: \(error.message) (\(excerpt))")
        }
    }

    /// The object's apiVersion/kind must be this resource's (or absent, then filled in).
    func checkTypeMeta(_ obj: inout JSONValue) throws(APIError) {
        guard case .object = obj else {
            throw APIError.badRequest("the object provided is not a JSON object: got \(obj.typeName)")
        }
        let kind = obj["kind"]?.stringValue ?? ""
        let apiVersion = obj["apiVersion"]?.stringValue ?? ""
        if !kind.isEmpty && kind != type.kind {
            throw APIError.badRequest("the kind of the provided object (\(kind)) does not match the kind of the resource (\(type.kind))")
        }
        if !apiVersion.isEmpty && apiVersion != type.apiVersion {
            // Other versions of the same group/kind would be converted here; none differ yet.
            let group = apiVersion.contains("/") ? String(apiVersion.split(separator: "/")[0]) : ""
            if group != type.group {
                throw APIError.badRequest("the API version in the data (\(apiVersion)) does not match the expected API version (\(type.apiVersion))")
            }
        }
        obj["kind"] = .string(type.kind)
        obj["apiVersion"] = .string(type.apiVersion)
    }

    /// Field validation per `fieldValidation` (Strict, as kubectl sends by default; Warn, the
    /// server default; Ignore). Wrong JSON types fail in every mode, as decoding does upstream.
    /// Returns warnings to send as `Warning` headers.
    func validateFields(_ obj: inout JSONValue) throws(APIError) -> [String] {
        let mode = request.query["fieldValidation"] ?? "Warn"
        if !["Strict", "Warn", "Ignore"].contains(mode) {
            throw APIError.badRequest("fieldValidation: Unsupported value: \"\(mode)\": supported values: \"Ignore\", \"Strict\", \"Warn\"")
        }
        guard let schema = type.schema else { return [] }
        let problems = SchemaValidator.check(obj, schema: schema)
        guard !problems.isEmpty else { return [] }
        if let message = FieldProblem.decodingFailureMessage(problems, kind: type.kind, version: type.version, strict: mode == "Strict") {
            throw APIError.badRequest(message)
        }
        SchemaPruner.prune(&obj, schema: schema)
        return mode == "Warn" ? FieldProblem.warnings(problems) : []
    }

    func notFound(_ name: String) -> APIError { APIError.notFound(qualified, name: name) }

    func conflict(_ name: String) -> APIError { APIError.conflict(qualified, name: name, APIError.modifiedMessage) }

    func invalid(_ name: String, _ errors: [FieldError]) -> APIError {
        APIError.invalid(kind: type.kind, group: type.group, name: name, errors)
    }

    func storeError(_ e: any Error, name: String) -> APIError {
        if let a = e as? APIError { return a }
        switch e as? StorageError {
        case .keyExists?: return APIError.alreadyExists(qualified, name: name)
        case .notFound?: return notFound(name)
        case .conflict?: return conflict(name)
        case .compacted(let req, let comp)?: return APIError.gone("too old resource version: \(req) (\(comp))")
        default: return APIError.internalError(String(describing: e))
        }
    }

    /// Headers for a write's response: warnings from field validation.
    func headers(warnings: [String]) -> HTTPHeaders {
        var h = HTTPHeaders()
        for w in warnings { h.add(name: "Warning", value: "299 - \"\(w.replacingOccurrences(of: "\"", with: "\\\""))\"") }
        return h
    }

    /// Encodes one object for the response: as a Table when asked, otherwise the object.
    func objectResponse(_ obj: JSONValue, bytes: [UInt8]? = nil, status: HTTPResponseStatus = .ok, warnings: [String] = []) -> APIResponse {
        let h = headers(warnings: warnings)
        if let table = TableRequest(request) {
            return .json(table.table(for: [obj], type: type, resourceVersion: obj[path: ["metadata", "resourceVersion"]]?.stringValue ?? "", continueToken: nil, remaining: nil), status: status, headers: h)
        }
        if request.query.bool("pretty") { return .json(obj.serializedPretty(indent: 2), status: status, headers: h) }
        return .json(bytes ?? obj.serialized(), status: status, headers: h)
    }
}

extension APIServer {
    func handleResource(_ info: RequestInfo, _ request: APIRequest) async throws(APIError) -> APIResponse {
        let info = Self.namespaceSubresourceRequest(info)
        if let response = try await handleNamespaceFinalize(info, request) { return response }
        // pods/binding and bindings write a pod but are not served by the generic verbs.
        if let response = try await handlePodBinding(info, request) { return response }
        guard let type = registry.lookup(group: info.group, version: info.version, resource: info.resource) else {
            throw APIError.notFoundPath()
        }
        if let sub = info.subresource, !type.subresources.contains(sub) {
            throw APIError.notFoundPath()
        }
        if !type.namespaced && info.namespace != nil && !(info.resource == "namespaces") {
            throw APIError.notFoundPath()
        }
        if let conversion = StorageConversion.forType(type, registry: registry) {
            return try await handleConverted(info, request, wire: type, conversion: conversion)
        }
        let ctx = ResourceContext(server: self, type: type, info: info, request: request, cache: cache(for: type))
        if type.namespaced, let ns = info.namespace, info.verb == .create, !ns.isEmpty, info.resource != "namespaces" {
            // Creating into a namespace that does not exist (or is terminating) fails as upstream.
            try await ctx.requireNamespace(ns)
        }
        switch info.verb {
        case .get: return try await ctx.get()
        case .list: return try await ctx.list()
        case .watch: return try await ctx.watch()
        case .create: return try await ctx.create()
        case .update: return try await ctx.update()
        case .patch: return try await ctx.patch()
        case .delete: return try await ctx.delete()
        case .deletecollection: return try await ctx.deleteCollection()
        }
    }
}
