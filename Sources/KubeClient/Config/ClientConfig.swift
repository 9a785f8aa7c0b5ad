import Foundation

/// Everything a client needs to reach one API server as one user: what a kubeconfig context
/// resolves to, with every file already read.
public struct ClientConfig: Sendable, Equatable {
    /// e.g. `https://127.0.0.1:6443`.
    public var server: String
    /// PEM roots that replace the system roots; nil means the system roots.
    public var caPEM: [UInt8]?
    public var insecureSkipTLSVerify: Bool
    public var clientCertificatePEM: [UInt8]?
    public var clientKeyPEM: [UInt8]?
    public var bearerToken: String?
    /// Name sent as SNI and checked against the serving certificate, instead of the server's host.
    public var tlsServerName: String?
    /// The context's namespace, `default` when it names none.
    public var namespace: String

    public init(server: String, caPEM: [UInt8]? = nil, insecureSkipTLSVerify: Bool = false,
                clientCertificatePEM: [UInt8]? = nil, clientKeyPEM: [UInt8]? = nil, bearerToken: String? = nil,
                tlsServerName: String? = nil, namespace: String = "default") {
        self.server = server
        self.caPEM = caPEM
        self.insecureSkipTLSVerify = insecureSkipTLSVerify
        self.clientCertificatePEM = clientCertificatePEM
        self.clientKeyPEM = clientKeyPEM
        self.bearerToken = bearerToken
        self.tlsServerName = tlsServerName
        self.namespace = namespace
    }

    /// Loads a context as kubectl would: from `kubeconfigPath` if given (it must exist), else
    /// from the `:`-separated files in `$KUBECONFIG` (merged, missing ones skipped), else from
    /// `~/.kube/config`. A nil `context` means the current-context.
    public static func load(kubeconfigPath: String? = nil, context: String? = nil) throws -> ClientConfig {
        let sources = KubeconfigSources.resolve(explicitPath: kubeconfigPath,
                                                environment: ProcessInfo.processInfo.environment,
                                                homeDirectory: NSHomeDirectory())
        return try load(sources: sources, context: context)
    }

    /// Loads a context from a merge of the given files (first to define a name wins).
    public static func load(kubeconfigPaths: [String], context: String? = nil) throws -> ClientConfig {
        try load(sources: KubeconfigSources(paths: kubeconfigPaths, mustExist: false), context: context)
    }

    static func load(sources: KubeconfigSources, context: String?) throws -> ClientConfig {
        try sources.load().clientConfig(context: context)
    }
}

extension KubeconfigFile {
    /// Resolves a context (nil: the current one) to a configuration, reading the files its
    /// cluster and user name. `*-data` fields take precedence over the matching file paths.
    public func clientConfig(context requested: String? = nil) throws -> ClientConfig {
        guard let contextName = requested ?? currentContext else { throw KubeconfigError.currentContextNotSet }
        guard let ctx = contexts[contextName] else { throw KubeconfigError.contextNotFound(contextName) }
        guard let cluster = clusters[ctx.cluster] else {
            throw KubeconfigError.clusterNotFound(cluster: ctx.cluster, context: contextName)
        }
        guard let server = cluster.server else { throw KubeconfigError.noServer(cluster: ctx.cluster) }

        var config = ClientConfig(server: server, insecureSkipTLSVerify: cluster.insecureSkipTLSVerify,
                                  tlsServerName: cluster.tlsServerName,
                                  namespace: ctx.namespace ?? "default")
        config.caPEM = try cluster.certificateAuthorityData ?? cluster.certificateAuthorityPath.map(Self.readFile)

        // A context may name no user at all (anonymous access); naming a missing one is an error.
        if !ctx.user.isEmpty {
            guard let user = users[ctx.user] else { throw KubeconfigError.userNotFound(user: ctx.user, context: contextName) }
            config.clientCertificatePEM = try user.clientCertificateData ?? user.clientCertificatePath.map(Self.readFile)
            config.clientKeyPEM = try user.clientKeyData ?? user.clientKeyPath.map(Self.readFile)
            if let token = user.token {
                config.bearerToken = token
            } else if let file = user.tokenFile {
                let text = String(decoding: try Self.readFile(file), as: UTF8.self)
                config.bearerToken = text.trimmingCharacters(in: .whitespacesAndNewlines)
            }
            let hasCredentials = config.clientCertificatePEM != nil || config.bearerToken != nil
            if !hasCredentials, let mechanism = user.unsupported.first {
                throw KubeconfigError.unsupportedCredentials(user: ctx.user, mechanism: mechanism)
            }
        }
        return config
    }

    static func readFile(_ path: String) throws -> [UInt8] {
        do {
            return [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        } catch {
            throw KubeconfigError.unreadable(path: path, reason: reason(error))
        }
    }
}
