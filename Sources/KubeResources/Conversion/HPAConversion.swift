import KubeMachinery

/// autoscaling/v1 ↔ autoscaling/v2 HorizontalPodAutoscaler. Both versions share storage in
/// v2; v1 clients see the CPU-utilization target only, as upstream's conversion shows them.
public enum HPAConversion {
    static let cpuMetricPath = ["resource", "target", "averageUtilization"]

    public static func v2ToV1(_ obj: JSONValue) -> JSONValue {
        var out = obj
        out["apiVersion"] = "autoscaling/v1"
        if var spec = obj["spec"] {
            let cpu = (spec["metrics"]?.arrayValue ?? []).first(where: isCPUUtilization)
            spec["metrics"] = nil
            spec["behavior"] = nil
            if let target = cpu?[path: cpuMetricPath] { spec["targetCPUUtilizationPercentage"] = target }
            out["spec"] = spec
        }
        if var status = obj["status"] {
            let current = (status["currentMetrics"]?.arrayValue ?? []).first {
                $0["type"]?.stringValue == "Resource" && $0[path: ["resource", "name"]]?.stringValue == "cpu"
            }
            status["currentMetrics"] = nil
            status["conditions"] = nil
            if let u = current?[path: ["resource", "current", "averageUtilization"]] { status["currentCPUUtilizationPercentage"] = u }
            out["status"] = status
        }
        return out
    }

    public static func v1ToV2(_ obj: JSONValue) -> JSONValue {
        var out = obj
        out["apiVersion"] = "autoscaling/v2"
        if var spec = obj["spec"] {
            if let target = spec["targetCPUUtilizationPercentage"] {
                spec["metrics"] = [["type": "Resource", "resource": ["name": "cpu", "target": ["type": "Utilization", "averageUtilization": target]]]]
            }
            spec["targetCPUUtilizationPercentage"] = nil
            out["spec"] = spec
        }
        if var status = obj["status"] {
            if let u = status["currentCPUUtilizationPercentage"] {
                status["currentMetrics"] = [["type": "Resource", "resource": ["name": "cpu", "current": ["averageUtilization": u]]]]
            }
            status["currentCPUUtilizationPercentage"] = nil
            out["status"] = status
        }
        return out
    }

    static func isCPUUtilization(_ m: JSONValue) -> Bool {
        m["type"]?.stringValue == "Resource" && m[path: ["resource", "name"]]?.stringValue == "cpu"
            && m[path: ["resource", "target", "type"]]?.stringValue == "Utilization"
    }
}
