import KubeMachinery

/// The OpenAPI v3 discovery index (`/openapi/v3`) and per-group-version documents
/// (`/openapi/v3/api/v1`, `/openapi/v3/apis/apps/v1`).
///
/// kubectl (1.27+) lists the index, follows each `serverRelativeURL`, then looks for the schema
/// whose `x-kubernetes-group-version-kind` matches the kind it explains or validates. The hash
/// query parameter lets clients cache a document forever; it changes whenever the document does.
public enum OpenAPIV3 {
    /// `api/v1` for the core group, `apis/<group>/<version>` otherwise: the index key and URL suffix.
    public static func path(groupVersion: String) -> String {
        groupVersion.contains("/") ? "apis/\(groupVersion)" : "api/\(groupVersion)"
    }

    /// The index, from each group-version (`v1`, `apps/v1`) to its document's hash.
    public static func index(groupVersions: [String: String]) -> JSONValue {
        var paths: [String: JSONValue] = [:]
        for (gv, hash) in groupVersions {
            let p = path(groupVersion: gv)
            paths[p] = .object(["serverRelativeURL": .string("/openapi/v3/\(p)?hash=\(hash)")])
        }
        return .object(["paths": .object(paths)])
    }

    /// The index for already-built documents, hashing each.
    public static func index(documents: [String: JSONValue]) -> JSONValue {
        index(groupVersions: documents.mapValues { hash(of: $0) })
    }

    /// A stable content hash of a document (128-bit FNV-1a over its serialized bytes, uppercase
    /// hex). Upstream uses SHA-512; clients treat the value as opaque.
    public static func hash(of document: JSONValue) -> String {
        var a: UInt64 = 0xcbf2_9ce4_8422_2325
        var b: UInt64 = 0x8422_2325_cbf2_9ce4
        for byte in document.serialized() {
            a = (a ^ UInt64(byte)) &* 0x0000_0100_0000_01b3
            b = (b ^ UInt64(byte ^ 0x5a)) &* 0x0000_0100_0000_01b3
        }
        func hex(_ v: UInt64) -> String {
            let s = String(v, radix: 16, uppercase: true)
            return String(repeating: "0", count: 16 - s.count) + s
        }
        return hex(a) + hex(b)
    }

    /// Group-versions served by these resources, e.g. `["v1", "apps/v1"]`.
    public static func groupVersions(of resources: [ResourceType]) -> [String] {
        Array(Set(resources.map(\.apiVersion))).sorted()
    }

    /// The document for one group-version: its resources' paths and every schema they reference.
    public static func document(groupVersion: String, resources: [ResourceType],
                                serverVersion: String = OpenAPIDocuments.defaultServerVersion) -> JSONValue {
        var renderer = OpenAPISchemaRenderer(flavor: .v3)
        var paths: [String: JSONValue] = [:]
        let pathBuilder = OpenAPIPaths(flavor: .v3)
        for r in resources where r.apiVersion == groupVersion {
            let schema = OpenAPIDocuments.publishedSchema(for: r)
            if let schema { renderer.define(schema) }
            for (path, item) in pathBuilder.items(for: r, definition: schema?.definitionName) { paths[path] = item }
        }
        renderer.define(OpenAPIDocuments.patch)
        return .object([
            "openapi": "3.0.0",
            "info": .object(["title": "Kubernetes", "version": .string(serverVersion)]),
            "paths": .object(paths),
            "components": .object([
                "schemas": .object(renderer.definitions),
                "securitySchemes": .object(["BearerToken": .object([
                    "type": "apiKey", "description": "Bearer token authentication", "name": "authorization", "in": "header",
                ])]),
            ]),
        ])
    }

    /// Every group-version's document for these resources, keyed by group-version.
    public static func documents(for resources: [ResourceType],
                                 serverVersion: String = OpenAPIDocuments.defaultServerVersion) -> [String: JSONValue] {
        var out: [String: JSONValue] = [:]
        for gv in groupVersions(of: resources) {
            out[gv] = document(groupVersion: gv, resources: resources, serverVersion: serverVersion)
        }
        return out
    }
}
