import KubeMachinery

/// The `paths` section for a set of resources.
///
/// Kept to what clients read: kubectl decides whether the server does field validation by
/// finding, for the kind's group/version/kind, a PATCH operation that declares a
/// `fieldValidation` query parameter (client-go's query-param verifier, v3 then v2). Without it
/// kubectl falls back to client-side validation or refuses `--validate=strict`.
struct OpenAPIPaths {
    static let patchContentTypes = [
        "application/json-patch+json", "application/merge-patch+json",
        "application/strategic-merge-patch+json", "application/apply-patch+yaml",
    ]
    static let writeQueryParameters: [(name: String, description: String)] = [
        ("dryRun", "When present, changes are validated but not persisted. The only valid value is All."),
        ("fieldManager", "The name of the actor making the change, used for field ownership."),
        ("fieldValidation", "How to treat unknown or duplicate fields: Ignore, Warn or Strict."),
    ]

    let flavor: OpenAPISchemaRenderer.Flavor

    /// `/api/v1` or `/apis/apps/v1`.
    static func root(group: String, version: String) -> String {
        group.isEmpty ? "/api/\(version)" : "/apis/\(group)/\(version)"
    }

    /// Upstream's operation id stem: `CoreV1`, `AppsV1`, `RbacAuthorizationV1`, `NetworkingV1`.
    static func operationStem(group: String, version: String) -> String {
        let groupPart: String
        if group.isEmpty {
            groupPart = "Core"
        } else {
            let trimmed = group.hasSuffix(".k8s.io") ? String(group.dropLast(".k8s.io".count)) : group
            groupPart = trimmed.split(separator: ".").map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined()
        }
        return groupPart + version.prefix(1).uppercased() + version.dropFirst()
    }

    /// Path items keyed by path, for one resource.
    func items(for r: ResourceType, definition: String?) -> [String: JSONValue] {
        let base = Self.root(group: r.group, version: r.version)
        let collection = r.namespaced ? "\(base)/namespaces/{namespace}/\(r.plural)" : "\(base)/\(r.plural)"
        let item = collection + "/{name}"
        let stem = Self.operationStem(group: r.group, version: r.version) + (r.namespaced ? "Namespaced" : "") + r.kind
        let gvk: JSONValue = .object(["group": .string(r.group), "version": .string(r.version), "kind": .string(r.kind)])

        var pathParams: [JSONValue] = []
        if r.namespaced { pathParams.append(pathParameter("namespace", "object name and auth scope, such as for teams and projects")) }
        let itemParams = [pathParameter("name", "name of the \(r.kind)")] + pathParams

        func operation(_ verb: String, _ action: String, _ query: [(name: String, description: String)], body: Bool,
                       patch: Bool = false) -> JSONValue {
            var op: [String: JSONValue] = [
                "operationId": .string(verb + stem),
                "x-kubernetes-action": .string(action),
                "x-kubernetes-group-version-kind": gvk,
                "tags": .array([.string(Self.operationStem(group: r.group, version: r.version).lowercased())]),
                "responses": responses(definition),
            ]
            var params = query.map { queryParameter($0.name, $0.description) }
            let bodySchema = patch ? refSchema("io.k8s.apimachinery.pkg.apis.meta.v1.Patch") : definition.map(refSchema)
            switch flavor {
            case .v2:
                if body {
                    var p: [String: JSONValue] = ["name": "body", "in": "body", "required": true]
                    if let bodySchema { p["schema"] = bodySchema }
                    params.insert(.object(p), at: 0)
                }
                if patch { op["consumes"] = .array(Self.patchContentTypes.map { .string($0) }) }
            case .v3:
                if body, let bodySchema {
                    let types = patch ? Self.patchContentTypes : ["*/*"]
                    var content: [String: JSONValue] = [:]
                    for t in types { content[t] = .object(["schema": bodySchema]) }
                    op["requestBody"] = .object(["content": .object(content), "required": true])
                }
            }
            if patch { params.append(queryParameter("force", "Force an apply request to take conflicting fields.", type: "boolean")) }
            if !params.isEmpty { op["parameters"] = .array(params) }
            return .object(op)
        }

        var collectionItem: [String: JSONValue] = [:]
        var itemItem: [String: JSONValue] = [:]
        if r.verbs.contains("list") { collectionItem["get"] = operation("list", "list", [], body: false) }
        if r.verbs.contains("create") { collectionItem["post"] = operation("create", "post", Self.writeQueryParameters, body: true) }
        if r.verbs.contains("get") { itemItem["get"] = operation("read", "get", [], body: false) }
        if r.verbs.contains("update") { itemItem["put"] = operation("replace", "put", Self.writeQueryParameters, body: true) }
        if r.verbs.contains("patch") { itemItem["patch"] = operation("patch", "patch", Self.writeQueryParameters, body: true, patch: true) }
        if r.verbs.contains("delete") { itemItem["delete"] = operation("delete", "delete", [], body: false) }

        var out: [String: JSONValue] = [:]
        if !collectionItem.isEmpty {
            if !pathParams.isEmpty { collectionItem["parameters"] = .array(pathParams) }
            out[collection] = .object(collectionItem)
        }
        if !itemItem.isEmpty {
            itemItem["parameters"] = .array(itemParams)
            out[item] = .object(itemItem)
        }
        return out
    }

    private func refSchema(_ name: String) -> JSONValue {
        .object(["$ref": .string((flavor == .v2 ? "#/definitions/" : "#/components/schemas/") + name)])
    }

    private func responses(_ definition: String?) -> JSONValue {
        var ok: [String: JSONValue] = ["description": "OK"]
        if let definition {
            switch flavor {
            case .v2: ok["schema"] = refSchema(definition)
            case .v3: ok["content"] = .object(["application/json": .object(["schema": refSchema(definition)])])
            }
        }
        return .object(["200": .object(ok), "401": .object(["description": "Unauthorized"])])
    }

    private func pathParameter(_ name: String, _ description: String) -> JSONValue {
        parameter(name, description, location: "path", type: "string", required: true)
    }

    private func queryParameter(_ name: String, _ description: String, type: String = "string") -> JSONValue {
        parameter(name, description, location: "query", type: type, required: false)
    }

    private func parameter(_ name: String, _ description: String, location: String, type: String, required: Bool) -> JSONValue {
        var p: [String: JSONValue] = ["name": .string(name), "in": .string(location), "description": .string(description)]
        if required { p["required"] = true }
        switch flavor {
        case .v2:
            p["type"] = .string(type)
            p["uniqueItems"] = true
        case .v3:
            p["schema"] = .object(["type": .string(type), "uniqueItems": true])
        }
        return .object(p)
    }
}
