import KubeMachinery
import KubeResources
import NIOHTTP1

/// `/api`, `/apis`, `/api/v1`, `/apis/GROUP[/VERSION]`, in the legacy form and in aggregated
/// discovery (apidiscovery.k8s.io v2 and v2beta1), built once since the resource set is fixed.
struct DiscoveryDocuments: Sendable {
    let registry: ResourceRegistry
    private let legacyAPI: [UInt8]
    private let legacyGroups: [UInt8]
    private let groupDocs: [String: [UInt8]]
    private let resourceLists: [String: [UInt8]]
    private let aggregatedCore: JSONValue
    private let aggregatedGroups: JSONValue

    init(registry: ResourceRegistry) {
        self.registry = registry
        legacyAPI = (["kind": "APIVersions", "versions": ["v1"],
                      "serverAddressByClientCIDRs": [["clientCIDR": "0.0.0.0/0", "serverAddress": ""]]] as JSONValue).serialized()
        var groups: [JSONValue] = []
        var groupDocs: [String: [UInt8]] = [:]
        var lists: [String: [UInt8]] = [:]
        var aggregated: [JSONValue] = []
        var core: [JSONValue] = []
        for (g, versions) in registry.groups {
            let vs: [JSONValue] = versions.map { ["groupVersion": .string(g.isEmpty ? $0 : "\(g)/\($0)"), "version": .string($0)] }
            if !g.isEmpty {
                let group: JSONValue = ["name": .string(g), "versions": .array(vs), "preferredVersion": vs[0]]
                groups.append(group)
                var doc = group
                doc["kind"] = "APIGroup"
                doc["apiVersion"] = "v1"
                groupDocs[g] = doc.serialized()
            }
            var aggVersions: [JSONValue] = []
            for v in versions {
                let types = registry.resources(group: g, version: v)
                lists[g.isEmpty ? "v1" : "\(g)/\(v)"] = Self.resourceList(group: g, version: v, types).serialized()
                let aggResources = types.flatMap { [Self.aggregatedResource($0)] + PodBinding.aggregatedResources(after: $0) }
                aggVersions.append(["version": .string(v), "resources": .array(aggResources), "freshness": "Current"])
            }
            let entry: JSONValue = ["metadata": g.isEmpty ? ["creationTimestamp": .null] : ["name": .string(g), "creationTimestamp": .null],
                                    "versions": .array(aggVersions)]
            if g.isEmpty { core.append(entry) } else { aggregated.append(entry) }
        }
        legacyGroups = (["kind": "APIGroupList", "apiVersion": "v1", "groups": .array(groups)] as JSONValue).serialized()
        self.groupDocs = groupDocs
        self.resourceLists = lists
        aggregatedCore = .array(core)
        aggregatedGroups = .array(aggregated)
    }

    static func resourceList(group: String, version: String, _ types: [ResourceType]) -> JSONValue {
        var resources: [JSONValue] = []
        for t in types {
            var r: JSONValue = ["name": .string(t.plural), "singularName": .string(t.singular), "namespaced": .bool(t.namespaced),
                                "kind": .string(t.kind), "verbs": .array(t.verbs.map { .string($0) })]
            if !t.shortNames.isEmpty { r["shortNames"] = .array(t.shortNames.map { .string($0) }) }
            if !t.categories.isEmpty { r["categories"] = .array(t.categories.map { .string($0) }) }
            resources.append(r)
            for sub in t.subresources {
                var s: JSONValue = ["name": .string("\(t.plural)/\(sub)"), "singularName": "", "namespaced": .bool(t.namespaced),
                                    "kind": .string(sub == "scale" ? "Scale" : t.kind), "verbs": ["get", "patch", "update"]]
                if sub == "scale" { s["group"] = "autoscaling"; s["version"] = "v1" }
                resources.append(s)
            }
            resources += PodBinding.legacyDiscoveryEntries(after: t)
        }
        return ["kind": "APIResourceList", "apiVersion": "v1", "groupVersion": .string(group.isEmpty ? version : "\(group)/\(version)"),
                "resources": .array(resources)]
    }

    static func aggregatedResource(_ t: ResourceType) -> JSONValue {
        var r: JSONValue = [
            "resource": .string(t.plural),
            "responseKind": ["group": .string(t.group), "version": .string(t.version), "kind": .string(t.kind)],
            "scope": t.namespaced ? "Namespaced" : "Cluster",
            "singularResource": .string(t.singular),
            "verbs": .array(t.verbs.map { .string($0) }),
        ]
        if !t.shortNames.isEmpty { r["shortNames"] = .array(t.shortNames.map { .string($0) }) }
        if !t.categories.isEmpty { r["categories"] = .array(t.categories.map { .string($0) }) }
        let extraSubresources = PodBinding.aggregatedSubresources(of: t)
        if !t.subresources.isEmpty || !extraSubresources.isEmpty {
            r["subresources"] = .array(extraSubresources + t.subresources.map { sub in
                [
                    "subresource": .string(sub),
                    "responseKind": sub == "scale" ? ["group": "autoscaling", "version": "v1", "kind": "Scale"]
                        : ["group": .string(t.group), "version": .string(t.version), "kind": .string(t.kind)],
                    "verbs": ["get", "patch", "update"],
                ]
            })
        }
        return r
    }

    /// The aggregated version a client accepts (`v2` or `v2beta1`), if any.
    static func aggregatedVersion(_ accept: String?) -> String? {
        guard let accept else { return nil }
        for clause in accept.split(separator: ",") {
            let c = clause.replacingOccurrences(of: " ", with: "")
            guard c.contains("as=APIGroupDiscoveryList"), c.contains("g=apidiscovery.k8s.io") else {
                if c.hasPrefix("application/json") && !c.contains("as=") { return nil }
                continue
            }
            if c.contains("v=v2beta1") { return "v2beta1" }
            if c.contains("v=v2") { return "v2" }
        }
        return nil
    }

    func respond(_ r: APIRequest) throws(APIError) -> APIResponse? {
        let path = r.path.hasSuffix("/") && r.path.count > 1 ? String(r.path.dropLast()) : r.path
        switch path {
        case "/api", "/apis":
            if let v = Self.aggregatedVersion(r.headers.first(name: "Accept")) {
                let doc: JSONValue = ["kind": "APIGroupDiscoveryList", "apiVersion": .string("apidiscovery.k8s.io/\(v)"),
                                      "metadata": [:], "items": path == "/api" ? aggregatedCore : aggregatedGroups]
                return .json(doc.serialized(), headers: [
                    "Content-Type": "application/json;g=apidiscovery.k8s.io;v=\(v);as=APIGroupDiscoveryList",
                    "Vary": "Accept",
                ])
            }
            return .json(path == "/api" ? legacyAPI : legacyGroups)
        default:
            break
        }
        let parts = path.split(separator: "/").map(String.init)
        if parts.count == 2, parts[0] == "api" {
            guard let doc = resourceLists[parts[1]] else { throw APIError.notFoundPath() }
            return .json(doc)
        }
        if parts.count == 2, parts[0] == "apis" {
            guard let doc = groupDocs[parts[1]] else { throw APIError.notFoundPath() }
            return .json(doc)
        }
        if parts.count == 3, parts[0] == "apis" {
            guard let doc = resourceLists["\(parts[1])/\(parts[2])"] else { throw APIError.notFoundPath() }
            return .json(doc)
        }
        return nil
    }
}
