import KubeMachinery
import KubeResources
import KubeStorage

/// `namespaces/{name}/finalize` and `namespaces/{name}/status`.
///
/// A terminating namespace carries the `kubernetes` finalizer in `spec.finalizers` until the
/// namespace controller has emptied it; the controller then PUTs the namespace to `finalize`,
/// the only way `spec.finalizers` may change. Once both `spec.finalizers` and
/// `metadata.finalizers` are empty on a namespace with a deletionTimestamp, the namespace is
/// removed by that same write (upstream's "delete during update").
extension APIServer {
    /// The generic path parser reads `/api/v1/namespaces/NAME/SUB` as a namespaced collection
    /// named SUB; upstream treats `status` and `finalize` there as subresources of the
    /// namespace, so the request is re-read that way.
    static func namespaceSubresourceRequest(_ info: RequestInfo) -> RequestInfo {
        guard info.group.isEmpty, let ns = info.namespace, info.name == nil,
              info.resource == "finalize" || info.resource == "status" else { return info }
        var verb = info.verb
        switch verb {
        case .list: verb = .get
        case .deletecollection: verb = .delete
        default: break
        }
        return RequestInfo(group: "", version: info.version, namespace: nil, resource: "namespaces",
                           name: ns, subresource: info.resource, verb: verb)
    }

    /// Serves `namespaces/{name}/finalize`; nil for any other request.
    func handleNamespaceFinalize(_ info: RequestInfo, _ request: APIRequest) async throws(APIError) -> APIResponse? {
        guard info.group.isEmpty, info.resource == "namespaces", info.subresource == "finalize", let name = info.name else { return nil }
        guard info.verb == .update else { throw APIError.methodNotAllowed() }
        guard let type = registry.lookup(group: "", version: info.version, resource: "namespaces") else { throw APIError.notFoundPath() }
        let ctx = ResourceContext(server: self, type: type, info: info, request: request, cache: cache(for: type))
        return try await ctx.finalizeNamespace(name: name)
    }
}

extension ResourceContext {
    /// Replaces `spec.finalizers` and nothing else; removes the namespace when it is terminating
    /// and no finalizer of either kind is left.
    func finalizeNamespace(name: String) async throws(APIError) -> APIResponse {
        var body = try decodeBody()
        try checkTypeMeta(&body)
        let bodyName = body[path: ["metadata", "name"]]?.stringValue ?? ""
        if bodyName != name {
            throw APIError.badRequest("the name of the object (\(bodyName)) does not match the name on the URL (\(name))")
        }
        let requested = body[path: ["spec", "finalizers"]]?.arrayValue ?? []
        var errors: [FieldError] = []
        for (i, f) in requested.enumerated() where (f.stringValue ?? "").isEmpty {
            errors.append(FieldError.required("spec.finalizers[\(i)]"))
        }
        if !errors.isEmpty { throw invalid(name, errors) }
        let precondition = body[path: ["metadata", "resourceVersion"]]?.stringValue.flatMap { $0.isEmpty ? nil : $0 }
        for _ in 0..<16 {
            await readForWrite()
            guard let current = cache.get(key(name)) else { throw notFound(name) }
            if let p = precondition, p != String(current.revision) { throw conflict(name) }
            var new = current.object
            new.set(["spec", "finalizers"], to: requested.isEmpty ? nil : .array(requested))
            if equalIgnoringVersion(new, current.object) {
                return objectResponse(current.object, bytes: current.bytes)
            }
            if isDryRun { return objectResponse(new) }
            let finished = new[path: ["metadata", "deletionTimestamp"]] != nil && requested.isEmpty
                && (new[path: ["metadata", "finalizers"]]?.arrayValue ?? []).isEmpty
            do {
                if finished {
                    let (_, rev) = try await server.timedStore.delete(key(name), expectedModRevision: current.revision)
                    server.noteWrite(rev, key: key(name))
                    new.set(["metadata", "resourceVersion"], to: .string(String(current.revision)))
                    return objectResponse(new)
                }
                let rev = try await server.timedStore.update(key(name), value: storageBytes(new), expectedModRevision: current.revision)
                server.noteWrite(rev, key: key(name))
                new.set(["metadata", "resourceVersion"], to: .string(String(rev)))
                return objectResponse(new)
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
}
