import Foundation

/// A client configuration for kubectl and other Kubernetes clients: one cluster, one user and
/// one context, each named `default`, with credentials embedded as base64 `*-data` fields so
/// the file is self-contained and can be copied to another machine.
///
/// The YAML is written by hand: its shape is fixed, and every value is either base64 (which
/// never needs quoting) or the server URL (quoted when it holds anything unusual).
public struct Kubeconfig: Sendable, Hashable {
    public static let defaultName = "default"

    /// e.g. `https://127.0.0.1:6443`.
    public var server: String
    public var certificateAuthorityPEM: String
    public var clientCertificatePEM: String
    public var clientKeyPEM: String

    public init(server: String, certificateAuthorityPEM: String, clientCertificatePEM: String, clientKeyPEM: String) {
        self.server = server
        self.certificateAuthorityPEM = certificateAuthorityPEM
        self.clientCertificatePEM = clientCertificatePEM
        self.clientKeyPEM = clientKeyPEM
    }

    /// The kubeconfig as YAML, in the key order kubectl itself writes.
    public func render() -> String {
        let name = Self.defaultName
        return """
            apiVersion: v1
            kind: Config
            clusters:
            - cluster:
                certificate-authority-data: \(Self.base64(certificateAuthorityPEM))
                server: \(KubeconfigScalar.encode(server))
              name: \(name)
            contexts:
            - context:
                cluster: \(name)
                user: \(name)
              name: \(name)
            current-context: \(name)
            preferences: {}
            users:
            - name: \(name)
              user:
                client-certificate-data: \(Self.base64(clientCertificatePEM))
                client-key-data: \(Self.base64(clientKeyPEM))

            """
    }

    /// Writes the kubeconfig with mode 0600 (it holds a private key), atomically, creating
    /// the parent directory if needed.
    public func write(to url: URL) throws {
        let parent = url.deletingLastPathComponent()
        if !FileManager.default.fileExists(atPath: parent.path) {
            do {
                try FileManager.default.createDirectory(at: parent, withIntermediateDirectories: true)
            } catch {
                throw PKIError.writeFailed(path: parent.path, reason: error.localizedDescription)
            }
        }
        try PKIFileSystem.writeAtomically(render(), to: url, mode: PKIFileSystem.privateFileMode)
    }

    private static func base64(_ text: String) -> String {
        Data(text.utf8).base64EncodedString()
    }
}
