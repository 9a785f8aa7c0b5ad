import KubeMachinery

/// core/v1 Event ↔ events.k8s.io/v1 Event. Both are one stored object (in the core shape), as
/// upstream keeps them; the events.k8s.io view renames fields and marks the old ones deprecated.
public enum EventConversion {
    /// (core field, events.k8s.io field)
    static let renames: [(String, String)] = [
        ("involvedObject", "regarding"),
        ("message", "note"),
        ("reportingComponent", "reportingController"),
        ("source", "deprecatedSource"),
        ("firstTimestamp", "deprecatedFirstTimestamp"),
        ("lastTimestamp", "deprecatedLastTimestamp"),
        ("count", "deprecatedCount"),
    ]

    public static func coreToEvents(_ obj: JSONValue) -> JSONValue {
        var out = obj
        out["apiVersion"] = "events.k8s.io/v1"
        for (core, events) in renames {
            let v = obj[core]
            out[core] = nil
            if let v, !isEmpty(v) { out[events] = v }
        }
        return out
    }

    public static func eventsToCore(_ obj: JSONValue) -> JSONValue {
        var out = obj
        out["apiVersion"] = "v1"
        for (core, events) in renames {
            let v = obj[events]
            out[events] = nil
            if let v, !isEmpty(v) { out[core] = v }
        }
        return out
    }

    private static func isEmpty(_ v: JSONValue) -> Bool {
        switch v {
        case .null: return true
        case .string(let s): return s.isEmpty
        case .object(let o): return o.isEmpty
        case .int(let i): return i == 0
        default: return false
        }
    }
}
