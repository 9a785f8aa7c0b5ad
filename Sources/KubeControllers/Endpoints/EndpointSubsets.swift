import KubeAPI
import KubeMachinery

/// An Endpoints object's `subsets`, in a canonical form: every address sits in the one subset
/// whose port set is exactly the ports it serves (upstream's `RepackSubsets`), and addresses,
/// ports and subsets are sorted. Two computations of the same state compare equal, which is
/// how the controller knows it has nothing to write.
struct EndpointSubsets: Sendable, Hashable {
    struct Address: Sendable, Hashable {
        var ip: String
        var hostname: String?
        var nodeName: String?
        var targetRef: JSONValue?

        var json: JSONValue {
            var o: [String: JSONValue] = ["ip": .string(ip)]
            if let hostname { o["hostname"] = .string(hostname) }
            if let nodeName { o["nodeName"] = .string(nodeName) }
            if let targetRef { o["targetRef"] = targetRef }
            return .object(o)
        }

        init(ip: String, hostname: String? = nil, nodeName: String? = nil, targetRef: JSONValue? = nil) {
            self.ip = ip
            self.hostname = hostname
            self.nodeName = nodeName
            self.targetRef = targetRef
        }

        init(json: JSONValue) {
            ip = json["ip"]?.stringValue ?? ""
            hostname = json["hostname"]?.stringValue
            nodeName = json["nodeName"]?.stringValue
            // Only the fields the controller writes: a server may add resourceVersion etc.
            targetRef = json["targetRef"].map { ref in
                var o: [String: JSONValue] = [:]
                for k in ["kind", "namespace", "name", "uid"] { if let v = ref[k] { o[k] = v } }
                return .object(o)
            }
        }

        /// Sort key: IP, then the target's uid (two pods may briefly share an IP).
        var sortKey: String { ip + "/" + (targetRef?["uid"]?.stringValue ?? "") }
    }

    struct Port: Sendable, Hashable {
        var name: String
        var port: Int64
        var proto: String
        var appProtocol: String?

        var json: JSONValue {
            var o: [String: JSONValue] = ["port": .int(port), "protocol": .string(proto)]
            if !name.isEmpty { o["name"] = .string(name) }
            if let appProtocol { o["appProtocol"] = .string(appProtocol) }
            return .object(o)
        }

        init(name: String, port: Int64, proto: String, appProtocol: String? = nil) {
            self.name = name
            self.port = port
            self.proto = proto
            self.appProtocol = appProtocol
        }

        init(json: JSONValue) {
            self.init(name: json["name"]?.stringValue ?? "", port: json["port"]?.intValue ?? 0,
                      proto: json["protocol"]?.stringValue ?? "TCP", appProtocol: json["appProtocol"]?.stringValue)
        }

        static func < (a: Port, b: Port) -> Bool {
            (a.name, a.port, a.proto) < (b.name, b.port, b.proto)
        }
    }

    struct Subset: Sendable, Hashable {
        var addresses: [Address]
        var notReadyAddresses: [Address]
        var ports: [Port]

        var json: JSONValue {
            var o: [String: JSONValue] = [:]
            if !addresses.isEmpty { o["addresses"] = .array(addresses.map(\.json)) }
            if !notReadyAddresses.isEmpty { o["notReadyAddresses"] = .array(notReadyAddresses.map(\.json)) }
            if !ports.isEmpty { o["ports"] = .array(ports.map(\.json)) }
            return .object(o)
        }
    }

    private(set) var subsets: [Subset]

    var json: JSONValue { .array(subsets.map(\.json)) }
    var isEmpty: Bool { subsets.isEmpty }

    /// Repacks `(address, ready, ports)` entries: an address listed for several ports ends up
    /// once, in the subset of its full port set; a ready entry wins over a not-ready one.
    init(entries: [(address: Address, ready: Bool, ports: [Port])]) {
        var portsByAddress: [Address: Set<Port>] = [:]
        var readiness: [Address: Bool] = [:]
        var order: [Address] = []
        for e in entries {
            if portsByAddress[e.address] == nil { order.append(e.address) }
            portsByAddress[e.address, default: []].formUnion(e.ports)
            readiness[e.address] = (readiness[e.address] ?? false) || e.ready
        }
        var bySet: [[Port]: Subset] = [:]
        for address in order {
            let ports = portsByAddress[address, default: []].sorted(by: <)
            var subset = bySet[ports] ?? Subset(addresses: [], notReadyAddresses: [], ports: ports)
            if readiness[address] == true { subset.addresses.append(address) } else { subset.notReadyAddresses.append(address) }
            bySet[ports] = subset
        }
        subsets = Self.sorted(Array(bySet.values))
    }

    /// The subsets stored in an Endpoints object, canonicalised the same way.
    init(json: JSONValue?) {
        var entries: [(address: Address, ready: Bool, ports: [Port])] = []
        for s in json?.arrayValue ?? [] {
            let ports = (s["ports"]?.arrayValue ?? []).map(Port.init(json:))
            for a in s["addresses"]?.arrayValue ?? [] { entries.append((Address(json: a), true, ports)) }
            for a in s["notReadyAddresses"]?.arrayValue ?? [] { entries.append((Address(json: a), false, ports)) }
        }
        self.init(entries: entries)
    }

    private static func sorted(_ subsets: [Subset]) -> [Subset] {
        subsets.map { s in
            Subset(addresses: s.addresses.sorted { $0.sortKey < $1.sortKey },
                   notReadyAddresses: s.notReadyAddresses.sorted { $0.sortKey < $1.sortKey }, ports: s.ports)
        }.sorted { a, b in
            let ka = a.ports.map { "\($0.name):\($0.port)/\($0.proto)" }.joined(separator: ",")
            let kb = b.ports.map { "\($0.name):\($0.port)/\($0.proto)" }.joined(separator: ",")
            return ka < kb
        }
    }
}
