import Crypto
import Foundation
import SwiftASN1
import X509

/// The cluster CA: a self-signed ECDSA P-256 certificate that signs the API server's serving
/// certificate and every client certificate. Kubeconfigs carry its certificate as
/// `certificate-authority-data`, and the API server trusts client certificates it signed.
public struct CertificateAuthority: Sendable {
    public static let validity: TimeInterval = 10 * 365 * 24 * 3600
    public static let leafValidity: TimeInterval = 365 * 24 * 3600
    /// Certificates start a little in the past so a peer whose clock lags ours accepts them.
    static let backdating: TimeInterval = 5 * 60

    public let pair: CertificateKeyPair
    public var certificate: Certificate { pair.certificate }

    public init(pair: CertificateKeyPair) {
        self.pair = pair
    }

    /// Creates a new CA. The subject carries the creation time so that a regenerated CA never
    /// shares a name with the one it replaced (verifiers pick issuers by name).
    public static func generate(now: Date = Date()) throws -> CertificateAuthority {
        let signingKey = Certificate.PrivateKey(P256.Signing.PrivateKey())
        let commonName = "bosun-server-ca@\(Int(now.timeIntervalSince1970))"
        do {
            let subject = try DistinguishedName { CommonName(commonName) }
            let extensions = try Certificate.Extensions {
                Critical(BasicConstraints.isCertificateAuthority(maxPathLength: nil))
                Critical(KeyUsage(keyCertSign: true, cRLSign: true))
                SubjectKeyIdentifier(hash: signingKey.publicKey)
            }
            let certificate = try Certificate(
                version: .v3,
                serialNumber: Certificate.SerialNumber(),
                publicKey: signingKey.publicKey,
                notValidBefore: now - backdating,
                notValidAfter: now + validity,
                issuer: subject,
                subject: subject,
                signatureAlgorithm: .ecdsaWithSHA256,
                extensions: extensions,
                issuerPrivateKey: signingKey)
            return CertificateAuthority(pair: CertificateKeyPair(certificate: certificate, privateKey: signingKey))
        } catch {
            throw PKIError.issuanceFailed(subject: commonName, reason: "\(error)")
        }
    }

    /// What a leaf certificate is for; decides its extended key usage and SANs.
    enum LeafPurpose {
        case serverAuth(ServingCertificateNames)
        case clientAuth
    }

    /// Issues a leaf certificate with a fresh P-256 key.
    func issue(
        commonName: String,
        organizations: [String] = [],
        purpose: LeafPurpose,
        now: Date
    ) throws -> CertificateKeyPair {
        let key = Certificate.PrivateKey(P256.Signing.PrivateKey())
        let publicKey = key.publicKey
        do {
            // One RDN per attribute, the layout Go's pkix.Name produces, so every O is its own RDN.
            let subject = try DistinguishedName {
                for organization in organizations { OrganizationName(organization) }
                CommonName(commonName)
            }
            let authorityKeyID = try certificate.extensions.subjectKeyIdentifier?.keyIdentifier
            let extensions = try Certificate.Extensions {
                Critical(BasicConstraints.notCertificateAuthority)
                Critical(KeyUsage(digitalSignature: true))
                switch purpose {
                case .serverAuth(let names):
                    try ExtendedKeyUsage([.serverAuth])
                    SubjectAlternativeNames(names.generalNames)
                case .clientAuth:
                    try ExtendedKeyUsage([.clientAuth])
                }
                if let authorityKeyID {
                    AuthorityKeyIdentifier(keyIdentifier: authorityKeyID)
                }
            }
            let leaf = try Certificate(
                version: .v3,
                serialNumber: Certificate.SerialNumber(),
                publicKey: publicKey,
                notValidBefore: now - Self.backdating,
                notValidAfter: now + Self.leafValidity,
                issuer: certificate.subject,
                subject: subject,
                signatureAlgorithm: .ecdsaWithSHA256,
                extensions: extensions,
                issuerPrivateKey: pair.privateKey)
            return CertificateKeyPair(certificate: leaf, privateKey: key)
        } catch {
            throw PKIError.issuanceFailed(subject: commonName, reason: "\(error)")
        }
    }

    /// Whether this CA signed `leaf` (name chaining and signature, not expiry).
    public func signed(_ leaf: Certificate) -> Bool {
        leaf.issuer == certificate.subject
            && certificate.publicKey.isValidSignature(leaf.signature, for: leaf)
    }

    /// Whether a leaf signed by us is still worth keeping: it must stay valid for at least
    /// `margin` more (30 days by default), so a restart never hands out a nearly dead certificate.
    static func isFresh(_ leaf: Certificate, now: Date, margin: TimeInterval = 30 * 24 * 3600) -> Bool {
        leaf.notValidBefore <= now + backdating && leaf.notValidAfter > now + margin
    }
}
