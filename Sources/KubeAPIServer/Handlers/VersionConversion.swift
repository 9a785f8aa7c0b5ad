import KubeMachinery
import KubeResources
import NIOHTTP1

/// Versions of a resource that share storage with another version: requests are served by the
/// storage version's path and converted at the boundary (bodies in, objects out, watch frames).
struct StorageConversion {
    let storage: ResourceType
    let toStorage: @Sendable (JSONValue) -> JSONValue
    let fromStorage: @Sendable (JSONValue) -> JSONValue

    static func forType(_ t: ResourceType, registry: ResourceRegistry) -> StorageConversion? {
        if t.group == "autoscaling", t.version == "v1", t.plural == "horizontalpodautoscalers",
           let v2 = registry.lookup(group: "autoscaling", version: "v2", resource: t.plural) {
            return StorageConversion(storage: v2, toStorage: HPAConversion.v1ToV2, fromStorage: HPAConversion.v2ToV1)
        }
        if t.group == "events.k8s.io", t.plural == "events", let core = registry.lookup(group: "", version: "v1", resource: "events") {
            return StorageConversion(storage: core, toStorage: EventConversion.eventsToCore, fromStorage: EventConversion.coreToEvents)
        }
        return nil
    }

    /// Converts a response body from the storage version to the wire version.
    func convertResponse(_ r: APIResponse) -> APIResponse {
        var r = r
        switch r.body {
        case .bytes(let b):
            guard let v = try? JSONValue.parse(b) else { return r }
            let converted = convert(v)
            r.headers.remove(name: "Content-Length")
            r.body = .bytes(converted.serialized())
        case .stream(let frames):
            let convert = self.convert
            r.body = .stream(MappedFrames(base: frames) { frame in
                guard var event = try? JSONValue.parse(frame), let obj = event["object"] else { return frame }
                event["object"] = convert(obj)
                return event.serialized() + [UInt8(ascii: "\n")]
            })
        }
        return r
    }

    private func convert(_ v: JSONValue) -> JSONValue {
        switch v["kind"]?.stringValue {
        case storage.kind?:
            return v["apiVersion"]?.stringValue == storage.apiVersion ? fromStorage(v) : v
        case storage.listKind?:
            var out = v
            out["apiVersion"] = fromStorage(["apiVersion": .string(storage.apiVersion), "kind": .string(storage.kind)])["apiVersion"]
            out["items"] = .array((v["items"]?.arrayValue ?? []).map(fromStorage))
            return out
        case "Table"?:
            var out = v
            out["rows"] = .array((v["rows"]?.arrayValue ?? []).map { row in
                var r = row
                if let o = row["object"], o["kind"]?.stringValue == storage.kind { r["object"] = fromStorage(o) }
                return r
            })
            return out
        default:
            return v
        }
    }
}

/// A watch body with each frame transformed.
struct MappedFrames: AsyncSequence, Sendable {
    typealias Element = [UInt8]
    typealias Failure = Never
    let base: any AsyncSequence<[UInt8], Never> & Sendable
    let transform: @Sendable ([UInt8]) -> [UInt8]

    func makeAsyncIterator() -> Iterator { Iterator(base: base.makeAsyncIterator(), transform: transform) }

    struct Iterator: AsyncIteratorProtocol {
        var base: any AsyncIteratorProtocol<[UInt8], Never>
        let transform: @Sendable ([UInt8]) -> [UInt8]
        mutating func next() async -> [UInt8]? {
            guard let f = await base.next(isolation: nil) else { return nil }
            return transform(f)
        }
    }
}

extension APIServer {
    /// Serves a request for a converted version through its storage version.
    func handleConverted(_ info: RequestInfo, _ request: APIRequest, wire: ResourceType, conversion: StorageConversion) async throws(APIError) -> APIResponse {
        var storageInfo = info
        storageInfo.group = conversion.storage.group
        storageInfo.version = conversion.storage.version
        var storageRequest = request
        let wirePrefix = Self.apiPrefix(wire)
        let storagePrefix = Self.apiPrefix(conversion.storage)
        storageRequest = APIRequest(method: request.method, uri: storagePrefix + request.uri.dropFirst(wirePrefix.count),
                                    headers: request.headers, body: request.body, user: request.user)
        let wireContext = ResourceContext(server: self, type: wire, info: info, request: request, cache: cache(for: conversion.storage))
        if info.subresource != "scale" {
            switch info.verb {
            case .create, .update:
                var obj = try wireContext.decodeBody()
                try wireContext.checkTypeMeta(&obj)
                let warnings = try wireContext.validateFields(&obj)
                storageRequest.body = conversion.toStorage(obj).serialized()
                storageRequest.headers.replaceOrAdd(name: "Content-Type", value: "application/json")
                var response = conversion.convertResponse(try await handleResource(storageInfo, storageRequest))
                for w in warnings { response.headers.add(name: "Warning", value: "299 - \"\(w)\"") }
                return response
            case .patch:
                return try await patchConverted(storageInfo, storageRequest, wireContext: wireContext, conversion: conversion)
            default:
                break
            }
        }
        return conversion.convertResponse(try await handleResource(storageInfo, storageRequest))
    }

    static func apiPrefix(_ t: ResourceType) -> String {
        t.group.isEmpty ? "/api/\(t.version)/" : "/apis/\(t.group)/\(t.version)/"
    }

    /// PATCH on a converted version: read, convert, patch in the wire version, convert back,
    /// and write with the read's resourceVersion as a precondition (retrying on conflicts).
    private func patchConverted(_ storageInfo: RequestInfo, _ storageRequest: APIRequest, wireContext: ResourceContext,
                                conversion: StorageConversion) async throws(APIError) -> APIResponse {
        guard let name = storageInfo.name else { throw APIError.methodNotAllowed() }
        let (patchType, doc) = try wireContext.patchDocument()
        let precondition = doc[path: ["metadata", "resourceVersion"]]?.stringValue
        for _ in 0..<16 {
            await wireContext.readForWrite()
            guard let current = wireContext.cache.get(ResourceRegistry.storageKey(conversion.storage, namespace: storageInfo.namespace, name: name)) else {
                throw wireContext.notFound(name)
            }
            if let p = precondition, p != String(current.revision) { throw wireContext.conflict(name) }
            var patched = try ResourceContext.applyPatch(patchType, doc, to: conversion.fromStorage(current.object), schema: wireContext.type.schema)
            _ = try wireContext.validateFields(&patched)
            var stored = conversion.toStorage(patched)
            stored.set(["metadata", "resourceVersion"], to: .string(String(current.revision)))
            var put = APIRequest(method: .PUT, uri: storageRequest.uri, headers: storageRequest.headers, body: stored.serialized(), user: storageRequest.user)
            put.headers.replaceOrAdd(name: "Content-Type", value: "application/json")
            var info = storageInfo
            info.verb = .update
            do {
                return conversion.convertResponse(try await handleResource(info, put))
            } catch {
                if error.reason == "Conflict" && precondition == nil { continue }
                throw error
            }
        }
        throw wireContext.conflict(name)
    }
}
