import Foundation
import KubeMachinery

/// Read-only access to an object's fields for printers, with Go's zero values for what is
/// missing: upstream printers work on typed structs, so an absent string prints as "" and an
/// absent count as 0. Matching that keeps our cells identical on sparse objects.
struct PrinterFields {
    let json: JSONValue

    init(_ json: JSONValue) { self.json = json }
    init(_ json: JSONValue?) { self.json = json ?? .null }

    subscript(_ path: String...) -> PrinterFields { PrinterFields(json[path: path]) }

    func value(_ path: String...) -> JSONValue? { json[path: path] }
    func string(_ path: String...) -> String { json[path: path]?.stringValue ?? "" }
    func optionalString(_ path: String...) -> String? { json[path: path]?.stringValue }
    func int(_ path: String...) -> Int64 { json[path: path]?.intValue ?? 0 }
    func optionalInt(_ path: String...) -> Int64? { json[path: path]?.intValue }
    func bool(_ path: String...) -> Bool { json[path: path]?.boolValue ?? false }
    func optionalBool(_ path: String...) -> Bool? { json[path: path]?.boolValue }
    func array(_ path: String...) -> [PrinterFields] { (json[path: path]?.arrayValue ?? []).map(PrinterFields.init) }
    func object(_ path: String...) -> [String: JSONValue] { json[path: path]?.objectValue ?? [:] }
    func timestamp(_ path: String...) -> JSONTimestamp? { JSONTimestamp(json[path: path]) }
    func exists(_ path: String...) -> Bool { !(json[path: path]?.isNull ?? true) }
    /// Element count of an array or object (Go's `len` of a slice or map).
    func count(_ path: String...) -> Int64 {
        switch json[path: path] {
        case .array(let a): return Int64(a.count)
        case .object(let o): return Int64(o.count)
        default: return 0
        }
    }

    var name: String { string("metadata", "name") }
    var isDeleting: Bool { exists("metadata", "deletionTimestamp") }
    func age(_ now: Date) -> String { HumanDuration.since(timestamp("metadata", "creationTimestamp"), now: now) }
}

/// Formatting shared by several printers, matching upstream's helpers.
enum PrintFormat {
    /// `labels.FormatLabels`: `k=v` pairs sorted by key, or `<none>`.
    static func labels(_ map: [String: JSONValue]) -> String {
        if map.isEmpty { return "<none>" }
        return map.keys.sorted().map { "\($0)=\(map[$0]?.stringValue ?? "")" }.joined(separator: ",")
    }

    /// The selector string of a `LabelSelector`, as `labels.Selector.String()` renders it:
    /// requirements sorted by key; "" for nil or empty; `nil` when the selector is invalid.
    static func selectorString(_ selector: JSONValue?) -> String? {
        guard let selector, case .object = selector else { return "" }
        var requirements: [(key: String, text: String)] = []
        for (key, value) in selector["matchLabels"]?.objectValue ?? [:] {
            requirements.append((key, "\(key)=\(value.stringValue ?? "")"))
        }
        for expr in selector["matchExpressions"]?.arrayValue ?? [] {
            let key = expr["key"]?.stringValue ?? ""
            let values = (expr["values"]?.arrayValue ?? []).compactMap(\.stringValue).sorted()
            let list = "(" + values.joined(separator: ",") + ")"
            switch expr["operator"]?.stringValue ?? "" {
            case "In": requirements.append((key, "\(key) in \(list)"))
            case "NotIn": requirements.append((key, "\(key) notin \(list)"))
            case "Exists": requirements.append((key, key))
            case "DoesNotExist": requirements.append((key, "!\(key)"))
            default: return nil
            }
        }
        // Stable on equal keys, so the output does not depend on dictionary order beyond the key.
        return requirements.enumerated()
            .sorted { ($0.element.key, $0.offset) < ($1.element.key, $1.offset) }
            .map(\.element.text).joined(separator: ",")
    }

    /// `metav1.FormatLabelSelector`: the selector string, `<none>` when it selects by nothing,
    /// `<error>` when it cannot be parsed.
    static func labelSelector(_ selector: JSONValue?) -> String {
        guard let text = selectorString(selector) else { return "<error>" }
        return text.isEmpty ? "<none>" : text
    }

    /// Container names and images, each comma-joined (the wide CONTAINERS and IMAGES cells).
    static func containers(_ podSpec: PrinterFields) -> (names: String, images: String) {
        let containers = podSpec.array("containers")
        return (containers.map { $0.string("name") }.joined(separator: ","),
                containers.map { $0.string("image") }.joined(separator: ","))
    }

    /// `IntOrString.String()`: integers in decimal, strings as they are.
    static func intOrString(_ value: JSONValue?) -> String? {
        switch value {
        case .int(let i): return String(i)
        case .double(let d): return String(Int64(d))
        case .string(let s): return s
        default: return nil
        }
    }

    /// A resource quantity as stored; a missing quantity prints as Go's zero `Quantity`, "0".
    static func quantity(_ value: JSONValue?) -> String {
        switch value {
        case .string(let s): return s
        case .int(let i): return String(i)
        case .double(let d): return String(d)
        default: return "0"
        }
    }

    /// `net.JoinHostPort`: IPv6 literals get brackets.
    static func hostPort(_ host: String, _ port: Int64) -> String {
        host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)"
    }

    /// Joins up to `max` items, then says how many more were left out; `<unset>` for none.
    static func listWithMore(_ list: [String], total: Int, max: Int) -> String {
        let shown = list.prefix(max).joined(separator: ",")
        if total > max { return "\(shown) + \(total - max) more..." }
        return shown.isEmpty ? "<unset>" : shown
    }

    /// The IPs or hostnames of a load balancer status, de-duplicated and sorted.
    static func loadBalancerIngress(_ status: PrinterFields) -> String {
        var seen = Set<String>()
        for entry in status.array("ingress") {
            let ip = entry.string("ip"), host = entry.string("hostname")
            if !ip.isEmpty { seen.insert(ip) } else if !host.isEmpty { seen.insert(host) }
        }
        return seen.sorted().joined(separator: ",")
    }

    /// `printBoolPtr`: `True`, `False` or `<unset>`.
    static func boolPointer(_ value: Bool?) -> String {
        guard let value else { return "<unset>" }
        return value ? "True" : "False"
    }
}

/// Column definitions reused by many kinds.
enum CommonColumns {
    static let name = TableColumn("Name", format: "name", description: "Name of the object, unique within its namespace (or the cluster for cluster-scoped kinds).")
    static let age = TableColumn("Age", description: "Time since the object was created.")
    static let containers = TableColumn("Containers", description: "Names of the containers in the pod template.", priority: 1)
    static let images = TableColumn("Images", description: "Images of the containers in the pod template.", priority: 1)
    static func selector(_ description: String = "Label query over the pods this object manages.") -> TableColumn {
        TableColumn("Selector", description: description, priority: 1)
    }
}
