import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The few file operations the PKI needs, with the modes it needs them in.
///
/// Writes are atomic (temp file in the same directory, fsync, rename) so that a crash while
/// writing never leaves a half-written key or kubeconfig for the next start to trip over, and
/// the temp file is created with its final mode so a private key is never briefly readable
/// by others.
enum PKIFileSystem {
    static let privateFileMode: mode_t = 0o600
    static let publicFileMode: mode_t = 0o644
    static let directoryMode: mode_t = 0o700

    /// Creates `url` (and missing parents) and forces it to 0700: it holds private keys.
    static func ensurePrivateDirectory(_ url: URL) throws {
        let path = url.path
        do {
            try FileManager.default.createDirectory(
                atPath: path, withIntermediateDirectories: true,
                attributes: [.posixPermissions: Int(directoryMode)])
        } catch {
            throw PKIError.writeFailed(path: path, reason: error.localizedDescription)
        }
        if chmod(path, directoryMode) != 0 {
            throw PKIError.writeFailed(path: path, reason: lastErrorDescription())
        }
    }

    static func fileExists(_ url: URL) -> Bool {
        FileManager.default.fileExists(atPath: url.path)
    }

    /// Reads a text file. A missing file returns nil; any other failure names the file.
    static func readText(_ url: URL) throws -> String? {
        let path = url.path
        guard fileExists(url) else { return nil }
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw PKIError.unreadableFile(path: path, reason: error.localizedDescription)
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw PKIError.corruptFile(path: path, reason: "not UTF-8 text")
        }
        return text
    }

    /// Replaces `url` atomically with `contents`, leaving it with exactly `mode`.
    static func writeAtomically(_ contents: String, to url: URL, mode: mode_t) throws {
        let path = url.path
        let directory = url.deletingLastPathComponent().path
        let tempPath = "\(directory)/.\(url.lastPathComponent).tmp-\(UInt32.random(in: .min ... .max))"
        let fd = open(tempPath, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode)
        guard fd >= 0 else {
            throw PKIError.writeFailed(path: path, reason: lastErrorDescription())
        }
        var closed = false
        defer {
            if !closed { close(fd) }
        }
        do {
            // The umask may have narrowed the mode at creation; set it exactly.
            guard fchmod(fd, mode) == 0 else { throw PKIError.writeFailed(path: path, reason: lastErrorDescription()) }
            try writeAll(Array(contents.utf8), to: fd, path: path)
            guard fsync(fd) == 0 else { throw PKIError.writeFailed(path: path, reason: lastErrorDescription()) }
            closed = true
            guard close(fd) == 0 else { throw PKIError.writeFailed(path: path, reason: lastErrorDescription()) }
            guard rename(tempPath, path) == 0 else {
                throw PKIError.writeFailed(path: path, reason: lastErrorDescription())
            }
        } catch {
            unlink(tempPath)
            throw error
        }
    }

    private static func writeAll(_ bytes: [UInt8], to fd: Int32, path: String) throws {
        var offset = 0
        while offset < bytes.count {
            let written = bytes[offset...].withUnsafeBytes { buffer in
                write(fd, buffer.baseAddress, buffer.count)
            }
            if written < 0 {
                if errno == EINTR { continue }
                throw PKIError.writeFailed(path: path, reason: lastErrorDescription())
            }
            offset += written
        }
    }

    private static func lastErrorDescription() -> String {
        String(cString: strerror(errno))
    }
}
