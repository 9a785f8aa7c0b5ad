import Foundation
import Testing

@testable import BosunServer

@Suite("Kubeconfig rendering, writing and reading")
struct KubeconfigTests {
    static let sample = Kubeconfig(
        server: "https://127.0.0.1:6443",
        certificateAuthorityPEM: "-----BEGIN CERTIFICATE-----\nCA\n-----END CERTIFICATE-----\n",
        clientCertificatePEM: "-----BEGIN CERTIFICATE-----\nCLIENT\n-----END CERTIFICATE-----\n",
        clientKeyPEM: "-----BEGIN PRIVATE KEY-----\nKEY\n-----END PRIVATE KEY-----\n")

    @Test func renderedYAMLHasOneDefaultClusterUserAndContext() {
        let yaml = Self.sample.render()
        let lines = yaml.split(separator: "\n").map(String.init)
        #expect(lines.first == "apiVersion: v1")
        #expect(lines.contains("kind: Config"))
        #expect(lines.contains("    server: https://127.0.0.1:6443"))
        #expect(lines.contains("current-context: default"))
        #expect(lines.contains("    cluster: default"))
        #expect(lines.contains("    user: default"))
        #expect(lines.filter { $0.hasSuffix("name: default") }.count == 3)
        let caLine = "    certificate-authority-data: " + Data(Self.sample.certificateAuthorityPEM.utf8).base64EncodedString()
        #expect(lines.contains(caLine))
        #expect(!yaml.contains("\t"))
    }

    @Test(arguments: ["https://127.0.0.1:6443", "https://[::1]:6443", "https://api.example.com", "https://h:1/a b\"c"])
    func renderedKubeconfigRoundTripsThroughTheReader(server: String) throws {
        var config = Self.sample
        config.server = server
        #expect(try Kubeconfig(parsing: config.render()) == config)
    }

    @Test func writeIsPrivateAndAtomicAndReadBackEqual() throws {
        try withTemporaryDirectory { dir in
            let url = dir.appendingPathComponent("sub/kubeconfig.yaml")
            try Self.sample.write(to: url)
            #expect(try posixMode(url) == 0o600)
            #expect(try Kubeconfig.read(from: url) == Self.sample)
            // Overwriting keeps the mode and replaces the content.
            var other = Self.sample
            other.server = "https://10.0.0.1:6443"
            try other.write(to: url)
            #expect(try Kubeconfig.read(from: url).server == "https://10.0.0.1:6443")
            #expect(try posixMode(url) == 0o600)
        }
    }

    @Test func readerAcceptsKubectlStyleQuotingAndComments() throws {
        let b64 = Data("x".utf8).base64EncodedString()
        let yaml = """
            apiVersion: v1
            clusters:
            - cluster:
                server: 'https://1.2.3.4:6443' 
                certificate-authority-data: \(b64) # the CA
              name: c
            users:
            - name: u
              user:
                client-certificate-data: "\(b64)"
                client-key-data: \(b64)
            """
        let config = try Kubeconfig(parsing: yaml)
        #expect(config.server == "https://1.2.3.4:6443")
        #expect(config.certificateAuthorityPEM == "x")
        #expect(config.clientCertificatePEM == "x")
    }

    @Test(arguments: ["server", "certificate-authority-data", "client-certificate-data", "client-key-data"])
    func readerNamesTheMissingField(field: String) {
        let yaml = Self.sample.render().split(separator: "\n").filter { !$0.contains("\(field):") }.joined(separator: "\n")
        #expect(throws: KubeconfigReadError.missingField(field)) { try Kubeconfig(parsing: yaml) }
    }

    @Test func readerRejectsInvalidBase64() {
        let yaml = Self.sample.render().replacingOccurrences(
            of: "client-key-data: ", with: "client-key-data: !!notbase64")
        #expect(throws: KubeconfigReadError.invalidBase64(field: "client-key-data")) { try Kubeconfig(parsing: yaml) }
    }

    @Test func adminKubeconfigCarriesTheClusterCAAndASystemMastersClientCertificate() throws {
        try withTemporaryDirectory { tls in
            let pki = try ClusterPKI.loadOrCreate(directory: tls)
            let config = try pki.adminKubeconfig(server: "https://127.0.0.1:6443")
            let parsed = try Kubeconfig(parsing: config.render())
            let ca = try PEMFiles.certificate(fromPEM: parsed.certificateAuthorityPEM, path: "kubeconfig")
            #expect(ca == pki.certificateAuthority.certificate)
            let client = try PEMFiles.certificate(fromPEM: parsed.clientCertificatePEM, path: "kubeconfig")
            let key = try PEMFiles.privateKey(fromPEM: parsed.clientKeyPEM, path: "kubeconfig")
            #expect(client.publicKey == key.publicKey)
            #expect(ClientCertificateIdentity(certificate: client)
                == ClientCertificateIdentity(user: "system:admin", groups: ["system:masters"]))
            #expect(pki.certificateAuthority.signed(client))
        }
    }
}
