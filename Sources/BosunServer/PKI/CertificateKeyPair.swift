import Foundation
import SwiftASN1
import X509

/// A certificate together with its private key: the cluster CA itself, or a leaf it issued.
public struct CertificateKeyPair: Sendable {
    public let certificate: Certificate
    public let privateKey: Certificate.PrivateKey

    public init(certificate: Certificate, privateKey: Certificate.PrivateKey) {
        self.certificate = certificate
        self.privateKey = privateKey
    }

    public func certificatePEM() throws -> String { try PEMFiles.pem(for: certificate) }
    /// The key as PKCS#8 PEM ("PRIVATE KEY").
    public func privateKeyPEM() throws -> String { try PEMFiles.pem(for: privateKey) }

    /// DER of the certificate, e.g. for NIOSSL's `NIOSSLCertificate(bytes:format: .der)`.
    public func certificateDER() throws -> [UInt8] {
        var serializer = DER.Serializer()
        try serializer.serialize(certificate)
        return serializer.serializedBytes
    }

    /// Whether the key on disk belongs to the certificate on disk.
    var keyMatchesCertificate: Bool {
        certificate.publicKey == privateKey.publicKey
    }

    /// Writes `<base>.crt` (0644) and `<base>.key` (0600) into `directory`; key first, so a
    /// certificate on disk always has its key beside it.
    func write(to files: CertificatePairFiles) throws {
        try PEMFiles.writePrivateKey(privateKey, to: files.key)
        try PEMFiles.writeCertificate(certificate, to: files.certificate)
    }

    /// Loads a pair. Returns nil when both files are absent; throws naming the file when only
    /// one exists, a file is unreadable or corrupt, or the key does not match.
    static func load(from files: CertificatePairFiles) throws -> CertificateKeyPair? {
        let haveCert = PKIFileSystem.fileExists(files.certificate)
        let haveKey = PKIFileSystem.fileExists(files.key)
        switch (haveCert, haveKey) {
        case (false, false):
            return nil
        case (true, false):
            throw PKIError.incompletePair(present: files.certificate.path, missing: files.key.path)
        case (false, true):
            throw PKIError.incompletePair(present: files.key.path, missing: files.certificate.path)
        case (true, true):
            break
        }
        guard let certificate = try PEMFiles.readCertificate(at: files.certificate),
              let key = try PEMFiles.readPrivateKey(at: files.key)
        else { return nil }  // removed between the existence check and the read
        let pair = CertificateKeyPair(certificate: certificate, privateKey: key)
        guard pair.keyMatchesCertificate else {
            throw PKIError.keyMismatch(certificatePath: files.certificate.path, keyPath: files.key.path)
        }
        return pair
    }
}

/// Where a certificate and its key live: `<directory>/<name>.crt` and `<name>.key`.
public struct CertificatePairFiles: Sendable, Hashable {
    public let certificate: URL
    public let key: URL

    public init(directory: URL, name: String) {
        self.certificate = directory.appendingPathComponent("\(name).crt")
        self.key = directory.appendingPathComponent("\(name).key")
    }
}
