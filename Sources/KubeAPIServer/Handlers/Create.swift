import KubeMachinery
import KubeResources
import KubeStorage

extension ResourceContext {
    func create() async throws(APIError) -> APIResponse {
        if info.name != nil {
            throw APIError.methodNotAllowed()
        }
        var obj = try decodeBody()
        try checkTypeMeta(&obj)
        let warnings = try validateFields(&obj)
        try prepareMetadataForCreate(&obj)
        type.strategy.prepareForCreate(&obj)
        try admitPodPriority(&obj, name: obj[path: ["metadata", "name"]]?.stringValue ?? "")
        admitDefaultTolerationSeconds(&obj)
        if type.plural == "services" && type.group.isEmpty {
            await readForWrite()
            try server.allocator.allocate(&obj, existing: cache.list(keyPrefix: ResourceRegistry.storagePrefix(type)).items.map(\.object), dryRun: isDryRun)
        }
        type.strategy.applyDefaults(&obj)
        let name = obj[path: ["metadata", "name"]]?.stringValue ?? ""
        let errors = ObjectMetaRules.validate(obj, type: type) + type.strategy.validate(obj)
        if !errors.isEmpty {
            if type.plural == "services" { server.allocator.release(obj) }
            throw invalid(name, errors)
        }
        if isDryRun {
            if type.plural == "services" { server.allocator.release(obj) }
            return objectResponse(obj, status: .created, warnings: warnings)
        }
        let rev: Int64
        do {
            rev = try await server.timedStore.create(key(name), value: storageBytes(obj))
        } catch {
            if type.plural == "services" { server.allocator.release(obj) }
            throw storeError(error, name: name)
        }
        server.noteWrite(rev, key: key(name))
        if type.plural == "services" { server.allocator.committed(obj) }
        obj.set(["metadata", "resourceVersion"], to: .string(String(rev)))
        return objectResponse(obj, status: .created, warnings: warnings)
    }

    /// Namespace, generateName, uid, creationTimestamp, generation; clears what clients may not set.
    func prepareMetadataForCreate(_ obj: inout JSONValue) throws(APIError) {
        var meta = obj["metadata"] ?? .object([:])
        guard case .object = meta else { throw APIError.badRequest("metadata must be an object") }
        if type.namespaced {
            let bodyNS = meta["namespace"]?.stringValue ?? ""
            if let ns = namespace {
                if !bodyNS.isEmpty && bodyNS != ns {
                    throw APIError.badRequest("the namespace of the provided object does not match the namespace sent on the request")
                }
                meta["namespace"] = .string(ns)
            }
        } else {
            meta["namespace"] = nil
        }
        let name = meta["name"]?.stringValue ?? ""
        if name.isEmpty, let gen = meta["generateName"]?.stringValue, !gen.isEmpty {
            // Upstream trims the prefix so the generated name stays within 63 characters.
            let prefix = gen.count > 58 ? String(gen.prefix(58)) : gen
            meta["name"] = .string(prefix + ObjectMetaRules.randomSuffix())
        }
        meta["uid"] = .string(ObjectMetaRules.newUID())
        meta["creationTimestamp"] = .string(ObjectMetaRules.timestamp())
        meta["resourceVersion"] = nil
        meta["selfLink"] = nil
        meta["deletionTimestamp"] = nil
        meta["deletionGracePeriodSeconds"] = nil
        if ObjectMetaRules.generationTracked.contains(type.plural) {
            meta["generation"] = .int(1)
        } else {
            meta["generation"] = nil
        }
        obj["metadata"] = meta
    }

    /// Refuses creation in a missing or terminating namespace, as upstream's NamespaceLifecycle.
    func requireNamespace(_ ns: String) async throws(APIError) {
        guard let nsType = server.registry.lookup(group: "", version: "v1", resource: "namespaces") else { return }
        let nsCache = server.cache(for: nsType)
        await nsCache.waitForOwnWrites()
        guard let n = nsCache.get(ResourceRegistry.storageKey(nsType, namespace: nil, name: ns)) else {
            throw APIError.notFound(QualifiedResource(group: "", resource: "namespaces"), name: ns)
        }
        if n.object[path: ["metadata", "deletionTimestamp"]] != nil || n.object[path: ["status", "phase"]]?.stringValue == "Terminating" {
            throw APIError(code: 403, reason: "Forbidden",
                           message: "\(type.plural) \"\(requestName ?? "")\" is forbidden: unable to create new content in namespace \(ns) because it is being terminated",
                           details: .init(name: requestName, kind: type.plural, causes: [.init(reason: "NamespaceTerminating", message: "namespace \(ns) is being terminated", field: "metadata.namespace")]))
        }
    }

    private var requestName: String? {
        (try? JSONValue.parse(request.body))?[path: ["metadata", "name"]]?.stringValue
    }
}
