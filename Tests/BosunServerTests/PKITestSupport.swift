import Foundation
import Testing

@testable import BosunServer

/// A fresh scratch directory per test, removed when the test's closure returns.
func withTemporaryDirectory<T>(_ body: (URL) throws -> T) throws -> T {
    let url = FileManager.default.temporaryDirectory
        .appendingPathComponent("bosun-pki-tests-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: url) }
    return try body(url)
}

/// The permission bits of a file or directory.
func posixMode(_ url: URL) throws -> Int {
    let attributes = try FileManager.default.attributesOfItem(atPath: url.path)
    return (attributes[.posixPermissions] as? NSNumber)?.intValue ?? -1
}

/// The SAN set most tests ask for: what `bosun server` requests with defaults.
func defaultServingNames(extraIPs: [String] = ["10.43.0.1"]) throws -> ServingCertificateNames {
    try ServingCertificateNames.apiServer(hostName: "node-1", extraIPAddresses: extraIPs)
}
