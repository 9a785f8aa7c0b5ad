import Foundation

/// Failures of the cluster PKI. Every case that concerns a file names it, because the
/// operator's fix is nearly always "look at (or delete) that file".
public enum PKIError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The file exists but could not be read (permissions, I/O error).
    case unreadableFile(path: String, reason: String)
    /// The file was read but does not hold what it should (bad PEM, wrong block type, bad DER).
    case corruptFile(path: String, reason: String)
    /// One half of a certificate/key pair is present and the other is missing. The CA is never
    /// regenerated in this state: doing so would silently invalidate every issued credential.
    case incompletePair(present: String, missing: String)
    /// The certificate and key files both parse but the key does not belong to the certificate.
    case keyMismatch(certificatePath: String, keyPath: String)
    /// A file or directory could not be written.
    case writeFailed(path: String, reason: String)
    /// A caller-supplied subject alternative name is not a valid IP address or DNS name.
    case invalidSubjectAlternativeName(String)
    /// Signing or encoding a certificate failed inside the X.509 library.
    case issuanceFailed(subject: String, reason: String)

    public var description: String {
        switch self {
        case .unreadableFile(let path, let reason):
            return "cannot read \(path): \(reason)"
        case .corruptFile(let path, let reason):
            return "\(path) is corrupt: \(reason); fix or remove it (removing the CA invalidates every issued certificate)"
        case .incompletePair(let present, let missing):
            return "\(present) exists but \(missing) is missing; restore \(missing) or remove both to create a new CA"
        case .keyMismatch(let certificatePath, let keyPath):
            return "private key \(keyPath) does not match certificate \(certificatePath)"
        case .writeFailed(let path, let reason):
            return "cannot write \(path): \(reason)"
        case .invalidSubjectAlternativeName(let name):
            return "invalid subject alternative name \"\(name)\""
        case .issuanceFailed(let subject, let reason):
            return "cannot issue certificate for \(subject): \(reason)"
        }
    }
}
