import Foundation
import Testing

@testable import BosunServer

private let openSSLPath: String? = ["/usr/bin/openssl", "/usr/local/bin/openssl", "/opt/homebrew/bin/openssl"]
    .first { FileManager.default.isExecutableFile(atPath: $0) }

private let kubectlPath: String? = ["/usr/bin/kubectl", "/usr/local/bin/kubectl"]
    .first { FileManager.default.isExecutableFile(atPath: $0) }

/// Cross-checks our output with an independent X.509 implementation when one is installed.
@Suite("PKI output accepted by openssl", .enabled(if: openSSLPath != nil, "openssl not installed"))
struct PKIOpenSSLTests {
    /// Runs openssl and returns (exit status, combined output).
    func openssl(_ arguments: [String]) throws -> (status: Int32, output: String) {
        try run(try #require(openSSLPath), arguments)
    }

    func run(_ executable: String, _ arguments: [String]) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    @Test func opensslVerifiesServingAndAdminCertificatesForTheirPurposes() throws {
        try withTemporaryDirectory { tls in
            let pki = try ClusterPKI.loadOrCreate(directory: tls)
            _ = try pki.ensureServingCertificate(names: defaultServingNames())
            _ = try pki.ensureAdminClientCertificate()
            let ca = pki.files.certificateAuthority.certificate.path

            let server = try openssl(["verify", "-CAfile", ca, "-purpose", "sslserver",
                                      "-verify_hostname", "kubernetes.default.svc", pki.files.serving.certificate.path])
            #expect(server.status == 0, "\(server.output)")
            let serverIP = try openssl(["verify", "-CAfile", ca, "-verify_ip", "10.43.0.1", pki.files.serving.certificate.path])
            #expect(serverIP.status == 0, "\(serverIP.output)")
            let wrongHost = try openssl(["verify", "-CAfile", ca, "-verify_hostname", "evil.example", pki.files.serving.certificate.path])
            #expect(wrongHost.status != 0)
            let client = try openssl(["verify", "-CAfile", ca, "-purpose", "sslclient", pki.files.adminClient.certificate.path])
            #expect(client.status == 0, "\(client.output)")
            let clientAsServer = try openssl(["verify", "-CAfile", ca, "-purpose", "sslserver", pki.files.adminClient.certificate.path])
            #expect(clientAsServer.status != 0)
        }
    }

    @Test func opensslReadsOurKeyAndOurReaderAcceptsOpensslsSEC1Key() throws {
        try withTemporaryDirectory { tls in
            let pki = try ClusterPKI.loadOrCreate(directory: tls)
            let sec1 = tls.appendingPathComponent("sec1.key")
            let converted = try openssl(["ec", "-in", pki.files.certificateAuthority.key.path, "-out", sec1.path])
            #expect(converted.status == 0, "\(converted.output)")
            let text = try String(contentsOf: sec1, encoding: .utf8)
            #expect(text.hasPrefix("-----BEGIN EC PRIVATE KEY-----"))
            #expect(try PEMFiles.privateKey(fromPEM: text, path: sec1.path) == pki.certificateAuthority.pair.privateKey)
        }
    }

    /// Go's crypto/tls (kubectl) against OpenSSL's TLS server: kubectl must trust the serving
    /// certificate through certificate-authority-data, and the server, which demands a client
    /// certificate signed by the CA, must accept the admin credentials from the kubeconfig.
    @Test(.enabled(if: kubectlPath != nil, "kubectl not installed"))
    func kubectlTrustsTheServerAndPresentsTheAdminCertificateFromOurKubeconfig() throws {
        try withTemporaryDirectory { tls in
            let pki = try ClusterPKI.loadOrCreate(directory: tls)
            _ = try pki.ensureServingCertificate(names: defaultServingNames())
            let port = Int.random(in: 20_000...40_000)
            let kubeconfig = tls.appendingPathComponent("kubeconfig")
            try pki.adminKubeconfig(server: "https://127.0.0.1:\(port)").write(to: kubeconfig)

            let server = Process()
            server.executableURL = URL(fileURLWithPath: try #require(openSSLPath))
            server.arguments = [
                "s_server", "-accept", "127.0.0.1:\(port)", "-www",
                "-cert", pki.files.serving.certificate.path, "-key", pki.files.serving.key.path,
                "-CAfile", pki.files.certificateAuthority.certificate.path, "-Verify", "1", "-verify_return_error",
            ]
            server.standardOutput = FileHandle.nullDevice
            server.standardError = FileHandle.nullDevice
            try server.run()
            // SIGKILL: s_server started through Foundation's Process ignores SIGTERM here, and a
            // test must not leave servers running after it.
            defer {
                if server.isRunning { kill(server.processIdentifier, SIGKILL) }
                server.waitUntilExit()
            }

            // Poll until the server listens; connection refused fails fast, so this is cheap.
            let deadline = Date().addingTimeInterval(15)
            var last = (status: Int32(-1), output: "")
            repeat {
                last = try run(try #require(kubectlPath), ["--kubeconfig", kubeconfig.path, "get", "--raw", "/"])
                if last.status == 0 || !last.output.contains("refused") { break }
                Thread.sleep(forTimeInterval: 0.1)
            } while Date() < deadline
            #expect(last.status == 0, "\(last.output)")
            #expect(last.output.contains("CN=system:admin"), "\(last.output)")
            #expect(last.output.contains("O=system:masters"), "\(last.output)")
        }
    }
}
