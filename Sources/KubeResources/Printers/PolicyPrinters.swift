import Foundation
import KubeMachinery

// Printers of PodDisruptionBudget and HorizontalPodAutoscaler.

extension BuiltinPrinters {
    public static let podDisruptionBudget = TablePrinter(
        columns: [
            CommonColumns.name,
            TableColumn("Min Available", description: "Pods that must stay available, as a number or percentage."),
            TableColumn("Max Unavailable", description: "Pods that may be unavailable, as a number or percentage."),
            TableColumn("Allowed Disruptions", type: "integer", description: "Pods that may be evicted right now."),
            CommonColumns.age,
        ],
        cells: { object, now in
            let pdb = PrinterFields(object)
            return [
                .string(pdb.name),
                .string(PrintFormat.intOrString(pdb.value("spec", "minAvailable")) ?? "N/A"),
                .string(PrintFormat.intOrString(pdb.value("spec", "maxUnavailable")) ?? "N/A"),
                .int(pdb.int("status", "disruptionsAllowed")),
                .string(pdb.age(now)),
            ]
        }
    )

    /// Serves autoscaling/v2 and autoscaling/v1 objects alike; v1's CPU percentage fields are read
    /// as the one Resource metric they stand for.
    public static let horizontalPodAutoscaler = TablePrinter(
        columns: [
            CommonColumns.name,
            TableColumn("Reference", description: "The scaled object, as Kind/name."),
            TableColumn("Targets", description: "Current over target value of the first metrics."),
            TableColumn("MinPods", description: "The lower replica bound."),
            TableColumn("MaxPods", description: "The upper replica bound."),
            TableColumn("Replicas", description: "Replicas the autoscaler last observed."),
            CommonColumns.age,
        ],
        cells: { object, now in
            let hpa = PrinterFields(object)
            let (specs, statuses) = hpaMetrics(hpa)
            return [
                .string(hpa.name),
                .string("\(hpa.string("spec", "scaleTargetRef", "kind"))/\(hpa.string("spec", "scaleTargetRef", "name"))"),
                .string(HPAMetricsFormat.targets(specs: specs, statuses: statuses)),
                .string(hpa.optionalInt("spec", "minReplicas").map { String($0) } ?? "<unset>"),
                .int(hpa.int("spec", "maxReplicas")),
                .int(hpa.int("status", "currentReplicas")),
                .string(hpa.age(now)),
            ]
        }
    )

    /// The v2 metric specs and statuses of an HPA, converting v1's CPU utilization fields.
    static func hpaMetrics(_ hpa: PrinterFields) -> (specs: [PrinterFields], statuses: [PrinterFields]) {
        let isV1 = hpa.string("apiVersion") == "autoscaling/v1"
            || (hpa.exists("spec", "targetCPUUtilizationPercentage") && !hpa.exists("spec", "metrics"))
        guard isV1 else { return (hpa.array("spec", "metrics"), hpa.array("status", "currentMetrics")) }
        var specs: [PrinterFields] = [], statuses: [PrinterFields] = []
        if let target = hpa.optionalInt("spec", "targetCPUUtilizationPercentage") {
            specs.append(PrinterFields([
                "type": "Resource",
                "resource": ["name": "cpu", "target": ["type": "Utilization", "averageUtilization": .int(target)]],
            ] as JSONValue))
        }
        if let current = hpa.optionalInt("status", "currentCPUUtilizationPercentage") {
            statuses.append(PrinterFields([
                "type": "Resource",
                "resource": ["name": "cpu", "current": ["averageUtilization": .int(current)]],
            ] as JSONValue))
        }
        return (specs, statuses)
    }
}

/// The TARGETS cell: `current/target` per metric, two at most, then "+ N more...".
enum HPAMetricsFormat {
    static func targets(specs: [PrinterFields], statuses: [PrinterFields]) -> String {
        if specs.isEmpty { return "<none>" }
        let max = 2
        var list: [String] = []
        for (i, spec) in specs.enumerated() {
            let status: PrinterFields? = i < statuses.count ? statuses[i] : nil
            list.append(format(spec: spec, status: status))
        }
        let shown = list.prefix(max).joined(separator: ", ")
        return list.count > max ? "\(shown) + \(list.count - max) more..." : shown
    }

    /// A quantity pointer's text; a nil one prints as Go's `<nil>`.
    private static func quantity(_ value: JSONValue?) -> String {
        guard let value, !value.isNull else { return "<nil>" }
        return PrintFormat.quantity(value)
    }

    private static func format(spec: PrinterFields, status: PrinterFields?) -> String {
        switch spec.string("type") {
        case "External", "Object":
            let key = spec.string("type") == "External" ? "external" : "object"
            let source = status?[key]
            let hasSource = source?.exists() ?? false
            if spec.exists(key, "target", "averageValue") {
                var current = "<unknown>"
                if hasSource, let avg = source?.value("current", "averageValue"), !avg.isNull { current = quantity(avg) }
                return "\(current)/\(quantity(spec.value(key, "target", "averageValue"))) (avg)"
            }
            let current = hasSource ? quantity(source?.value("current", "value")) : "<unknown>"
            return "\(current)/\(quantity(spec.value(key, "target", "value")))"
        case "Pods":
            let source = status?["pods"]
            let current = (source?.exists() ?? false) ? quantity(source?.value("current", "averageValue")) : "<unknown>"
            return "\(current)/\(quantity(spec.value("pods", "target", "averageValue")))"
        case "Resource", "ContainerResource":
            let key = spec.string("type") == "Resource" ? "resource" : "containerResource"
            let name = spec.string(key, "name")
            let source = status?[key]
            let hasSource = source?.exists() ?? false
            if spec.exists(key, "target", "averageValue") {
                let current = hasSource ? quantity(source?.value("current", "averageValue")) : "<unknown>"
                return "\(name): \(current)/\(quantity(spec.value(key, "target", "averageValue")))"
            }
            var current = "<unknown>"
            if hasSource, let util = source?.optionalInt("current", "averageUtilization") { current = "\(util)%" }
            let target = spec.optionalInt(key, "target", "averageUtilization").map { "\($0)%" } ?? "<auto>"
            return "\(name): \(current)/\(target)"
        default:
            return "<unknown type>"
        }
    }
}
