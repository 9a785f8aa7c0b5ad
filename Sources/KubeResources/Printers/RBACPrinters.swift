import Foundation
import KubeMachinery

// RoleBinding and ClusterRoleBinding print alike. Role and ClusterRole have no printer of their
// own upstream and use the default NAME / CREATED AT table.

extension BuiltinPrinters {
    public static let roleBinding = bindingPrinter(scope: "roleBinding")
    public static let clusterRoleBinding = bindingPrinter(scope: "clusterRoleBinding")

    static func bindingPrinter(scope: String) -> TablePrinter {
        TablePrinter(
            columns: [
                CommonColumns.name,
                TableColumn("Role", description: "The role granted, as Kind/name."),
                CommonColumns.age,
                TableColumn("Users", description: "Users bound by the \(scope).", priority: 1),
                TableColumn("Groups", description: "Groups bound by the \(scope).", priority: 1),
                TableColumn("ServiceAccounts", description: "Service accounts bound by the \(scope), as namespace:name.", priority: 1),
            ],
            cells: { object, now in
                let binding = PrinterFields(object)
                var users: [String] = [], groups: [String] = [], serviceAccounts: [String] = []
                for subject in binding.array("subjects") {
                    let name = subject.string("name"), namespace = subject.string("namespace")
                    switch subject.string("kind") {
                    case "User": users.append(name)
                    case "Group": groups.append(name)
                    case "ServiceAccount": serviceAccounts.append(namespace.isEmpty ? name : "\(namespace):\(name)")
                    default: break
                    }
                }
                return [
                    .string(binding.name),
                    .string("\(binding.string("roleRef", "kind"))/\(binding.string("roleRef", "name"))"),
                    .string(binding.age(now)),
                    .string(users.joined(separator: ", ")),
                    .string(groups.joined(separator: ", ")),
                    .string(serviceAccounts.joined(separator: ", ")),
                ]
            }
        )
    }
}
