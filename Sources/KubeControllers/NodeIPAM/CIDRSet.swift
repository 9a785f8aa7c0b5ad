/// The per-node blocks of an IPv4 cluster CIDR and which of them are taken (upstream's
/// `cidrset`): `10.42.0.0/16` with mask 24 holds 256 blocks `10.42.N.0/24`. Allocation
/// scans onward from the last block handed out, so a released block is not reused at once.
struct CIDRSet: Sendable {
    enum Failure: Error, Equatable, CustomStringConvertible {
        case invalidCIDR(String)
        case maskTooSmall(cluster: Int, node: Int)
        case full
        case outOfRange(String)

        var description: String {
            switch self {
            case .invalidCIDR(let s): return "invalid CIDR \"\(s)\""
            case .maskTooSmall(let c, let n): return "node CIDR mask /\(n) must be at least as long as the cluster CIDR mask /\(c) (and at most /32)"
            case .full: return "CIDR allocation failed; there are no remaining CIDRs left to allocate in the accepted range"
            case .outOfRange(let s): return "CIDR \(s) is not a node block of the cluster CIDR"
            }
        }
    }

    let base: UInt32
    let clusterMask: Int
    let nodeMask: Int
    private var used: [Bool]
    private var next = 0

    var capacity: Int { used.count }
    var allocatedCount: Int { used.lazy.filter { $0 }.count }

    init(clusterCIDR: String, nodeMaskSize: Int) throws(Failure) {
        guard let (ip, mask) = Self.parse(clusterCIDR) else { throw .invalidCIDR(clusterCIDR) }
        // Upstream refuses sets of more than 2^16 blocks; so do we, to keep the bitmap small.
        guard nodeMaskSize >= mask, nodeMaskSize <= 32, nodeMaskSize - mask <= 16 else {
            throw .maskTooSmall(cluster: mask, node: nodeMaskSize)
        }
        clusterMask = mask
        nodeMask = nodeMaskSize
        base = mask == 0 ? 0 : ip & (UInt32.max << (32 - mask))
        used = Array(repeating: false, count: 1 << (nodeMaskSize - mask))
    }

    /// Takes the next free block.
    mutating func allocate() throws(Failure) -> String {
        for step in 0..<used.count {
            let i = (next + step) % used.count
            if !used[i] {
                used[i] = true
                next = (i + 1) % used.count
                return block(i)
            }
        }
        throw .full
    }

    /// Marks a block taken (one a node already has).
    mutating func occupy(_ cidr: String) throws(Failure) {
        used[try index(of: cidr)] = true
    }

    mutating func release(_ cidr: String) throws(Failure) {
        used[try index(of: cidr)] = false
    }

    func isAllocated(_ cidr: String) -> Bool {
        guard let i = try? index(of: cidr) else { return false }
        return used[i]
    }

    private func block(_ i: Int) -> String {
        let ip = base + (UInt32(i) << UInt32(32 - nodeMask))
        return "\(ip >> 24).\((ip >> 16) & 0xFF).\((ip >> 8) & 0xFF).\(ip & 0xFF)/\(nodeMask)"
    }

    private func index(of cidr: String) throws(Failure) -> Int {
        guard let (ip, mask) = Self.parse(cidr), mask == nodeMask else { throw .outOfRange(cidr) }
        let offset = Int64(ip) - Int64(base)
        let size = Int64(1) << Int64(32 - nodeMask)
        guard offset >= 0, offset % size == 0, offset / size < Int64(used.count) else { throw .outOfRange(cidr) }
        return Int(offset / size)
    }

    /// `a.b.c.d/n` as an address and mask length.
    static func parse(_ cidr: String) -> (UInt32, Int)? {
        let parts = cidr.split(separator: "/")
        guard parts.count == 2, let mask = Int(parts[1]), (0...32).contains(mask) else { return nil }
        let octets = parts[0].split(separator: ".", omittingEmptySubsequences: false)
        guard octets.count == 4 else { return nil }
        var ip: UInt32 = 0
        for o in octets {
            guard let v = UInt32(o), v <= 255 else { return nil }
            ip = ip << 8 | v
        }
        return (ip, mask)
    }
}
