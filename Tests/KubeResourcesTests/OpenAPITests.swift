import Testing
import KubeMachinery
@testable import KubeResources

/// Every `$ref` in a document, with the definition name it points to after `prefix`.
func collectRefs(_ value: JSONValue, into refs: inout [String]) {
    switch value {
    case .object(let o):
        for (k, v) in o {
            if k == "$ref", let s = v.stringValue { refs.append(s) } else { collectRefs(v, into: &refs) }
        }
    case .array(let a): for v in a { collectRefs(v, into: &refs) }
    default: break
    }
}

struct OpenAPITests {
    static let resources: [ResourceType] = [
        ResourceType(group: "", version: "v1", kind: "Pod", plural: "pods", namespaced: true),
        ResourceType(group: "", version: "v1", kind: "Node", plural: "nodes", namespaced: false),
        ResourceType(group: "", version: "v1", kind: "ConfigMap", plural: "configmaps", namespaced: true),
        ResourceType(group: "apps", version: "v1", kind: "Deployment", plural: "deployments", namespaced: true),
        ResourceType(group: "batch", version: "v1", kind: "CronJob", plural: "cronjobs", namespaced: true),
        ResourceType(group: "rbac.authorization.k8s.io", version: "v1", kind: "ClusterRole", plural: "clusterroles", namespaced: false),
    ]

    static func allBuiltinResources() -> [ResourceType] {
        BuiltinSchemas.all.map { s in
            let gvk = s.groupVersionKinds[0]
            return ResourceType(group: gvk.group, version: gvk.version, kind: gvk.kind, plural: gvk.kind.lowercased() + "s",
                                namespaced: true, schema: s)
        }
    }

    /// The document survives serialization and parsing unchanged, i.e. it is valid JSON.
    func roundTrips(_ doc: JSONValue) throws {
        let text = doc.serializedString()
        let parsed = try JSONValue.parse(text)
        #expect(parsed == doc)
    }

    @Test func v2DocumentIsSwaggerWithResolvableRefs() throws {
        let doc = OpenAPIV2.document(for: Self.allBuiltinResources())
        try roundTrips(doc)
        #expect(doc["swagger"] == "2.0")
        #expect(doc["info"]?["title"] == "Kubernetes")
        let definitions = try #require(doc["definitions"]?.objectValue)
        var refs: [String] = []
        collectRefs(doc, into: &refs)
        #expect(!refs.isEmpty)
        for ref in refs {
            #expect(ref.hasPrefix("#/definitions/"), "\(ref)")
            #expect(definitions[String(ref.dropFirst("#/definitions/".count))] != nil, "unresolved \(ref)")
        }
    }

    @Test func v2DefinitionsCarryGroupVersionKindAndMergeMetadata() throws {
        let doc = OpenAPIV2.document(for: Self.resources)
        let deployment = try #require(doc["definitions"]?["io.k8s.api.apps.v1.Deployment"])
        #expect(deployment["x-kubernetes-group-version-kind"] == [["group": "apps", "version": "v1", "kind": "Deployment"]])
        let containers = try #require(doc["definitions"]?["io.k8s.api.core.v1.PodSpec"]?["properties"]?["containers"])
        #expect(containers["x-kubernetes-patch-merge-key"] == "name")
        #expect(containers["x-kubernetes-patch-strategy"] == "merge")
        #expect(containers["items"]?["$ref"] == "#/definitions/io.k8s.api.core.v1.Container")
        let strategy = try #require(doc["definitions"]?["io.k8s.api.apps.v1.DeploymentSpec"]?["properties"]?["strategy"])
        #expect(strategy["$ref"] == "#/definitions/io.k8s.api.apps.v1.DeploymentStrategy")
        #expect(strategy["x-kubernetes-patch-strategy"] == "retainKeys")
        // The definition itself does not carry the field's patch strategy.
        #expect(doc["definitions"]?["io.k8s.api.apps.v1.DeploymentStrategy"]?["x-kubernetes-patch-strategy"] == nil)
        #expect(doc["definitions"]?["io.k8s.apimachinery.pkg.util.intstr.IntOrString"] == [
            "description": "An integer or a string, e.g. a port number or name.", "type": "string", "format": "int-or-string",
        ])
    }

    @Test("v2 and v3 PATCH operations declare fieldValidation with the kind's GVK, as kubectl checks")
    func patchOperationsAdvertiseFieldValidation() throws {
        let v2 = OpenAPIV2.document(for: Self.resources)
        let patch2 = try #require(v2["paths"]?["/apis/apps/v1/namespaces/{namespace}/deployments/{name}"]?["patch"])
        #expect(patch2["x-kubernetes-group-version-kind"] == ["group": "apps", "version": "v1", "kind": "Deployment"])
        #expect(patch2["operationId"] == "patchAppsV1NamespacedDeployment")
        let names2 = patch2["parameters"]?.arrayValue?.compactMap { $0["name"]?.stringValue } ?? []
        #expect(names2.contains("fieldValidation"))
        #expect(v2["paths"]?["/api/v1/nodes/{name}"]?["patch"]?["operationId"] == "patchCoreV1Node")
        #expect(v2["paths"]?["/apis/rbac.authorization.k8s.io/v1/clusterroles"]?["post"]?["operationId"] == "createRbacAuthorizationV1ClusterRole")

        let v3 = OpenAPIV3.document(groupVersion: "apps/v1", resources: Self.resources)
        let patch3 = try #require(v3["paths"]?["/apis/apps/v1/namespaces/{namespace}/deployments/{name}"]?["patch"])
        let params3 = patch3["parameters"]?.arrayValue ?? []
        #expect(params3.contains { $0["name"] == "fieldValidation" && $0["in"] == "query" })
        #expect(patch3["requestBody"]?["content"]?["application/strategic-merge-patch+json"] != nil)
    }

    @Test func v3IndexPointsAtEachGroupVersionWithAHash() throws {
        let docs = OpenAPIV3.documents(for: Self.resources)
        #expect(Set(docs.keys) == ["v1", "apps/v1", "batch/v1", "rbac.authorization.k8s.io/v1"])
        let index = OpenAPIV3.index(documents: docs)
        try roundTrips(index)
        let core = try #require(index["paths"]?["api/v1"]?["serverRelativeURL"]?.stringValue)
        #expect(core == "/openapi/v3/api/v1?hash=" + OpenAPIV3.hash(of: docs["v1"]!))
        let apps = try #require(index["paths"]?["apis/apps/v1"]?["serverRelativeURL"]?.stringValue)
        #expect(apps.hasPrefix("/openapi/v3/apis/apps/v1?hash="))
        #expect(OpenAPIV3.hash(of: docs["v1"]!) != OpenAPIV3.hash(of: docs["apps/v1"]!))
        #expect(OpenAPIV3.hash(of: docs["v1"]!).count == 32)
    }

    @Test("each v3 document is self-contained: every $ref resolves in its own components", arguments: ["v1", "apps/v1", "batch/v1"])
    func v3DocumentRefsResolve(groupVersion: String) throws {
        let doc = OpenAPIV3.document(groupVersion: groupVersion, resources: Self.allBuiltinResources())
        try roundTrips(doc)
        #expect(doc["openapi"] == "3.0.0")
        let schemas = try #require(doc["components"]?["schemas"]?.objectValue)
        var refs: [String] = []
        collectRefs(doc, into: &refs)
        for ref in refs {
            #expect(ref.hasPrefix("#/components/schemas/"), "\(ref)")
            #expect(schemas[String(ref.dropFirst("#/components/schemas/".count))] != nil, "unresolved \(ref)")
        }
        // Only this group-version's kinds are published here.
        let gvks = schemas.values.compactMap { $0["x-kubernetes-group-version-kind"]?.arrayValue?.first }
        #expect(!gvks.isEmpty)
        for gvk in gvks where gvk["kind"] != "PersistentVolumeClaim" {
            let gv = gvk["group"] == "" ? gvk["version"]!.stringValue! : "\(gvk["group"]!.stringValue!)/\(gvk["version"]!.stringValue!)"
            #expect(gv == groupVersion)
        }
    }

    @Test func v3WrapsReferencesWithSiblingsInAllOf() throws {
        let doc = OpenAPIV3.document(groupVersion: "v1", resources: Self.resources)
        let pod = try #require(doc["components"]?["schemas"]?["io.k8s.api.core.v1.Pod"])
        #expect(pod["x-kubernetes-group-version-kind"] == [["group": "", "version": "v1", "kind": "Pod"]])
        let spec = try #require(pod["properties"]?["spec"])
        // A bare reference when the field adds nothing; wrapped in allOf when it has siblings
        // (OpenAPI 3.0 ignores siblings of $ref).
        let specRef = spec["$ref"] ?? spec["allOf"]?.arrayValue?.first?["$ref"]
        #expect(specRef == "#/components/schemas/io.k8s.api.core.v1.PodSpec")
        if spec["allOf"] == nil { #expect(spec.objectValue?.count == 1) } else { #expect(spec["$ref"] == nil) }
        let containers = try #require(doc["components"]?["schemas"]?["io.k8s.api.core.v1.PodSpec"]?["properties"]?["containers"])
        #expect(containers["x-kubernetes-list-type"] == "map")
        #expect(containers["x-kubernetes-list-map-keys"] == ["name"])
        let quantity = try #require(doc["components"]?["schemas"]?["io.k8s.apimachinery.pkg.api.resource.Quantity"])
        #expect(quantity["oneOf"] == [["type": "string"], ["type": "number"]])
    }

    @Test func schemaWithoutANameIsPublishedUnderACustomResourceStyleName() throws {
        let crdSchema = Schema(kind: .object, properties: [("spec", Schema(kind: .any))])
        let r = ResourceType(group: "stable.example.com", version: "v1", kind: "CronTab", plural: "crontabs",
                             namespaced: true, schema: crdSchema)
        let doc = OpenAPIV3.document(groupVersion: "stable.example.com/v1", resources: [r])
        let def = try #require(doc["components"]?["schemas"]?["com.example.stable.v1.CronTab"])
        #expect(def["x-kubernetes-group-version-kind"] == [["group": "stable.example.com", "version": "v1", "kind": "CronTab"]])
    }
}
