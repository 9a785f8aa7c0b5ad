import Foundation
import X509

/// Reading and writing certificates and EC private keys as PEM files.
///
/// Keys are written as PKCS#8 ("PRIVATE KEY"): BoringSSL (NIOSSL), OpenSSL and Go's
/// crypto/tls (kubectl) all accept it. Reading also accepts SEC1 ("EC PRIVATE KEY") so that
/// keys produced by openssl or kubeadm can be dropped in.
public enum PEMFiles {
    public static func pem(for certificate: Certificate) throws -> String {
        do {
            return try certificate.serializeAsPEM().pemString + "\n"
        } catch {
            throw PKIError.issuanceFailed(subject: certificate.subject.description, reason: "\(error)")
        }
    }

    public static func pem(for privateKey: Certificate.PrivateKey) throws -> String {
        do {
            return try privateKey.serializeAsPEM().pemString + "\n"
        } catch {
            throw PKIError.issuanceFailed(subject: "private key", reason: "\(error)")
        }
    }

    /// Parses the first certificate in `pem`; `path` only labels errors.
    public static func certificate(fromPEM pem: String, path: String) throws -> Certificate {
        do {
            return try Certificate(pemEncoded: pem)
        } catch {
            throw PKIError.corruptFile(path: path, reason: "not a PEM certificate (\(error))")
        }
    }

    /// Parses a private key in PKCS#8 or SEC1 form; `path` only labels errors.
    public static func privateKey(fromPEM pem: String, path: String) throws -> Certificate.PrivateKey {
        do {
            return try Certificate.PrivateKey(pemEncoded: pem)
        } catch {
            throw PKIError.corruptFile(path: path, reason: "not a PEM private key (\(error))")
        }
    }

    /// Loads a certificate, or nil when the file does not exist.
    public static func readCertificate(at url: URL) throws -> Certificate? {
        guard let text = try PKIFileSystem.readText(url) else { return nil }
        return try certificate(fromPEM: text, path: url.path)
    }

    /// Loads a private key, or nil when the file does not exist.
    public static func readPrivateKey(at url: URL) throws -> Certificate.PrivateKey? {
        guard let text = try PKIFileSystem.readText(url) else { return nil }
        return try privateKey(fromPEM: text, path: url.path)
    }

    /// Writes a certificate world-readable (it is public) and atomically.
    public static func writeCertificate(_ certificate: Certificate, to url: URL) throws {
        try PKIFileSystem.writeAtomically(pem(for: certificate), to: url, mode: PKIFileSystem.publicFileMode)
    }

    /// Writes a private key with mode 0600, atomically.
    public static func writePrivateKey(_ key: Certificate.PrivateKey, to url: URL) throws {
        try PKIFileSystem.writeAtomically(pem(for: key), to: url, mode: PKIFileSystem.privateFileMode)
    }
}
