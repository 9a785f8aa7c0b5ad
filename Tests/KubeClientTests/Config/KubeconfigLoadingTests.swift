import Foundation
import Testing

@testable import KubeClient

/// Kubeconfig parsing, merging and context resolution, on files in a scratch directory.
@Suite struct KubeconfigLoadingTests {
    static let caPEM = "-----BEGIN CERTIFICATE-----\nCA\n-----END CERTIFICATE-----\n"
    static let certPEM = "-----BEGIN CERTIFICATE-----\nCLIENT\n-----END CERTIFICATE-----\n"
    static let keyPEM = "-----BEGIN EC PRIVATE KEY-----\nKEY\n-----END EC PRIVATE KEY-----\n"

    static func b64(_ s: String) -> String { Data(s.utf8).base64EncodedString() }

    /// A scratch directory holding the given files; removed afterwards.
    @discardableResult
    static func withFiles<T>(_ files: [String: String], _ body: (String) throws -> T) throws -> T {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("kubeconfig-tests-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir + "/sub", withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        for (name, text) in files { try text.write(toFile: dir + "/" + name, atomically: true, encoding: .utf8) }
        return try body(dir)
    }

    static func kubeconfig(cluster: String = "c", server: String = "https://10.0.0.1:6443", clusterFields: String = "",
                           user: String = "u", userFields: String = "", contexts: String? = nil, current: String? = "ctx") -> String {
        var y = """
            apiVersion: v1
            kind: Config
            clusters:
            - name: \(cluster)
              cluster:
                server: \(server)
            \(clusterFields)
            users:
            - name: \(user)
              user:
            \(userFields.isEmpty ? "    {}" : userFields)
            contexts:

            """
        y += contexts ?? """
            - name: ctx
              context:
                cluster: \(cluster)
                user: \(user)

            """
        if let current { y += "current-context: \(current)\n" }
        return y
    }

    @Test func dataFieldsAreDecodedFromBase64() throws {
        let yaml = Self.kubeconfig(
            clusterFields: "    certificate-authority-data: \(Self.b64(Self.caPEM))\n    tls-server-name: api.internal",
            userFields: "    client-certificate-data: \(Self.b64(Self.certPEM))\n    client-key-data: \(Self.b64(Self.keyPEM))")
        let config = try Self.withFiles(["config": yaml]) { dir in try ClientConfig.load(kubeconfigPath: dir + "/config") }
        #expect(config.server == "https://10.0.0.1:6443")
        #expect(config.caPEM == Array(Self.caPEM.utf8))
        #expect(config.clientCertificatePEM == Array(Self.certPEM.utf8))
        #expect(config.clientKeyPEM == Array(Self.keyPEM.utf8))
        #expect(config.tlsServerName == "api.internal")
        #expect(config.insecureSkipTLSVerify == false)
        #expect(config.bearerToken == nil)
        #expect(config.namespace == "default")
    }

    @Test func relativeFilePathsResolveAgainstTheKubeconfigsDirectory() throws {
        let yaml = Self.kubeconfig(
            clusterFields: "    certificate-authority: ca.crt",
            userFields: "    client-certificate: sub/client.crt\n    client-key: sub/client.key\n    tokenFile: token")
        let files = ["sub/config": yaml, "sub/ca.crt": Self.caPEM, "sub/sub/client.crt": Self.certPEM,
                     "sub/sub/client.key": Self.keyPEM, "sub/token": "  s3cret\n"]
        let config = try Self.withFiles([:]) { dir in
            try FileManager.default.createDirectory(atPath: dir + "/sub/sub", withIntermediateDirectories: true)
            for (name, text) in files { try text.write(toFile: dir + "/" + name, atomically: true, encoding: .utf8) }
            return try ClientConfig.load(kubeconfigPath: dir + "/sub/config")
        }
        #expect(config.caPEM == Array(Self.caPEM.utf8))
        #expect(config.clientCertificatePEM == Array(Self.certPEM.utf8))
        #expect(config.clientKeyPEM == Array(Self.keyPEM.utf8))
        #expect(config.bearerToken == "s3cret", "the token file is read and trimmed")
    }

    @Test func dataFieldsWinOverFilePathsAndTokenOverTokenFile() throws {
        let yaml = Self.kubeconfig(
            clusterFields: "    certificate-authority: missing-ca.crt\n    certificate-authority-data: \(Self.b64(Self.caPEM))",
            userFields: "    token: inline\n    tokenFile: missing-token")
        let config = try Self.withFiles(["config": yaml]) { dir in try ClientConfig.load(kubeconfigPath: dir + "/config") }
        #expect(config.caPEM == Array(Self.caPEM.utf8))
        #expect(config.bearerToken == "inline")
    }

    @Test func theContextsNamespaceAndAnExplicitContextAreHonoured() throws {
        let contexts = """
            - name: ctx
              context: {cluster: c, user: u}
            - name: team
              context: {cluster: c, user: u, namespace: team-a}

            """
        let yaml = Self.kubeconfig(userFields: "    token: t", contexts: contexts)
        try Self.withFiles(["config": yaml]) { (dir: String) throws in
            #expect(try ClientConfig.load(kubeconfigPath: dir + "/config").namespace == "default")
            #expect(try ClientConfig.load(kubeconfigPath: dir + "/config", context: "team").namespace == "team-a")
        }
    }

    @Test func severalFilesMergeWithTheFirstDefinitionWinning() throws {
        // The first file has no current-context; the second sets it and redefines cluster "c".
        let first = Self.kubeconfig(server: "https://first:6443", userFields: "    token: from-first", current: nil)
        let second = Self.kubeconfig(server: "https://second:6443", userFields: "    token: from-second",
                                     contexts: "- name: other\n  context: {cluster: c, user: u, namespace: ns2}\n",
                                     current: "ctx")
        try Self.withFiles(["a": first, "b": second]) { (dir: String) throws in
            let env = ["KUBECONFIG": "\(dir)/a::\(dir)/does-not-exist:\(dir)/b"]
            let sources = KubeconfigSources.resolve(explicitPath: nil, environment: env, homeDirectory: "/nonexistent")
            let config = try ClientConfig.load(sources: sources, context: nil)
            #expect(config.server == "https://first:6443")
            #expect(config.bearerToken == "from-first")
            let other = try ClientConfig.load(sources: sources, context: "other")
            #expect(other.namespace == "ns2", "names only the second file defines are still found")
            #expect(other.server == "https://first:6443")
        }
    }

    struct SourceCase: Sendable, CustomTestStringConvertible {
        var explicit: String?
        var env: [String: String]
        var paths: [String]
        var mustExist: Bool
        var testDescription: String { "explicit=\(explicit ?? "nil") env=\(env)" }
    }

    @Test(arguments: [
        SourceCase(explicit: "/x/config", env: ["KUBECONFIG": "/a:/b"], paths: ["/x/config"], mustExist: true),
        SourceCase(explicit: nil, env: ["KUBECONFIG": "/a::/b:/a"], paths: ["/a", "/b"], mustExist: false),
        SourceCase(explicit: nil, env: [:], paths: ["/home/me/.kube/config"], mustExist: false),
        SourceCase(explicit: "", env: ["KUBECONFIG": ""], paths: ["/home/me/.kube/config"], mustExist: false),
    ])
    func filesAreChosenInKubectlsOrder(_ c: SourceCase) {
        let s = KubeconfigSources.resolve(explicitPath: c.explicit, environment: c.env, homeDirectory: "/home/me")
        #expect(s.paths == c.paths)
        #expect(s.mustExist == c.mustExist)
    }

    struct ErrorCase: Sendable, CustomTestStringConvertible {
        var name: String
        var yaml: String
        var context: String?
        var expected: @Sendable (String) -> KubeconfigError
        var testDescription: String { name }
    }

    static let errorCases: [ErrorCase] = [
        ErrorCase(name: "context names a user that does not exist",
                  yaml: kubeconfig(contexts: "- name: ctx\n  context: {cluster: c, user: ghost}\n"),
                  expected: { _ in .userNotFound(user: "ghost", context: "ctx") }),
        ErrorCase(name: "context names a cluster that does not exist",
                  yaml: kubeconfig(contexts: "- name: ctx\n  context: {cluster: nowhere, user: u}\n"),
                  expected: { _ in .clusterNotFound(cluster: "nowhere", context: "ctx") }),
        ErrorCase(name: "certificate-authority-data is not base64",
                  yaml: kubeconfig(clusterFields: "    certificate-authority-data: not*base64!"),
                  expected: { dir in .invalidBase64(path: dir + "/config", entry: "cluster \"c\"", field: "certificate-authority-data") }),
        ErrorCase(name: "client-key-data is not base64",
                  yaml: kubeconfig(userFields: "    client-key-data: '%%%'"),
                  expected: { dir in .invalidBase64(path: dir + "/config", entry: "user \"u\"", field: "client-key-data") }),
        ErrorCase(name: "requested context does not exist", yaml: kubeconfig(), context: "missing",
                  expected: { _ in .contextNotFound("missing") }),
        ErrorCase(name: "no current-context and none requested", yaml: kubeconfig(current: nil),
                  expected: { _ in .currentContextNotSet }),
        ErrorCase(name: "cluster without a server", yaml: kubeconfig(server: "''"),
                  expected: { _ in .noServer(cluster: "c") }),
        ErrorCase(name: "certificate-authority file is missing", yaml: kubeconfig(clusterFields: "    certificate-authority: nope.crt"),
                  expected: { dir in .unreadable(path: dir + "/nope.crt", reason: "No such file or directory") }),
        ErrorCase(name: "user authenticates with an exec plugin",
                  yaml: kubeconfig(userFields: "    exec: {command: aws, apiVersion: client.authentication.k8s.io/v1}"),
                  expected: { _ in .unsupportedCredentials(user: "u", mechanism: "exec") }),
    ]

    @Test(arguments: errorCases)
    func unusableConfigurationsFailWithAClearError(_ c: ErrorCase) throws {
        try Self.withFiles(["config": c.yaml]) { (dir: String) throws in
            #expect(throws: c.expected(dir)) { try ClientConfig.load(kubeconfigPath: dir + "/config", context: c.context) }
        }
    }

    @Test func anExplicitPathThatDoesNotExistIsUnreadableButMissingDefaultsMeanNoConfiguration() throws {
        let error = #expect(throws: KubeconfigError.self) { try ClientConfig.load(kubeconfigPath: "/nonexistent/kubeconfig") }
        guard case .unreadable(let path, _) = error else {
            Issue.record("expected unreadable, got \(String(describing: error))")
            return
        }
        #expect(path == "/nonexistent/kubeconfig")
        #expect(throws: KubeconfigError.noConfiguration) {
            try ClientConfig.load(kubeconfigPaths: ["/nonexistent/a", "/nonexistent/b"])
        }
    }

    @Test func malformedYAMLNamesTheFile() throws {
        try Self.withFiles(["config": "clusters: [unclosed"]) { (dir: String) throws in
            let error = #expect(throws: KubeconfigError.self) { try ClientConfig.load(kubeconfigPath: dir + "/config") }
            guard case .malformed(let path, _) = error else {
                Issue.record("expected malformed, got \(String(describing: error))")
                return
            }
            #expect(path == dir + "/config")
        }
    }

    @Test func errorMessagesReadLikeKubectls() {
        #expect(KubeconfigError.contextNotFound("prod").description == "context \"prod\" does not exist")
        #expect(KubeconfigError.userNotFound(user: "x", context: "y").description == "user \"x\" was not found for context \"y\"")
        #expect(KubeconfigError.noConfiguration.description == "invalid configuration: no configuration has been provided")
    }
}
