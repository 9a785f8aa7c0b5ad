import Foundation
import X509

/// The cluster's certificates on disk, under one private directory (`<data-dir>/tls/`):
///
///     ca.crt, ca.key                                 the cluster CA (created once, then only loaded)
///     serving-kube-apiserver.crt, .key               the API server's TLS certificate
///     client-admin.crt, .key                         CN=system:admin, O=system:masters
///
/// The CA is authoritative state: if its files are damaged, start-up fails naming the file,
/// because regenerating it would silently invalidate every kubeconfig and agent credential.
/// Leaf certificates are derived state: they are reissued whenever they are missing, damaged,
/// not signed by the CA, near expiry, or (for serving) missing a requested name.
public struct ClusterPKI: Sendable {
    public struct Files: Sendable, Hashable {
        public let directory: URL
        public let certificateAuthority: CertificatePairFiles
        public let serving: CertificatePairFiles
        public let adminClient: CertificatePairFiles

        public init(directory: URL) {
            self.directory = directory
            self.certificateAuthority = CertificatePairFiles(directory: directory, name: "ca")
            self.serving = CertificatePairFiles(directory: directory, name: "serving-kube-apiserver")
            self.adminClient = CertificatePairFiles(directory: directory, name: "client-admin")
        }
    }

    /// The identity kubectl uses as the cluster administrator; `system:masters` is bound to
    /// cluster-admin by RBAC bootstrap policy.
    public static let adminUser = "system:admin"
    public static let adminGroup = "system:masters"

    public let files: Files
    public let certificateAuthority: CertificateAuthority

    /// Opens the PKI in `directory`, creating the directory (0700) and the CA on first start.
    public static func loadOrCreate(directory: URL, now: Date = Date()) throws -> ClusterPKI {
        let files = Files(directory: directory)
        try PKIFileSystem.ensurePrivateDirectory(directory)
        if let pair = try CertificateKeyPair.load(from: files.certificateAuthority) {
            return ClusterPKI(files: files, certificateAuthority: CertificateAuthority(pair: pair))
        }
        let authority = try CertificateAuthority.generate(now: now)
        try authority.pair.write(to: files.certificateAuthority)
        return ClusterPKI(files: files, certificateAuthority: authority)
    }

    /// Returns the API server's serving certificate, reusing the one on disk when it is
    /// signed by our CA, valid for more than 30 days and names everything in `names`.
    public func ensureServingCertificate(
        names: ServingCertificateNames, now: Date = Date()
    ) throws -> LeafCertificateResult {
        try ensureLeaf(at: files.serving, now: now, extraCheck: { certificate in
            names.isCovered(by: certificate) ? nil : "requested subject alternative names changed"
        }, issue: {
            try certificateAuthority.issue(commonName: "kube-apiserver", purpose: .serverAuth(names), now: now)
        })
    }

    /// Returns the admin client certificate (`client-admin.crt/.key`), reused under the same
    /// rules as the serving certificate.
    public func ensureAdminClientCertificate(now: Date = Date()) throws -> LeafCertificateResult {
        try ensureLeaf(at: files.adminClient, now: now, extraCheck: { certificate in
            let identity = ClientCertificateIdentity(certificate: certificate)
            let expected = ClientCertificateIdentity(user: Self.adminUser, groups: [Self.adminGroup])
            return identity == expected ? nil : "subject is not \(Self.adminUser)/\(Self.adminGroup)"
        }, issue: {
            try issueClientCertificate(commonName: Self.adminUser, organizations: [Self.adminGroup], now: now)
        })
    }

    /// Issues a client certificate (EKU clientAuth) whose CN is the user name and whose O
    /// values are the groups, the convention the API server's x509 authenticator reads.
    /// Nothing is written to disk.
    public func issueClientCertificate(
        commonName: String, organizations: [String] = [], now: Date = Date()
    ) throws -> CertificateKeyPair {
        try certificateAuthority.issue(
            commonName: commonName, organizations: organizations, purpose: .clientAuth, now: now)
    }

    /// The user and groups a peer certificate asserts (CN and every O); nil when it cannot be
    /// parsed or has no CN. This does not verify the chain: the TLS handshake did that.
    public static func identity(fromDER der: [UInt8]) -> (user: String, groups: [String])? {
        guard let identity = ClientCertificateIdentity(der: der) else { return nil }
        return (identity.user, identity.groups)
    }

    /// A kubeconfig for the cluster administrator, pointing at `server`.
    public func adminKubeconfig(server: String, now: Date = Date()) throws -> Kubeconfig {
        let admin = try ensureAdminClientCertificate(now: now).pair
        return Kubeconfig(
            server: server,
            certificateAuthorityPEM: try PEMFiles.pem(for: certificateAuthority.certificate),
            clientCertificatePEM: try admin.certificatePEM(),
            clientKeyPEM: try admin.privateKeyPEM())
    }

    private func ensureLeaf(
        at pairFiles: CertificatePairFiles,
        now: Date,
        extraCheck: (Certificate) -> String?,
        issue: () throws -> CertificateKeyPair
    ) throws -> LeafCertificateResult {
        let reason: String
        do {
            if let existing = try CertificateKeyPair.load(from: pairFiles) {
                if !certificateAuthority.signed(existing.certificate) {
                    reason = "not signed by the cluster CA"
                } else if !CertificateAuthority.isFresh(existing.certificate, now: now) {
                    reason = "expired or expiring within 30 days"
                } else if let mismatch = extraCheck(existing.certificate) {
                    reason = mismatch
                } else {
                    return LeafCertificateResult(pair: existing, outcome: .reused)
                }
            } else {
                reason = "not found"
            }
        } catch let error as PKIError {
            // A damaged leaf is replaced rather than fatal: nothing depends on its old key.
            reason = error.description
        }
        let pair = try issue()
        try pair.write(to: pairFiles)
        return LeafCertificateResult(pair: pair, outcome: .issued(reason: reason))
    }
}

/// A leaf certificate from `ClusterPKI` and whether it was reused or (re)issued; the reason
/// is meant for the start-up log.
public struct LeafCertificateResult: Sendable {
    public enum Outcome: Sendable, Equatable {
        case reused
        case issued(reason: String)
    }

    public let pair: CertificateKeyPair
    public let outcome: Outcome
}
