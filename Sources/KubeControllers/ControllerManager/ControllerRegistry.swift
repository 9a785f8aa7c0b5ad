/// Every controller the manager knows, by `--controllers` name. Adding a controller to Bosun
/// means adding its type to `ControllerManager.all` (and, if it must be asked for
/// explicitly, its name to `disabledByDefault`).
extension ControllerManager {
    /// The known controllers, in start order.
    public static let all: [any Controller.Type] = [
        NamespaceController.self,
        ServiceAccountController.self,
        GarbageCollector.self,
        DeploymentController.self,
        ReplicaSetController.self,
        ReplicationControllerController.self,
        EndpointsController.self,
        EndpointSliceController.self,
        NodeIPAMController.self,
        NodeLifecycleController.self,
        TaintEvictionController.self,
        PodGCController.self,
    ]

    /// Known controllers that `*` does not enable (upstream: `bootstrapsigner`, `tokencleaner`).
    public static let disabledByDefault: Set<String> = []

    /// The known controllers by name.
    public static var known: [String: any Controller.Type] {
        Dictionary(all.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// The controllers a `--controllers` list enables, with upstream's rules: `name` enables,
    /// `-name` disables, `*` enables everything not disabled by default, and the first entry
    /// that mentions a controller decides. Unknown names are an error.
    public static func enabled(by list: [String], among candidates: [any Controller.Type] = all,
                               disabledByDefault: Set<String> = disabledByDefault) throws -> [any Controller.Type] {
        let names = Set(candidates.map { $0.name })
        let unknown = list.filter { $0 != "*" }.map { $0.hasPrefix("-") ? String($0.dropFirst()) : $0 }.filter { !names.contains($0) }
        if !unknown.isEmpty {
            throw ControllerManagerError.unknownControllers(unknown)
        }
        return candidates.filter { isEnabled($0.name, by: list, disabledByDefault: disabledByDefault) }
    }

    static func isEnabled(_ name: String, by list: [String], disabledByDefault: Set<String>) -> Bool {
        var star = false
        for entry in list {
            if entry == name { return true }
            if entry == "-" + name { return false }
            if entry == "*" { star = true }
        }
        return star && !disabledByDefault.contains(name)
    }
}

public enum ControllerManagerError: Error, CustomStringConvertible, Equatable {
    case unknownControllers([String])
    case cacheSyncFailed
    case leadershipLost

    public var description: String {
        switch self {
        case .unknownControllers(let names): return names.map { "\"\($0)\" is not in the list of known controllers" }.joined(separator: "; ")
        case .cacheSyncFailed: return "timed out waiting for caches to sync"
        case .leadershipLost: return "leaderelection lost"
        }
    }
}
