import Foundation
import KubeMachinery
import KubeResources
import KubeStorage

extension ResourceContext {
    /// PUT of an object or its status.
    func update() async throws(APIError) -> APIResponse {
        guard let name = info.name else { throw APIError.methodNotAllowed() }
        var obj = try decodeBody()
        if info.subresource == "scale" {
            return try await writeScale(name: name) { _ throws(APIError) in obj }
        }
        try checkTypeMeta(&obj)
        let warnings = try validateFields(&obj)
        let bodyName = obj[path: ["metadata", "name"]]?.stringValue ?? ""
        if bodyName != name {
            throw APIError.badRequest("the name of the object (\(bodyName)) does not match the name on the URL (\(name))")
        }
        if type.namespaced, let ns = namespace, let bodyNS = obj[path: ["metadata", "namespace"]]?.stringValue, !bodyNS.isEmpty, bodyNS != ns {
            throw APIError.badRequest("the namespace of the provided object does not match the namespace sent on the request")
        }
        let precondition = obj[path: ["metadata", "resourceVersion"]]?.stringValue.flatMap { $0.isEmpty ? nil : $0 }
        return try await writeWithRetry(name: name, precondition: precondition, warnings: warnings) { _, _ throws(APIError) in obj }
    }

    /// Reads the current object, computes the new one, stores it with compare-and-swap, and
    /// retries on a store conflict unless the client named a resourceVersion (then 409).
    func writeWithRetry(name: String, precondition: String?, warnings: [String],
                        transform: (CachedObject, inout [String]) throws(APIError) -> JSONValue) async throws(APIError) -> APIResponse {
        var warnings = warnings
        for _ in 0..<16 {
            await readForWrite()
            guard let current = cache.get(key(name)) else { throw notFound(name) }
            if let p = precondition, p != String(current.revision) { throw conflict(name) }
            var new = try transform(current, &warnings)
            new["kind"] = .string(type.kind)
            new["apiVersion"] = .string(type.apiVersion)
            try prepareUpdate(&new, old: current.object, name: name)
            if equalIgnoringVersion(new, current.object) {
                return objectResponse(current.object, bytes: current.bytes, warnings: warnings)
            }
            if isDryRun { return objectResponse(new, warnings: warnings) }
            let finishedDeleting = new[path: ["metadata", "deletionTimestamp"]] != nil
                && (new[path: ["metadata", "finalizers"]]?.arrayValue ?? []).isEmpty
                && !(type.plural == "namespaces" && !(new[path: ["spec", "finalizers"]]?.arrayValue ?? []).isEmpty)
                && !(type.plural == "pods" && (new[path: ["metadata", "deletionGracePeriodSeconds"]]?.intValue ?? 0) > 0)
            do {
                if finishedDeleting {
                    // The last finalizer is gone from a terminating object: it is deleted now.
                    let (_, rev) = try await server.timedStore.delete(key(name), expectedModRevision: current.revision)
                    server.noteWrite(rev, key: key(name))
                    new.set(["metadata", "resourceVersion"], to: .string(String(current.revision)))
                    return objectResponse(new, warnings: warnings)
                }
                let rev = try await server.timedStore.update(key(name), value: storageBytes(new), expectedModRevision: current.revision)
                server.noteWrite(rev, key: key(name))
                new.set(["metadata", "resourceVersion"], to: .string(String(rev)))
                return objectResponse(new, warnings: warnings)
            } catch StorageError.conflict {
                if precondition != nil { throw conflict(name) }
                continue
            } catch StorageError.notFound {
                throw notFound(name)
            } catch {
                throw storeError(error, name: name)
            }
        }
        throw conflict(name)
    }

    /// Applies the server's update rules, the strategy and validation to `new` against `old`.
    func prepareUpdate(_ new: inout JSONValue, old: JSONValue, name: String) throws(APIError) {
        guard case .object = new else { throw APIError.badRequest("the object provided is not a JSON object") }
        let isStatus = info.subresource == "status"
        if isStatus {
            type.strategy.prepareForStatusUpdate(&new, old: old)
        } else {
            if type.subresources.contains("status") { new["status"] = old["status"] }
            type.strategy.prepareForUpdate(&new, old: old)
        }
        // Metadata the server owns.
        var meta = new["metadata"] ?? .object([:])
        guard case .object = meta else { throw APIError.badRequest("metadata must be an object") }
        let oldMeta = old["metadata"] ?? .object([:])
        for field in ["uid", "creationTimestamp", "deletionTimestamp", "deletionGracePeriodSeconds", "generation", "name", "namespace"] {
            meta[field] = oldMeta[field]
        }
        meta["selfLink"] = nil
        new["metadata"] = meta
        type.strategy.applyDefaults(&new)
        var errors = ObjectMetaRules.validate(new, type: type)
        errors += validateObjectMetaUpdate(new["metadata"] ?? [:], old: oldMeta)
        if !isStatus { errors += type.strategy.validate(new) }
        errors += type.strategy.validateUpdate(new, old: old)
        if !errors.isEmpty { throw invalid(name, errors) }
        if ObjectMetaRules.generationTracked.contains(type.plural), !isStatus, type.strategy.specChanged(new, old: old) {
            new.set(["metadata", "generation"], to: .int((oldMeta["generation"]?.intValue ?? 0) + 1))
        }
    }

    func equalIgnoringVersion(_ a: JSONValue, _ b: JSONValue) -> Bool {
        var x = a, y = b
        x.set(["metadata", "resourceVersion"], to: nil)
        y.set(["metadata", "resourceVersion"], to: nil)
        return x == y
    }
}
