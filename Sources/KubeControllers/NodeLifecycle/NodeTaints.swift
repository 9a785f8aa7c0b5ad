import Foundation
import KubeAPI
import KubeClient
import KubeMachinery

/// A node's `spec.taints[]` entry.
public struct NodeTaint: Sendable, Hashable {
    public var key: String
    public var value: String
    /// `NoSchedule`, `PreferNoSchedule` or `NoExecute`.
    public var effect: String
    /// When a NoExecute taint was added: tolerationSeconds count from here.
    public var timeAdded: String?

    public init(key: String, value: String = "", effect: String, timeAdded: String? = nil) {
        self.key = key
        self.value = value
        self.effect = effect
        self.timeAdded = timeAdded
    }

    public init(json: JSONValue) {
        key = json["key"]?.stringValue ?? ""
        value = json["value"]?.stringValue ?? ""
        effect = json["effect"]?.stringValue ?? ""
        timeAdded = json["timeAdded"]?.stringValue
    }

    public var json: JSONValue {
        var o: [String: JSONValue] = ["key": .string(key), "effect": .string(effect)]
        if !value.isEmpty { o["value"] = .string(value) }
        if let timeAdded { o["timeAdded"] = .string(timeAdded) }
        return .object(o)
    }

    /// Same key and effect: the identity upstream's taint helpers use.
    func matches(_ other: NodeTaint) -> Bool { key == other.key && effect == other.effect }

    public static let notReady = "node.kubernetes.io/not-ready"
    public static let unreachable = "node.kubernetes.io/unreachable"
    public static let unschedulable = "node.kubernetes.io/unschedulable"
    public static let memoryPressure = "node.kubernetes.io/memory-pressure"
    public static let diskPressure = "node.kubernetes.io/disk-pressure"
    public static let pidPressure = "node.kubernetes.io/pid-pressure"
    public static let networkUnavailable = "node.kubernetes.io/network-unavailable"
}

/// A pod's `spec.tolerations[]` entry.
public struct PodToleration: Sendable, Hashable {
    public var key: String
    /// `Equal` (the default) or `Exists`.
    public var op: String
    public var value: String
    /// Empty: every effect.
    public var effect: String
    public var tolerationSeconds: Int64?

    public init(json: JSONValue) {
        key = json["key"]?.stringValue ?? ""
        op = json["operator"]?.stringValue ?? "Equal"
        value = json["value"]?.stringValue ?? ""
        effect = json["effect"]?.stringValue ?? ""
        tolerationSeconds = json["tolerationSeconds"]?.intValue
    }

    /// Upstream's `Toleration.ToleratesTaint`: effects agree (or the toleration names none),
    /// keys agree (an empty key with `Exists` matches every key), and for `Equal` the values too.
    public func tolerates(_ taint: NodeTaint) -> Bool {
        if !effect.isEmpty && effect != taint.effect { return false }
        if !key.isEmpty && key != taint.key { return false }
        switch op {
        case "Exists": return true
        case "Equal", "": return value == taint.value
        default: return false
        }
    }
}

extension Node {
    var taints: [NodeTaint] { (json["spec"]?["taints"]?.arrayValue ?? []).map(NodeTaint.init(json:)) }

    var conditions: [JSONValue] { json["status"]?["conditions"]?.arrayValue ?? [] }

    func condition(_ type: String) -> JSONValue? { conditions.first { $0["type"]?.stringValue == type } }

    /// Status of the Ready condition: "True", "False", "Unknown", or nil when never reported.
    var readyStatus: String? { condition("Ready")?["status"]?.stringValue }
}

extension Pod {
    var tolerations: [PodToleration] { (json["spec"]?["tolerations"]?.arrayValue ?? []).map(PodToleration.init(json:)) }
}

/// The taints the node lifecycle controller owns, derived from a node's conditions.
enum ConditionTaints {
    /// The NoExecute taint for a Ready status (upstream's `doNoExecuteTaintingPass`).
    static func noExecute(readyStatus: String?) -> String? {
        switch readyStatus {
        case "False": return NodeTaint.notReady
        case "Unknown": return NodeTaint.unreachable
        default: return nil  // Ready, or never reported (the grace period turns that Unknown)
        }
    }

    /// The NoSchedule taint keys a node's conditions call for (TaintNodesByCondition).
    static func noSchedule(for node: Node) -> Set<String> {
        var keys: Set<String> = []
        switch node.readyStatus {
        case "False": keys.insert(NodeTaint.notReady)
        case "Unknown": keys.insert(NodeTaint.unreachable)
        default: break
        }
        let pressure = [("MemoryPressure", NodeTaint.memoryPressure), ("DiskPressure", NodeTaint.diskPressure),
                        ("PIDPressure", NodeTaint.pidPressure), ("NetworkUnavailable", NodeTaint.networkUnavailable)]
        for (type, key) in pressure where node.condition(type)?["status"]?.stringValue == "True" { keys.insert(key) }
        if node.json["spec"]?["unschedulable"]?.boolValue == true { keys.insert(NodeTaint.unschedulable) }
        return keys
    }

    static let managedNoScheduleKeys: Set<String> = [
        NodeTaint.notReady, NodeTaint.unreachable, NodeTaint.memoryPressure, NodeTaint.diskPressure,
        NodeTaint.pidPressure, NodeTaint.networkUnavailable, NodeTaint.unschedulable,
    ]
    static let managedNoExecuteKeys: Set<String> = [NodeTaint.notReady, NodeTaint.unreachable]

    /// The node's taints with the managed ones made to match its conditions: others are kept
    /// as they are, managed ones that still apply keep their `timeAdded`. Nil when nothing changes.
    static func reconciled(_ node: Node, now: Date) -> [NodeTaint]? {
        let current = node.taints
        var wanted: [NodeTaint] = noSchedule(for: node).sorted().map { NodeTaint(key: $0, effect: "NoSchedule") }
        if let key = noExecute(readyStatus: node.readyStatus) {
            wanted.append(NodeTaint(key: key, effect: "NoExecute", timeAdded: APITimestamp.time(now)))
        }
        var result = current.filter { t in
            let managed = (t.effect == "NoSchedule" && managedNoScheduleKeys.contains(t.key))
                || (t.effect == "NoExecute" && managedNoExecuteKeys.contains(t.key))
            return !managed || wanted.contains { $0.matches(t) }
        }
        for w in wanted where !result.contains(where: { $0.matches(w) }) { result.append(w) }
        return result == current ? nil : result
    }
}
