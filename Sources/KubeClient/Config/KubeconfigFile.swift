import Foundation
import Yams

/// The parts of a kubeconfig file a client needs, as named entries. File paths inside it are
/// already absolute (relative ones resolve against the file's own directory, as kubectl does),
/// and `*-data` fields are already decoded, so a merged view of several files stays correct.
///
/// (Named `KubeconfigFile` to stay clear of BosunServer's `Kubeconfig`, which writes the admin file.)
public struct KubeconfigFile: Sendable, Equatable {
    public struct Cluster: Sendable, Equatable {
        public var server: String?
        public var certificateAuthorityPath: String?
        public var certificateAuthorityData: [UInt8]?
        public var insecureSkipTLSVerify = false
        public var tlsServerName: String?
        public init() {}
    }

    public struct User: Sendable, Equatable {
        public var clientCertificatePath: String?
        public var clientCertificateData: [UInt8]?
        public var clientKeyPath: String?
        public var clientKeyData: [UInt8]?
        public var token: String?
        public var tokenFile: String?
        /// Credential mechanisms the entry uses that Bosun does not implement (`exec`, ...).
        public var unsupported: [String] = []
        public init() {}
    }

    public struct Context: Sendable, Equatable {
        public var cluster: String
        public var user: String
        public var namespace: String?
        public init(cluster: String, user: String, namespace: String? = nil) {
            self.cluster = cluster
            self.user = user
            self.namespace = namespace
        }
    }

    public var clusters: [String: Cluster] = [:]
    public var users: [String: User] = [:]
    public var contexts: [String: Context] = [:]
    public var currentContext: String?

    public init() {}

    /// Reads and parses one file.
    public static func read(path: String) throws -> KubeconfigFile {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw KubeconfigError.unreadable(path: path, reason: Self.reason(error))
        }
        let directory = (path as NSString).deletingLastPathComponent
        return try KubeconfigFile(yaml: String(decoding: data, as: UTF8.self), path: path,
                                  directory: directory.isEmpty ? "." : directory)
    }

    /// Parses kubeconfig YAML; `directory` anchors relative paths, `path` names the file in errors.
    public init(yaml: String, path: String, directory: String) throws {
        let root: Node?
        do {
            root = try Yams.compose(yaml: yaml)
        } catch {
            throw KubeconfigError.malformed(path: path, reason: "\(error)")
        }
        // An empty file is an empty configuration, as for kubectl.
        guard let root, root.null == nil else { return }
        guard root.mapping != nil else {
            throw KubeconfigError.malformed(path: path, reason: "the document is not a mapping")
        }
        let parser = EntryParser(path: path, directory: directory)
        currentContext = root["current-context"]?.string.flatMap { $0.isEmpty ? nil : $0 }

        for (name, body) in try parser.namedEntries(root, list: "clusters", body: "cluster") {
            var c = Cluster()
            c.server = parser.string(body, "server")
            c.certificateAuthorityPath = parser.path(body, "certificate-authority")
            c.certificateAuthorityData = try parser.data(body, "certificate-authority-data", entry: "cluster \"\(name)\"")
            c.insecureSkipTLSVerify = body["insecure-skip-tls-verify"]?.bool ?? false
            c.tlsServerName = parser.string(body, "tls-server-name")
            if clusters[name] == nil { clusters[name] = c }
        }
        for (name, body) in try parser.namedEntries(root, list: "users", body: "user") {
            var u = User()
            let entry = "user \"\(name)\""
            u.clientCertificatePath = parser.path(body, "client-certificate")
            u.clientCertificateData = try parser.data(body, "client-certificate-data", entry: entry)
            u.clientKeyPath = parser.path(body, "client-key")
            u.clientKeyData = try parser.data(body, "client-key-data", entry: entry)
            u.token = parser.string(body, "token")
            u.tokenFile = parser.path(body, "tokenFile")
            for mechanism in ["exec", "auth-provider", "username"] where body[mechanism] != nil {
                u.unsupported.append(mechanism == "username" ? "basic authentication" : mechanism)
            }
            if users[name] == nil { users[name] = u }
        }
        for (name, body) in try parser.namedEntries(root, list: "contexts", body: "context") {
            let c = Context(cluster: parser.string(body, "cluster") ?? "", user: parser.string(body, "user") ?? "",
                            namespace: parser.string(body, "namespace"))
            if contexts[name] == nil { contexts[name] = c }
        }
    }

    /// Folds `other` into this file with kubectl's rule for several files: the first file to
    /// define a name keeps it, and the first non-empty current-context wins.
    public mutating func merge(_ other: KubeconfigFile) {
        if currentContext == nil { currentContext = other.currentContext }
        clusters.merge(other.clusters) { first, _ in first }
        users.merge(other.users) { first, _ in first }
        contexts.merge(other.contexts) { first, _ in first }
    }

    /// The usual file errors in the operating system's words, as kubectl prints them.
    static func reason(_ error: any Error) -> String {
        if let cocoa = error as? CocoaError {
            switch cocoa.code {
            case .fileReadNoSuchFile, .fileNoSuchFile: return "No such file or directory"
            case .fileReadNoPermission: return "Permission denied"
            default: break
            }
        }
        return (error as NSError).localizedDescription
    }
}

/// Field readers for one file: names the file in errors and resolves its relative paths.
private struct EntryParser {
    let path: String
    let directory: String

    /// `- name: N` / `<body>: {...}` items of a top-level list, in file order.
    func namedEntries(_ root: Node, list: String, body: String) throws -> [(String, Node)] {
        guard let node = root[list], node.null == nil else { return [] }
        guard let items = node.sequence else {
            throw KubeconfigError.malformed(path: path, reason: "\(list) is not a list")
        }
        var out: [(String, Node)] = []
        for item in items {
            guard let name = item["name"]?.string, !name.isEmpty else {
                throw KubeconfigError.malformed(path: path, reason: "an entry of \(list) has no name")
            }
            out.append((name, item[body] ?? [:]))
        }
        return out
    }

    func string(_ node: Node, _ key: String) -> String? {
        guard let s = node[key]?.string, !s.isEmpty else { return nil }
        return s
    }

    /// A file path, absolute after resolving against the kubeconfig's directory.
    func path(_ node: Node, _ key: String) -> String? {
        guard let p = string(node, key) else { return nil }
        return p.hasPrefix("/") ? p : directory + "/" + p
    }

    func data(_ node: Node, _ key: String, entry: String) throws -> [UInt8]? {
        guard let text = string(node, key) else { return nil }
        // Base64 may be wrapped over lines; anything else that is not base64 is an error.
        let compact = text.filter { !$0.isWhitespace }
        guard let decoded = Data(base64Encoded: compact) else {
            throw KubeconfigError.invalidBase64(path: path, entry: entry, field: key)
        }
        return [UInt8](decoded)
    }
}
