import KubeMachinery
import Synchronization

/// Allocates Service ClusterIPs from the service CIDR and NodePorts from their range.
///
/// The taken set is rebuilt from the stored Services on each allocation and held in memory
/// between allocation and commit, so two concurrent creates never get the same address.
final class ServiceAllocator: Sendable {
    private let base: UInt32
    private let size: UInt32
    private let nodePorts: ClosedRange<Int>
    private let reserved = Mutex<(ips: Set<UInt32>, ports: Set<Int>)>(([], []))

    init(serviceCIDR: String, nodePorts: ClosedRange<Int>) {
        let parts = serviceCIDR.split(separator: "/")
        let ip = IPv4.parse(String(parts[0])) ?? 0x0A2B_0000
        let bits = parts.count > 1 ? UInt32(parts[1]) ?? 16 : 16
        let mask: UInt32 = bits == 0 ? 0 : ~UInt32(0) << (32 - bits)
        self.base = ip & mask
        self.size = bits >= 32 ? 1 : (UInt32(1) << (32 - bits))
        self.nodePorts = nodePorts
    }

    /// The first address of the range: the `kubernetes` Service's.
    var firstIP: String { IPv4.format(base + 1) }

    func allocate(_ svc: inout JSONValue, existing: [JSONValue], dryRun: Bool) throws(APIError) {
        let type = svc[path: ["spec", "type"]]?.stringValue ?? "ClusterIP"
        var usedIPs = Set<UInt32>()
        var usedPorts = Set<Int>()
        for e in existing {
            for ip in (e[path: ["spec", "clusterIPs"]]?.arrayValue ?? []).compactMap({ $0.stringValue.flatMap(IPv4.parse) }) { usedIPs.insert(ip) }
            if let ip = e[path: ["spec", "clusterIP"]]?.stringValue.flatMap(IPv4.parse) { usedIPs.insert(ip) }
            for p in e[path: ["spec", "ports"]]?.arrayValue ?? [] {
                if let n = p["nodePort"]?.intValue { usedPorts.insert(Int(n)) }
            }
        }
        try reserved.withLock { r throws(APIError) in
            usedIPs.formUnion(r.ips)
            usedPorts.formUnion(r.ports)
            if type != "ExternalName" {
                let requested = svc[path: ["spec", "clusterIP"]]?.stringValue ?? ""
                if requested == "None" {
                    svc.set(["spec", "clusterIPs"], to: ["None"])
                } else if !requested.isEmpty {
                    guard let ip = IPv4.parse(requested) else {
                        throw APIError.invalid(kind: "Service", group: "", name: svc[path: ["metadata", "name"]]?.stringValue ?? "",
                                               [.invalid("spec.clusterIPs[0]", .string(requested), "must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)")])
                    }
                    guard ip > base, ip < base + size - 1 else {
                        throw APIError.invalid(kind: "Service", group: "", name: svc[path: ["metadata", "name"]]?.stringValue ?? "",
                                               [.invalid("spec.clusterIPs", .array([.string(requested)]), "failed to allocate IP \(requested): provided IP is not in the valid range. The range of valid IPs is \(IPv4.format(base))/\(32 - (size.trailingZeroBitCount))")])
                    }
                    if usedIPs.contains(ip) {
                        throw APIError.invalid(kind: "Service", group: "", name: svc[path: ["metadata", "name"]]?.stringValue ?? "",
                                               [.invalid("spec.clusterIPs", .array([.string(requested)]), "failed to allocate IP \(requested): provided IP is already allocated")])
                    }
                    svc.set(["spec", "clusterIPs"], to: [.string(requested)])
                    if !dryRun { r.ips.insert(ip) }
                } else {
                    // Start at a random offset so consecutive services spread over the range.
                    let span = size - 2
                    let startOffset = UInt32.random(in: 0..<max(span, 1))
                    var chosen: UInt32?
                    for i in 0..<span {
                        let candidate = base + 1 + (startOffset + i) % span
                        if !usedIPs.contains(candidate) { chosen = candidate; break }
                    }
                    guard let ip = chosen else {
                        throw APIError.internalError("failed to allocate a serviceIP: range is full")
                    }
                    svc.set(["spec", "clusterIP"], to: .string(IPv4.format(ip)))
                    svc.set(["spec", "clusterIPs"], to: [.string(IPv4.format(ip))])
                    if !dryRun { r.ips.insert(ip) }
                }
            }
            if type == "NodePort" || type == "LoadBalancer" {
                guard case .array(var ports)? = svc[path: ["spec", "ports"]] else { return }
                for i in ports.indices {
                    if let n = ports[i]["nodePort"]?.intValue, n != 0 {
                        let p = Int(n)
                        if !nodePorts.contains(p) {
                            throw APIError.invalid(kind: "Service", group: "", name: svc[path: ["metadata", "name"]]?.stringValue ?? "",
                                                   [.invalid("spec.ports[\(i)].nodePort", .int(n), "provided port is not in the valid range. The range of valid ports is \(nodePorts.lowerBound)-\(nodePorts.upperBound)")])
                        }
                        if usedPorts.contains(p) {
                            throw APIError.invalid(kind: "Service", group: "", name: svc[path: ["metadata", "name"]]?.stringValue ?? "",
                                                   [.invalid("spec.ports[\(i)].nodePort", .int(n), "provided port is already allocated")])
                        }
                        usedPorts.insert(p)
                        if !dryRun { r.ports.insert(p) }
                        continue
                    }
                    let count = nodePorts.count
                    let off = Int.random(in: 0..<count)
                    var chosen: Int?
                    for j in 0..<count {
                        let candidate = nodePorts.lowerBound + (off + j) % count
                        if !usedPorts.contains(candidate) { chosen = candidate; break }
                    }
                    guard let p = chosen else { throw APIError.internalError("failed to allocate a nodePort: range is full") }
                    usedPorts.insert(p)
                    if !dryRun { r.ports.insert(p) }
                    ports[i]["nodePort"] = .int(Int64(p))
                }
                svc.set(["spec", "ports"], to: .array(ports))
            }
        }
    }

    /// Forgets in-flight reservations of a Service that was stored (now visible in the cache)
    /// or that failed to store.
    func committed(_ svc: JSONValue) { release(svc) }

    func release(_ svc: JSONValue) {
        let ips = (svc[path: ["spec", "clusterIPs"]]?.arrayValue ?? []).compactMap { $0.stringValue.flatMap(IPv4.parse) }
        let ports = (svc[path: ["spec", "ports"]]?.arrayValue ?? []).compactMap { $0["nodePort"]?.intValue.map(Int.init) }
        reserved.withLock { r in
            for ip in ips { r.ips.remove(ip) }
            for p in ports { r.ports.remove(p) }
        }
    }
}

enum IPv4 {
    static func parse(_ s: String) -> UInt32? {
        let parts = s.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 4 else { return nil }
        var v: UInt32 = 0
        for p in parts {
            guard let b = UInt8(p), String(b) == p else { return nil }
            v = v << 8 | UInt32(b)
        }
        return v
    }

    static func format(_ v: UInt32) -> String {
        "\(v >> 24).\((v >> 16) & 0xFF).\((v >> 8) & 0xFF).\(v & 0xFF)"
    }
}
