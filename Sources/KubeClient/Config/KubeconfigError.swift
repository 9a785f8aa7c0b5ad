/// Why no client configuration could be built from kubeconfig files. Messages follow kubectl's
/// wording where kubectl has one, so that they read the same to someone who knows it.
public enum KubeconfigError: Error, Sendable, Equatable, CustomStringConvertible {
    /// None of the candidate files exists (kubectl: "no configuration has been provided").
    case noConfiguration
    case unreadable(path: String, reason: String)
    case malformed(path: String, reason: String)
    /// A `*-data` field is not base64; `entry` is e.g. `cluster "prod"`.
    case invalidBase64(path: String, entry: String, field: String)
    case contextNotFound(String)
    case currentContextNotSet
    case clusterNotFound(cluster: String, context: String)
    case userNotFound(user: String, context: String)
    case noServer(cluster: String)
    /// The user needs a mechanism Bosun does not implement (exec plugins, auth providers, basic auth).
    case unsupportedCredentials(user: String, mechanism: String)

    public var description: String {
        switch self {
        case .noConfiguration:
            return "invalid configuration: no configuration has been provided"
        case .unreadable(let path, let reason):
            return "cannot read \(path): \(reason)"
        case .malformed(let path, let reason):
            return "error loading config file \"\(path)\": \(reason)"
        case .invalidBase64(let path, let entry, let field):
            return "error loading config file \"\(path)\": \(field) of \(entry) is not valid base64"
        case .contextNotFound(let name):
            return "context \"\(name)\" does not exist"
        case .currentContextNotSet:
            return "current-context is not set"
        case .clusterNotFound(let cluster, let context):
            return "cluster \"\(cluster)\" was not found for context \"\(context)\""
        case .userNotFound(let user, let context):
            return "user \"\(user)\" was not found for context \"\(context)\""
        case .noServer(let cluster):
            return "no server found for cluster \"\(cluster)\""
        case .unsupportedCredentials(let user, let mechanism):
            return "user \"\(user)\" authenticates with \(mechanism), which Bosun's client does not support"
        }
    }
}
