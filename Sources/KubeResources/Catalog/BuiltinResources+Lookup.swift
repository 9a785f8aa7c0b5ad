/// Lookups the API server needs to route requests and resolve the names kubectl sends.
extension BuiltinResources {
    /// The resource served at `/apis/<group>/<version>/<plural>` (core: `/api/v1/<plural>`).
    public static func find(group: String, version: String, plural: String) -> ResourceType? {
        byGroupVersionPlural[Key(group: group, version: version, name: plural)]
    }

    /// The resource of a kind in one group/version, e.g. to serve a create whose body names it.
    public static func find(group: String, version: String, kind: String) -> ResourceType? {
        byGroupVersionKind[Key(group: group, version: version, name: kind)]
    }

    /// Every version of a kind in a group, preferred version first.
    public static func find(group: String, kind: String) -> [ResourceType] {
        all.filter { $0.group == group && $0.kind == kind }
    }

    /// Resources a lowercase name resolves to the way kubectl resolves it: plural, singular,
    /// or short name, optionally limited to a group. Several groups may answer (`events` is in
    /// core and events.k8s.io); results keep catalog order, core first, preferred version first.
    public static func find(name: String, group: String? = nil) -> [ResourceType] {
        let lower = name.lowercased()
        return all.filter { r in
            (group == nil || r.group == group)
                && (r.plural == lower || r.singular == lower || r.shortNames.contains(lower))
        }
    }

    /// Resources in a category, e.g. `all` for `kubectl get all`.
    public static func find(category: String) -> [ResourceType] {
        all.filter { $0.categories.contains(category) }
    }

    /// Group/versions served, in catalog order without repeats (core `v1` first).
    public static var groupVersions: [(group: String, version: String)] {
        var seen = Set<String>()
        var out: [(group: String, version: String)] = []
        for r in all where seen.insert(r.apiVersion).inserted {
            out.append((r.group, r.version))
        }
        return out
    }

    private struct Key: Hashable {
        var group: String
        var version: String
        var name: String
    }

    private static let byGroupVersionPlural: [Key: ResourceType] = Dictionary(
        all.map { (Key(group: $0.group, version: $0.version, name: $0.plural), $0) },
        uniquingKeysWith: { first, _ in first })

    private static let byGroupVersionKind: [Key: ResourceType] = Dictionary(
        all.map { (Key(group: $0.group, version: $0.version, name: $0.kind), $0) },
        uniquingKeysWith: { first, _ in first })
}
