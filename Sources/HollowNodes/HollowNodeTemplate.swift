import Foundation
import KubeAPI
import KubeMachinery

/// The API objects a hollow kubelet posts for its node: the Node with its status, and the Lease.
/// Built on demand from the node's index, so nothing per node is kept but a few numbers.
struct HollowNodeTemplate: Sendable {
    let options: HollowNodeOptions

    static let kubeletVersion = "v1.33.0-bosun-hollow"
    static let containerRuntimeVersion = "hollow://1.0"
    static let leaseNamespace = "kube-node-lease"

    /// The node's InternalIP: 10.128.0.0/9 counted up by index, clear of the default pod and
    /// service ranges.
    static func internalIP(_ index: Int) -> String {
        IPv4.string(IPv4.parse("10.128.0.0")! &+ UInt32(truncatingIfNeeded: index + 1))
    }

    /// A node's pod range when the API gave it none: one /24 of 10.244.0.0/14 per node
    /// (10.244.0.0/16 alone holds only 256 nodes; beyond 1024 nodes ranges are reused).
    static func podCIDRBase(_ index: Int) -> UInt32 {
        IPv4.parse("10.244.0.0")! &+ (UInt32(index % 1024) << 8)
    }

    func labels(name: String, index: Int) -> [String: String] {
        var l = options.labels
        l["kubernetes.io/hostname"] = name
        l["kubernetes.io/os"] = "linux"
        l["kubernetes.io/arch"] = "amd64"
        l["beta.kubernetes.io/os"] = "linux"
        l["beta.kubernetes.io/arch"] = "amd64"
        if !options.zones.isEmpty { l["topology.kubernetes.io/zone"] = options.zones[index % options.zones.count] }
        return l
    }

    var taintsJSON: JSONValue {
        .array(options.taints.map { t in
            var o: [String: JSONValue] = ["key": .string(t.key), "effect": .string(t.effect.rawValue)]
            if !t.value.isEmpty { o["value"] = .string(t.value) }
            return .object(o)
        })
    }

    /// The Node as the kubelet registers it, status included.
    func node(index: Int, now: String) -> JSONValue {
        let name = options.nodeName(index)
        var spec: JSONValue = [:]
        if !options.taints.isEmpty { spec["taints"] = taintsJSON }
        return [
            "apiVersion": "v1", "kind": "Node",
            "metadata": [
                "name": .string(name), "labels": .stringMap(labels(name: name, index: index)),
                "annotations": ["node.alpha.kubernetes.io/ttl": "0", "volumes.kubernetes.io/controller-managed-attach-detach": "true"],
            ],
            "spec": spec,
            "status": status(index: index, heartbeat: now, readySince: now),
        ]
    }

    /// The full node status: conditions with this heartbeat, capacity, addresses, node info.
    func status(index: Int, heartbeat: String, readySince: String) -> JSONValue {
        let name = options.nodeName(index)
        let resources = JSONValue.stringMap(options.capacity)
        return [
            "conditions": conditions(heartbeat: heartbeat, readySince: readySince),
            "capacity": resources, "allocatable": resources,
            "addresses": [["type": "InternalIP", "address": .string(Self.internalIP(index))], ["type": "Hostname", "address": .string(name)]],
            "daemonEndpoints": ["kubeletEndpoint": ["Port": 10250]],
            "nodeInfo": [
                "architecture": "amd64", "operatingSystem": "linux", "osImage": "Bosun Hollow Node",
                "kernelVersion": "6.1.0-hollow", "kubeletVersion": .string(Self.kubeletVersion),
                "containerRuntimeVersion": .string(Self.containerRuntimeVersion),
                "machineID": .string(Self.hexID(index, salt: 0x6d61)), "systemUUID": .string(Self.uuid(index, salt: 0x7379)),
                "bootID": .string(Self.uuid(index, salt: 0x626f)),
            ],
        ]
    }

    /// The four conditions a healthy kubelet reports, in upstream's order.
    func conditions(heartbeat: String, readySince: String) -> JSONValue {
        func condition(_ type: String, _ status: String, _ reason: String, _ message: String) -> JSONValue {
            ["type": .string(type), "status": .string(status), "reason": .string(reason), "message": .string(message),
             "lastHeartbeatTime": .string(heartbeat), "lastTransitionTime": .string(readySince)]
        }
        return [
            condition("MemoryPressure", "False", "KubeletHasSufficientMemory", "kubelet has sufficient memory available"),
            condition("DiskPressure", "False", "KubeletHasNoDiskPressure", "kubelet has no disk pressure"),
            condition("PIDPressure", "False", "KubeletHasSufficientPID", "kubelet has sufficient PID available"),
            condition("Ready", "True", "KubeletReady", "kubelet is posting ready status"),
        ]
    }

    /// The node's Lease in kube-node-lease, owned by the Node so that it goes when the Node does.
    func lease(index: Int, nodeUID: String, renewTime: String) -> JSONValue {
        let name = options.nodeName(index)
        var meta: JSONValue = ["name": .string(name), "namespace": .string(Self.leaseNamespace)]
        if !nodeUID.isEmpty {
            meta["ownerReferences"] = [["apiVersion": "v1", "kind": "Node", "name": .string(name), "uid": .string(nodeUID)]]
        }
        return [
            "apiVersion": "coordination.k8s.io/v1", "kind": "Lease", "metadata": meta,
            "spec": [
                "holderIdentity": .string(name),
                "leaseDurationSeconds": .int(options.leaseDuration.components.seconds),
                "renewTime": .string(renewTime),
            ],
        ]
    }

    static func hexID(_ index: Int, salt: UInt64) -> String {
        let a = UInt64(truncatingIfNeeded: index) &* 0x9E37_79B9_7F4A_7C15 ^ salt
        return String(format: "%016llx%016llx", a, a ^ 0xA5A5_A5A5_A5A5_A5A5)
    }

    static func uuid(_ index: Int, salt: UInt64) -> String {
        let h = Array(hexID(index, salt: salt))
        return "\(String(h[0..<8]))-\(String(h[8..<12]))-\(String(h[12..<16]))-\(String(h[16..<20]))-\(String(h[20..<32]))"
    }
}

/// IPv4 addresses as numbers, for handing out node and pod addresses by index.
enum IPv4 {
    static func parse(_ s: String) -> UInt32? {
        let parts = s.split(separator: ".")
        guard parts.count == 4 else { return nil }
        var v: UInt32 = 0
        for p in parts {
            guard let b = UInt8(p) else { return nil }
            v = v << 8 | UInt32(b)
        }
        return v
    }

    static func string(_ v: UInt32) -> String {
        "\(v >> 24).\(v >> 16 & 0xFF).\(v >> 8 & 0xFF).\(v & 0xFF)"
    }

    /// The base address of a `a.b.c.d/n` CIDR, if it is IPv4.
    static func cidrBase(_ cidr: String) -> UInt32? {
        guard let slash = cidr.firstIndex(of: "/"), let bits = Int(cidr[cidr.index(after: slash)...]), (0...32).contains(bits),
              let base = parse(String(cidr[..<slash])) else { return nil }
        return bits == 0 ? 0 : base & ~((1 << (32 - UInt32(bits))) - 1)
    }
}

/// API timestamps: `metav1.Time` (seconds) and `metav1.MicroTime` (Lease renewTime).
enum APITime {
    static func seconds(_ date: Date = Date()) -> String {
        date.formatted(Date.ISO8601FormatStyle(timeZone: TimeZone(identifier: "UTC")!))
    }

    static func micro(_ date: Date = Date()) -> String {
        let whole = seconds(date)
        let micros = Int((date.timeIntervalSince1970 - date.timeIntervalSince1970.rounded(.down)) * 1_000_000)
        let fraction = String(format: "%06d", min(max(micros, 0), 999_999))
        return String(whole.dropLast()) + "." + fraction + "Z"
    }
}
