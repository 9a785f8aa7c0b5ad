import Foundation
import Testing
import X509

@testable import BosunServer

@Suite("Issued certificates: serving and client")
struct PKICertificateTests {
    static let servingNames = try! defaultServingNames(extraIPs: ["10.43.0.1", "192.168.1.20"])

    /// Issues once for the whole table; issuing is cheap but the CA is shared state.
    static let fixture: (ca: CertificateAuthority, serving: Certificate) = {
        let ca = try! CertificateAuthority.generate()
        let serving = try! ca.issue(commonName: "kube-apiserver", purpose: .serverAuth(servingNames), now: Date())
        return (ca, serving.certificate)
    }()

    @Test(arguments: [
        ("localhost", nil), ("node-1", nil), ("kubernetes", nil), ("kubernetes.default", nil),
        ("kubernetes.default.svc", nil), ("kubernetes.default.svc.cluster.local", nil),
        (nil, "127.0.0.1"), (nil, "::1"), (nil, "10.43.0.1"), (nil, "192.168.1.20"),
    ] as [(String?, String?)])
    func servingCertificateVerifiesAgainstTheCAForEveryRequestedName(hostname: String?, ip: String?) async throws {
        let (ca, serving) = Self.fixture
        var verifier = Verifier(rootCertificates: CertificateStore([ca.certificate])) {
            RFC5280Policy()
            ServerIdentityPolicy(serverHostname: hostname, serverIP: ip)
        }
        let result = await verifier.validate(leaf: serving, intermediates: CertificateStore())
        guard case .validCertificate(let chain) = result else {
            Issue.record("not valid for \(hostname ?? ip ?? "?"): \(result)")
            return
        }
        #expect(chain.last == ca.certificate)
    }

    @Test(arguments: [("example.com", nil), (nil, "10.0.0.99")] as [(String?, String?)])
    func servingCertificateDoesNotVerifyForUnrequestedNames(hostname: String?, ip: String?) async throws {
        let (ca, serving) = Self.fixture
        var verifier = Verifier(rootCertificates: CertificateStore([ca.certificate])) {
            RFC5280Policy()
            ServerIdentityPolicy(serverHostname: hostname, serverIP: ip)
        }
        let result = await verifier.validate(leaf: serving, intermediates: CertificateStore())
        guard case .couldNotValidate = result else {
            Issue.record("unexpectedly valid for \(hostname ?? ip ?? "?")")
            return
        }
    }

    @Test func servingCertificateIsALeafForServerAuthWithDigitalSignatureForAboutAYear() throws {
        let (ca, serving) = Self.fixture
        let extensions = serving.extensions
        #expect(try extensions.extendedKeyUsage == ExtendedKeyUsage([.serverAuth]))
        #expect(try extensions.keyUsage?.digitalSignature == true)
        #expect(try extensions.keyUsage?.keyCertSign == false)
        #expect(try extensions.basicConstraints == .notCertificateAuthority)
        #expect(ca.signed(serving))
        #expect(try extensions.authorityKeyIdentifier?.keyIdentifier
            == ca.certificate.extensions.subjectKeyIdentifier?.keyIdentifier)
        let days = serving.notValidAfter.timeIntervalSince(serving.notValidBefore) / (24 * 3600)
        #expect(days > 364 && days < 366)
        let names = ServingCertificateNames.names(in: serving)
        #expect(names.dns == Set(Self.servingNames.dnsNames))
        #expect(names.ips.count == 4)
    }

    @Test(arguments: [
        ("system:admin", ["system:masters"]),
        ("system:kube-scheduler", []),
        ("jane", ["dev", "ops", "system:authenticated"]),
    ])
    func clientCertificateCarriesClientAuthAndIdentityRoundTrips(user: String, groups: [String]) throws {
        let ca = Self.fixture.ca
        let pair = try ca.issue(commonName: user, organizations: groups, purpose: .clientAuth, now: Date())
        #expect(try pair.certificate.extensions.extendedKeyUsage == ExtendedKeyUsage([.clientAuth]))
        #expect(try pair.certificate.extensions.subjectAlternativeNames == nil)
        #expect(ca.signed(pair.certificate))

        let identity = try #require(ClusterPKI.identity(fromDER: pair.certificateDER()))
        #expect(identity.user == user)
        #expect(identity.groups == groups)
    }

    @Test func identityIsNilForGarbageAndForACertificateWithoutCommonName() throws {
        #expect(ClusterPKI.identity(fromDER: [0x30, 0x03, 0x02, 0x01, 0x01]) == nil)
        #expect(ClusterPKI.identity(fromDER: []) == nil)
        let nameless = try Self.fixture.ca.issue(commonName: "", organizations: ["x"], purpose: .clientAuth, now: Date())
        #expect(ClusterPKI.identity(fromDER: try nameless.certificateDER()) == nil)
    }

    @Test func keysAreWrittenAsPKCS8AndSEC1KeysAreAlsoAccepted() throws {
        let pair = try Self.fixture.ca.issue(commonName: "k", purpose: .clientAuth, now: Date())
        let pem = try pair.privateKeyPEM()
        #expect(pem.hasPrefix("-----BEGIN PRIVATE KEY-----"))
        #expect(try PEMFiles.privateKey(fromPEM: pem, path: "k.key") == pair.privateKey)
        #expect(throws: PKIError.self) { try PEMFiles.privateKey(fromPEM: "nonsense", path: "k.key") }
    }
}

@Suite("Serving certificate names")
struct PKIServingNamesTests {
    @Test func apiServerSetHasLocalhostHostNameServiceNamesAndLoopbacks() throws {
        let names = try ServingCertificateNames.apiServer(hostName: "Node-1", extraIPAddresses: ["10.43.0.1"])
        #expect(names.dnsNames == [
            "kubernetes", "kubernetes.default", "kubernetes.default.svc",
            "kubernetes.default.svc.cluster.local", "localhost", "node-1",
        ])
        #expect(Set(names.ipAddressStrings) == ["127.0.0.1", "::1", "10.43.0.1"])
    }

    @Test func unspecifiedBindAddressesAreDroppedAndIPLiteralsInDNSExtrasBecomeIPs() throws {
        let names = try ServingCertificateNames.apiServer(
            hostName: "h", extraDNSNames: ["api.example.com", "172.16.0.5", "[fd00::1]"],
            extraIPAddresses: ["0.0.0.0", "::", "0:0:0:0:0:0:0:1"])
        #expect(names.dnsNames.contains("api.example.com"))
        #expect(!names.dnsNames.contains("172.16.0.5"))
        #expect(Set(names.ipAddressStrings) == ["127.0.0.1", "::1", "172.16.0.5", "fd00::1"])
    }

    @Test(arguments: ["10.0.0.300", "not an ip", ""])
    func invalidIPAddressesAreRejected(address: String) {
        #expect(throws: PKIError.invalidSubjectAlternativeName(address)) {
            try ServingCertificateNames.apiServer(hostName: "h", extraIPAddresses: [address])
        }
    }
}
