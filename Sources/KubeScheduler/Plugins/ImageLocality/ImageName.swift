/// Image references as a node reports them and as a pod spells them differ in shorthand:
/// `nginx`, `nginx:latest`, `docker.io/library/nginx:latest` all name the same image. These
/// helpers give the spellings to look a pod's image up under.
enum ImageName {
    static let defaultTag = "latest"
    static let dockerHub = "docker.io"
    static let dockerHubAliases = ["docker.io/", "index.docker.io/", "registry-1.docker.io/"]

    /// Adds `:latest` when the reference has neither tag nor digest (a `:` in the registry's
    /// host:port does not count: it comes before the last `/`).
    static func withDefaultTag(_ name: String) -> String {
        let colon = name.lastIndex(of: ":"), slash = name.lastIndex(of: "/")
        if let colon, slash.map({ colon > $0 }) ?? true { return name }
        if name.contains("@") { return name }
        return name + ":" + defaultTag
    }

    /// The reference tagged, then its Docker Hub long or short form (in that order, without
    /// duplicates): `nginx` → [`nginx:latest`, `docker.io/library/nginx:latest`].
    static func lookupForms(_ name: String) -> [String] {
        let tagged = withDefaultTag(name)
        var forms = [tagged]
        if let short = dockerHubShortForm(tagged) {
            forms.append(short)
        } else if let long = dockerHubLongForm(tagged) {
            forms.append(long)
        }
        return forms
    }

    /// `docker.io/library/nginx:1` → `nginx:1`; `docker.io/me/app:1` → `me/app:1`.
    static func dockerHubShortForm(_ name: String) -> String? {
        for prefix in dockerHubAliases where name.hasPrefix(prefix) {
            let rest = String(name.dropFirst(prefix.count))
            if rest.hasPrefix("library/") { return String(rest.dropFirst("library/".count)) }
            return rest
        }
        return nil
    }

    /// `nginx:1` → `docker.io/library/nginx:1`; `me/app:1` → `docker.io/me/app:1`; nil when the
    /// first component is a registry host (has a `.` or `:`, or is `localhost`).
    static func dockerHubLongForm(_ name: String) -> String? {
        guard let slash = name.firstIndex(of: "/") else { return "\(dockerHub)/library/\(name)" }
        let first = name[..<slash]
        if first.contains(".") || first.contains(":") || first == "localhost" { return nil }
        return "\(dockerHub)/\(name)"
    }
}
