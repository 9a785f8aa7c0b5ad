import KubeAPI
import KubeClient
import KubeMachinery

/// One resource the server serves, at its group's preferred version, with its verbs.
public struct DiscoveredResource: Sendable, Hashable {
    public var resource: APIResource
    public var verbs: Set<String>

    public init(resource: APIResource, verbs: Set<String>) {
        self.resource = resource
        self.verbs = verbs
    }

    public func supports(_ verbs: String...) -> Bool { verbs.allSatisfy(self.verbs.contains) }
}

/// What discovery found: the resources of every group that answered, and the groups that did
/// not (the namespace controller reports those in `NamespaceDeletionDiscoveryFailure`).
public struct ResourceDiscovery: Sendable {
    public var resources: [DiscoveredResource]
    /// `group/version` → why its resource list could not be read.
    public var failedGroupVersions: [String: String]

    public init(resources: [DiscoveredResource], failedGroupVersions: [String: String] = [:]) {
        self.resources = resources
        self.failedGroupVersions = failedGroupVersions
    }

    /// Reads `/api/v1`, `/apis` and each group's preferred version (as client-go's
    /// `ServerPreferredResources`). Subresources (`pods/status`) are left out: they are not
    /// collections of their own.
    public static func discover(_ client: KubeClient) async throws -> ResourceDiscovery {
        var groupVersions: [(group: String, version: String)] = [("", "v1")]
        let groups = try await client.call("GET", "/apis")
        for g in groups["groups"]?.arrayValue ?? [] {
            guard let name = g["name"]?.stringValue else { continue }
            let preferred = g["preferredVersion"]?["version"]?.stringValue
                ?? g["versions"]?.arrayValue?.first?["version"]?.stringValue
            if let preferred { groupVersions.append((name, preferred)) }
        }
        var found = ResourceDiscovery(resources: [])
        for gv in groupVersions {
            let path = gv.group.isEmpty ? "/api/\(gv.version)" : "/apis/\(gv.group)/\(gv.version)"
            let label = gv.group.isEmpty ? gv.version : "\(gv.group)/\(gv.version)"
            do {
                let list = try await client.call("GET", path)
                for r in list["resources"]?.arrayValue ?? [] {
                    guard let name = r["name"]?.stringValue, !name.contains("/"),
                          let kind = r["kind"]?.stringValue else { continue }
                    let verbs = Set((r["verbs"]?.arrayValue ?? []).compactMap(\.stringValue))
                    let resource = APIResource(group: gv.group, version: gv.version, resource: name, kind: kind,
                                               namespaced: r["namespaced"]?.boolValue ?? false)
                    found.resources.append(DiscoveredResource(resource: resource, verbs: verbs))
                }
            } catch {
                found.failedGroupVersions[label] = String(describing: error)
            }
        }
        return found
    }

    /// The resource serving `kind` in the group of `apiVersion` (any version of the group:
    /// the same objects are served at each).
    public func resource(apiVersion: String, kind: String) -> APIResource? {
        let group = apiVersion.contains("/") ? String(apiVersion.split(separator: "/")[0]) : ""
        return resources.first { $0.resource.group == group && $0.resource.kind == kind }?.resource
    }
}
