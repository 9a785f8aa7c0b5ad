import KubeMachinery
import KubeResources

/// The served resources, looked up the ways requests name them.
public struct ResourceRegistry: Sendable {
    public let all: [ResourceType]
    private let byPath: [String: ResourceType]

    public init(_ types: [ResourceType]) {
        self.all = types
        var m: [String: ResourceType] = [:]
        for t in types { m["\(t.group)/\(t.version)/\(t.plural)"] = t }
        self.byPath = m
    }

    public func lookup(group: String, version: String, resource: String) -> ResourceType? {
        byPath["\(group)/\(version)/\(resource)"]
    }

    /// Group/versions served, in discovery order (core first, then groups by name, preferred
    /// version first).
    public var groups: [(group: String, versions: [String])] {
        var order: [String] = []
        var versions: [String: [String]] = [:]
        for t in all {
            if versions[t.group] == nil {
                order.append(t.group)
                versions[t.group] = []
            }
            if !versions[t.group]!.contains(t.version) { versions[t.group]!.append(t.version) }
        }
        return order.map { g in (g, versions[g]!.sorted(by: Self.versionPriority)) }
    }

    public func resources(group: String, version: String) -> [ResourceType] {
        all.filter { $0.group == group && $0.version == version }
    }

    /// Upstream's version ordering: GA before beta before alpha, higher numbers first.
    static func versionPriority(_ a: String, _ b: String) -> Bool {
        func rank(_ v: String) -> (Int, Int, Int) {
            let s = v.dropFirst()
            if let r = s.range(of: "alpha") {
                return (0, Int(s[..<r.lowerBound]) ?? 0, Int(s[r.upperBound...]) ?? 0)
            }
            if let r = s.range(of: "beta") {
                return (1, Int(s[..<r.lowerBound]) ?? 0, Int(s[r.upperBound...]) ?? 0)
            }
            return (2, Int(s) ?? 0, 0)
        }
        return rank(a) > rank(b)
    }

    /// The store prefix for a resource's objects. Versions of one group resource share storage.
    public static func storagePrefix(_ t: ResourceType) -> String {
        "/registry/\(t.group.isEmpty ? "core" : t.group)/\(t.plural)/"
    }

    public static func storageKey(_ t: ResourceType, namespace: String?, name: String) -> String {
        t.namespaced ? storagePrefix(t) + "\(namespace ?? "")/\(name)" : storagePrefix(t) + name
    }
}
