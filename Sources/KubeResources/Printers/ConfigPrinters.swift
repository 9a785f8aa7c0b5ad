import Foundation
import KubeMachinery

// Printers of configuration and identity kinds, and of namespace quotas.

extension BuiltinPrinters {
    public static let configMap = TablePrinter(
        columns: [
            CommonColumns.name,
            TableColumn("Data", description: "Number of keys, text and binary."),
            CommonColumns.age,
        ],
        cells: { object, now in
            let cm = PrinterFields(object)
            return [.string(cm.name), .int(cm.count("data") + cm.count("binaryData")), .string(cm.age(now))]
        }
    )

    public static let secret = TablePrinter(
        columns: [
            CommonColumns.name,
            TableColumn("Type", description: "The secret's type, e.g. Opaque or kubernetes.io/tls."),
            TableColumn("Data", description: "Number of keys."),
            CommonColumns.age,
        ],
        cells: { object, now in
            let secret = PrinterFields(object)
            return [.string(secret.name), .string(secret.string("type")), .int(secret.count("data")), .string(secret.age(now))]
        }
    )

    public static let serviceAccount = TablePrinter(
        columns: [
            CommonColumns.name,
            TableColumn("Secrets", description: "Number of secrets listed for the service account."),
            CommonColumns.age,
        ],
        cells: { object, now in
            let sa = PrinterFields(object)
            return [.string(sa.name), .int(sa.count("secrets")), .string(sa.age(now))]
        }
    )

    public static let resourceQuota = TablePrinter(
        columns: [
            CommonColumns.name,
            TableColumn("Request", description: "Used out of hard limits for every quota resource but limits.*."),
            TableColumn("Limit", description: "Used out of hard limits for the limits.* quota resources."),
            CommonColumns.age,
        ],
        cells: { object, now in
            let quota = PrinterFields(object)
            let hard = quota.object("status", "hard")
            let used = quota.object("status", "used")
            var requests: [String] = [], limits: [String] = []
            for resource in hard.keys.sorted() {
                let entry = "\(resource): \(PrintFormat.quantity(used[resource]))/\(PrintFormat.quantity(hard[resource]))"
                // Only dotted names under "limits." go to the LIMIT cell; plain "limits" does not.
                let pieces = resource.split(separator: ".", omittingEmptySubsequences: false)
                if pieces.count > 1, pieces[0] == "limits" { limits.append(entry) } else { requests.append(entry) }
            }
            return [.string(quota.name), .string(requests.joined(separator: ", ")),
                    .string(limits.joined(separator: ", ")), .string(quota.age(now))]
        }
    )
}
