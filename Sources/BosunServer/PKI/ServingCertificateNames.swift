import Foundation
import SwiftASN1
import X509
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The subject alternative names the API server's serving certificate must carry.
///
/// Names are normalised (DNS names lower-cased, IPs compared as bytes so "::1" and
/// "0:0:0:0:0:0:0:1" are the same) because the reuse decision on restart compares sets.
public struct ServingCertificateNames: Sendable, Hashable {
    /// The in-cluster names of the `kubernetes` Service, which pods use to reach the API.
    public static let kubernetesServiceNames = [
        "kubernetes",
        "kubernetes.default",
        "kubernetes.default.svc",
        "kubernetes.default.svc.cluster.local",
    ]

    /// Sorted, de-duplicated, lower-case DNS names.
    public let dnsNames: [String]
    /// Sorted, de-duplicated addresses: 4 bytes for IPv4, 16 for IPv6.
    public let ipAddresses: [[UInt8]]

    /// Builds a set from explicit names. Throws on an empty DNS name or an unparsable IP.
    public init(dnsNames: [String], ipAddresses: [String]) throws {
        var dns = Set<String>()
        for name in dnsNames {
            dns.insert(try Self.normalizedDNSName(name))
        }
        var ips = Set<[UInt8]>()
        for address in ipAddresses {
            guard let bytes = Self.parseIPAddress(address) else {
                throw PKIError.invalidSubjectAlternativeName(address)
            }
            ips.insert(bytes)
        }
        self.dnsNames = dns.sorted()
        self.ipAddresses = ips.sorted { $0.lexicographicallyPrecedes($1) }
    }

    /// The set `bosun server` asks for: localhost, the host name, the `kubernetes` Service
    /// names, 127.0.0.1 and ::1, plus extras (the bind address, the first service IP,
    /// `--tls-san` values). An extra DNS name that is really an IP literal is filed as an IP,
    /// and unspecified addresses (0.0.0.0, ::) are dropped: binding to "all addresses" says
    /// nothing about how clients will dial the server.
    public static func apiServer(
        hostName: String = Self.currentHostName(),
        extraDNSNames: [String] = [],
        extraIPAddresses: [String] = []
    ) throws -> ServingCertificateNames {
        var dns = ["localhost"] + kubernetesServiceNames
        if !hostName.isEmpty { dns.append(hostName) }
        var ips = ["127.0.0.1", "::1"]
        for name in extraDNSNames {
            if parseIPAddress(name) != nil { ips.append(name) } else { dns.append(name) }
        }
        for address in extraIPAddresses {
            guard let bytes = parseIPAddress(address) else {
                throw PKIError.invalidSubjectAlternativeName(address)
            }
            if bytes.allSatisfy({ $0 == 0 }) { continue }
            ips.append(address)
        }
        return try ServingCertificateNames(dnsNames: dns, ipAddresses: ips)
    }

    /// IP addresses in their canonical text form ("10.43.0.1", "::1").
    public var ipAddressStrings: [String] { ipAddresses.map(Self.formatIPAddress) }

    /// The names as X.509 general names, DNS names first.
    var generalNames: [GeneralName] {
        dnsNames.map { GeneralName.dnsName($0) }
            + ipAddresses.map { GeneralName.ipAddress(ASN1OctetString(contentBytes: $0[...])) }
    }

    /// The names a certificate carries, or an empty set when it has no SAN extension.
    static func names(in certificate: Certificate) -> (dns: Set<String>, ips: Set<[UInt8]>) {
        guard let sans = try? certificate.extensions.subjectAlternativeNames else { return ([], []) }
        var dns = Set<String>()
        var ips = Set<[UInt8]>()
        for name in sans {
            switch name {
            case .dnsName(let value): dns.insert(value.lowercased())
            case .ipAddress(let octets): ips.insert(Array(octets.bytes))
            default: continue
            }
        }
        return (dns, ips)
    }

    /// Whether `certificate` names every DNS name and IP of this set (it may name more).
    public func isCovered(by certificate: Certificate) -> Bool {
        let present = Self.names(in: certificate)
        return Set(dnsNames).isSubset(of: present.dns) && Set(ipAddresses).isSubset(of: present.ips)
    }

    public static func currentHostName() -> String {
        var buffer = [CChar](repeating: 0, count: 256)
        guard gethostname(&buffer, buffer.count) == 0 else { return "" }
        return cString(buffer).lowercased()
    }

    static func normalizedDNSName(_ name: String) throws -> String {
        let lowered = name.lowercased()
        let allowed = Set("abcdefghijklmnopqrstuvwxyz0123456789-._*")
        guard !lowered.isEmpty, lowered.allSatisfy({ allowed.contains($0) }) else {
            throw PKIError.invalidSubjectAlternativeName(name)
        }
        return lowered
    }

    /// Parses an IPv4 or IPv6 literal (IPv6 may be bracketed) into network-order bytes.
    static func parseIPAddress(_ text: String) -> [UInt8]? {
        var literal = text
        if literal.hasPrefix("["), literal.hasSuffix("]") { literal = String(literal.dropFirst().dropLast()) }
        var v4 = in_addr()
        if inet_pton(AF_INET, literal, &v4) == 1 {
            return withUnsafeBytes(of: &v4) { Array($0) }
        }
        var v6 = in6_addr()
        if inet_pton(AF_INET6, literal, &v6) == 1 {
            return withUnsafeBytes(of: &v6) { Array($0) }
        }
        return nil
    }

    static func formatIPAddress(_ bytes: [UInt8]) -> String {
        let family = bytes.count == 4 ? AF_INET : AF_INET6
        var buffer = [CChar](repeating: 0, count: Int(INET6_ADDRSTRLEN))
        let ok = bytes.withUnsafeBytes { raw in
            inet_ntop(family, raw.baseAddress, &buffer, socklen_t(buffer.count)) != nil
        }
        return ok ? cString(buffer) : bytes.map(String.init).joined(separator: ".")
    }

    private static func cString(_ buffer: [CChar]) -> String {
        String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
