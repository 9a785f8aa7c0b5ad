import Foundation
import KubeMachinery
import KubeResources
import KubeStorage

/// DeleteOptions from the body and the query.
struct DeleteOptions {
    var gracePeriodSeconds: Int64?
    var propagationPolicy: String?
    var preconditionUID: String?
    var preconditionResourceVersion: String?
    var dryRun = false

    init(request: APIRequest, body: JSONValue?) throws(APIError) {
        if let b = body {
            guard case .object = b else { throw APIError.badRequest("DeleteOptions must be a JSON object") }
            gracePeriodSeconds = b["gracePeriodSeconds"]?.intValue
            propagationPolicy = b["propagationPolicy"]?.stringValue
            if b["orphanDependents"]?.boolValue == true { propagationPolicy = "Orphan" }
            preconditionUID = b[path: ["preconditions", "uid"]]?.stringValue
            preconditionResourceVersion = b[path: ["preconditions", "resourceVersion"]]?.stringValue
            dryRun = (b["dryRun"]?.arrayValue ?? []).contains("All")
        }
        if let g = request.query["gracePeriodSeconds"] {
            guard let v = Int64(g) else { throw APIError.badRequest("invalid gracePeriodSeconds: \(g)") }
            gracePeriodSeconds = v
        }
        if let p = request.query["propagationPolicy"] { propagationPolicy = p }
        if request.query.all("dryRun").contains("All") { dryRun = true }
        if let p = propagationPolicy, !["Orphan", "Background", "Foreground"].contains(p) {
            throw APIError.invalid(kind: "DeleteOptions", group: "meta.k8s.io", name: "", [.notSupported("propagationPolicy", .string(p), supported: ["Foreground", "Background", "Orphan", "nil"])])
        }
        if let g = gracePeriodSeconds, g < 0 { gracePeriodSeconds = 1 }
    }
}

extension ResourceContext {
    func delete() async throws(APIError) -> APIResponse {
        guard let name = info.name, info.subresource == nil else { throw APIError.methodNotAllowed() }
        let body: JSONValue? = request.body.isEmpty ? .none : try decodeBody()
        let options = try DeleteOptions(request: request, body: body)
        for _ in 0..<16 {
            await readForWrite()
            guard let current = cache.get(key(name)) else { throw notFound(name) }
            do {
                return try await deleteOnce(current, name: name, options: options)
            } catch StorageError.conflict {
                continue
            } catch let e as APIError {
                throw e
            } catch {
                throw storeError(error, name: name)
            }
        }
        throw conflict(name)
    }

    /// One attempt: preconditions, graceful deletion, finalizers, then removal.
    func deleteOnce(_ current: CachedObject, name: String, options: DeleteOptions) async throws -> APIResponse {
        var obj = current.object
        let uid = obj[path: ["metadata", "uid"]]?.stringValue ?? ""
        if let p = options.preconditionUID, p != uid {
            throw APIError.conflict(qualified, name: name, "Precondition failed: UID in precondition: \(p), UID in object meta: \(uid)")
        }
        if let p = options.preconditionResourceVersion, p != String(current.revision) {
            throw APIError.conflict(qualified, name: name, "Precondition failed: ResourceVersion in precondition: \(p), ResourceVersion in object meta: \(current.revision)")
        }
        var finalizers = (obj[path: ["metadata", "finalizers"]]?.arrayValue ?? []).compactMap(\.stringValue)
        // A namespace also waits for its spec finalizers (its contents being removed).
        let specFinalizers = type.plural == "namespaces" && type.group.isEmpty
            ? (obj[path: ["spec", "finalizers"]]?.arrayValue ?? []) : []
        switch options.propagationPolicy {
        case "Foreground"?:
            if !finalizers.contains("foregroundDeletion") { finalizers.append("foregroundDeletion") }
            finalizers.removeAll { $0 == "orphan" }
        case "Orphan"?:
            if !finalizers.contains("orphan") { finalizers.append("orphan") }
            finalizers.removeAll { $0 == "foregroundDeletion" }
        case "Background"?:
            finalizers.removeAll { $0 == "orphan" || $0 == "foregroundDeletion" }
        default: break
        }
        let now = Date()
        let alreadyTerminating = obj[path: ["metadata", "deletionTimestamp"]] != nil
        var graceful: Int64 = 0
        if type.plural == "pods" && type.group.isEmpty {
            let phase = obj[path: ["status", "phase"]]?.stringValue ?? ""
            let bound = !(obj[path: ["spec", "nodeName"]]?.stringValue ?? "").isEmpty
            let defaultGrace = obj[path: ["spec", "terminationGracePeriodSeconds"]]?.intValue ?? 30
            graceful = options.gracePeriodSeconds ?? defaultGrace
            // Unscheduled and finished pods have nothing to stop: they go at once.
            if !bound || phase == "Succeeded" || phase == "Failed" { graceful = 0 }
            if let existing = obj[path: ["metadata", "deletionGracePeriodSeconds"]]?.intValue, alreadyTerminating, existing < graceful || graceful == 0 && existing == 0 {
                graceful = min(existing, graceful)
            }
        }
        if options.dryRun { return objectResponse(obj) }
        if graceful > 0 || !finalizers.isEmpty || !specFinalizers.isEmpty {
            var changed = false
            if !alreadyTerminating || (graceful > 0 && obj[path: ["metadata", "deletionGracePeriodSeconds"]]?.intValue != graceful) {
                obj.set(["metadata", "deletionTimestamp"], to: .string(ObjectMetaRules.timestamp(now.addingTimeInterval(Double(graceful)))))
                obj.set(["metadata", "deletionGracePeriodSeconds"], to: .int(graceful))
                changed = true
            }
            let oldFinalizers = (current.object[path: ["metadata", "finalizers"]]?.arrayValue ?? []).compactMap(\.stringValue)
            if oldFinalizers != finalizers {
                obj.set(["metadata", "finalizers"], to: finalizers.isEmpty ? nil : .array(finalizers.map { .string($0) }))
                changed = true
            }
            if type.plural == "namespaces" && type.group.isEmpty {
                obj.set(["status", "phase"], to: "Terminating")
                changed = true
            }
            if !changed { return objectResponse(current.object, bytes: current.bytes, status: .ok) }
            let rev = try await server.timedStore.update(key(name), value: storageBytes(obj), expectedModRevision: current.revision)
            server.noteWrite(rev, key: key(name))
            obj.set(["metadata", "resourceVersion"], to: .string(String(rev)))
            return objectResponse(obj, status: .ok)
        }
        let (_, rev) = try await server.timedStore.delete(key(name), expectedModRevision: current.revision)
        server.noteWrite(rev, key: key(name))
        if type.plural == "services" && type.group.isEmpty { server.allocator.release(current.object) }
        if type.plural == "pods" || type.plural == "namespaces" {
            return objectResponse(current.object)
        }
        var details: JSONValue = ["name": .string(name), "kind": .string(type.plural), "uid": .string(uid)]
        if !type.group.isEmpty { details["group"] = .string(type.group) }
        let status: JSONValue = ["kind": "Status", "apiVersion": "v1", "metadata": [:], "status": "Success", "details": details]
        return .json(status)
    }

    func deleteCollection() async throws(APIError) -> APIResponse {
        let body: JSONValue? = request.body.isEmpty ? .none : try decodeBody()
        let options = try DeleteOptions(request: request, body: body)
        let filter = try SelectorFilter.make(request: request, type: type)
        await readForWrite()
        let items = cache.list(keyPrefix: listPrefix).items.filter { filter.matches($0) }
        var deleted: [JSONValue] = []
        for item in items {
            do {
                _ = try await deleteOnce(item, name: item.name, options: options)
                deleted.append(item.object)
            } catch StorageError.conflict {
                continue
            } catch StorageError.notFound {
                continue
            } catch let e as APIError {
                throw e
            } catch {
                throw storeError(error, name: item.name)
            }
        }
        let list: JSONValue = ["kind": .string(type.listKind), "apiVersion": .string(type.apiVersion),
                               "metadata": ["resourceVersion": .string(String(server.consistentReadRevision))], "items": .array(deleted)]
        return .json(list)
    }
}
