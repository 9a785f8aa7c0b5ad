import SwiftASN1
import X509

/// The user and groups a client certificate asserts, read the way Kubernetes' x509
/// authenticator reads them: the subject's CommonName is the user, each Organization a group.
public struct ClientCertificateIdentity: Sendable, Hashable {
    public let user: String
    public let groups: [String]

    public init(user: String, groups: [String]) {
        self.user = user
        self.groups = groups
    }

    /// Nil when the subject has no (or an empty) CommonName: such a certificate names nobody.
    /// When several CNs are present the last wins, as in Go's pkix.Name; groups keep their order.
    public init?(certificate: Certificate) {
        var user: String?
        var groups: [String] = []
        for rdn in certificate.subject {
            for attribute in rdn {
                guard let value = String(attribute.value) else { continue }
                switch attribute.type {
                case .RDNAttributeType.commonName: user = value
                case .RDNAttributeType.organizationName: groups.append(value)
                default: continue
                }
            }
        }
        guard let user, !user.isEmpty else { return nil }
        self.init(user: user, groups: groups)
    }

    /// Parses a DER certificate (as presented in a TLS handshake) and reads its identity.
    public init?(der: [UInt8]) {
        guard let certificate = try? Certificate(derEncoded: der) else { return nil }
        self.init(certificate: certificate)
    }
}
