import Foundation

/// Which kubeconfig files a client reads, in kubectl's order of precedence: an explicit path
/// (which must exist), else `$KUBECONFIG` (several files, `:`-separated, missing ones skipped),
/// else `~/.kube/config`.
struct KubeconfigSources: Sendable, Equatable {
    var paths: [String]
    /// True for an explicit path: its absence is an error rather than "no configuration".
    var mustExist: Bool

    static func resolve(explicitPath: String?, environment: [String: String], homeDirectory: String) -> KubeconfigSources {
        if let explicitPath, !explicitPath.isEmpty {
            return KubeconfigSources(paths: [explicitPath], mustExist: true)
        }
        if let list = environment["KUBECONFIG"], !list.isEmpty {
            var seen = Set<String>()
            let paths = list.split(separator: ":").map(String.init).filter { !$0.isEmpty && seen.insert($0).inserted }
            return KubeconfigSources(paths: paths, mustExist: false)
        }
        return KubeconfigSources(paths: [homeDirectory + "/.kube/config"], mustExist: false)
    }

    /// Reads and merges the files; the first file to define a name keeps it.
    func load() throws -> KubeconfigFile {
        var merged = KubeconfigFile()
        var found = false
        for path in paths {
            if !mustExist && !FileManager.default.fileExists(atPath: path) { continue }
            merged.merge(try KubeconfigFile.read(path: path))
            found = true
        }
        if !found { throw KubeconfigError.noConfiguration }
        return merged
    }
}
