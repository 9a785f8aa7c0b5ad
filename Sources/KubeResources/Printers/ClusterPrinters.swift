import Foundation
import KubeMachinery

// Printers of cluster-level kinds: namespaces, nodes, storage, scheduling priority, leases.

extension BuiltinPrinters {
    public static let namespace = TablePrinter(
        columns: [
            CommonColumns.name,
            TableColumn("Status", description: "The namespace's phase: Active or Terminating."),
            CommonColumns.age,
        ],
        cells: { object, now in
            let ns = PrinterFields(object)
            return [.string(ns.name), .string(ns.string("status", "phase")), .string(ns.age(now))]
        }
    )

    public static let node = TablePrinter(
        columns: [
            CommonColumns.name,
            TableColumn("Status", description: "Readiness of the node, and whether scheduling is disabled."),
            TableColumn("Roles", description: "Roles from the node's node-role.kubernetes.io/* labels."),
            CommonColumns.age,
            TableColumn("Version", description: "The kubelet version the node reports."),
            TableColumn("Internal-IP", description: "The node's first InternalIP address.", priority: 1),
            TableColumn("External-IP", description: "The node's first ExternalIP address.", priority: 1),
            TableColumn("OS-Image", description: "The operating system image the node reports.", priority: 1),
            TableColumn("Kernel-Version", description: "The kernel version the node reports.", priority: 1),
            TableColumn("Container-Runtime", description: "The container runtime and version the node reports.", priority: 1),
        ],
        cells: { object, now in
            let node = PrinterFields(object)
            var status: [String] = []
            if let ready = node.array("status", "conditions").last(where: { $0.string("type") == "Ready" }) {
                status.append(ready.string("status") == "True" ? "Ready" : "NotReady")
            } else {
                status.append("Unknown")
            }
            if node.bool("spec", "unschedulable") { status.append("SchedulingDisabled") }

            let roles = nodeRoles(node.object("metadata", "labels"))
            let addresses = node.array("status", "addresses")
            func address(_ type: String) -> String {
                addresses.first { $0.string("type") == type }?.string("address") ?? "<none>"
            }
            func reported(_ field: String) -> String {
                let v = node.string("status", "nodeInfo", field)
                return v.isEmpty ? "<unknown>" : v
            }
            return [
                .string(node.name),
                .string(status.joined(separator: ",")),
                .string(roles.isEmpty ? "<none>" : roles.joined(separator: ",")),
                .string(node.age(now)),
                .string(node.string("status", "nodeInfo", "kubeletVersion")),
                .string(address("InternalIP")),
                .string(address("ExternalIP")),
                .string(reported("osImage")),
                .string(reported("kernelVersion")),
                .string(reported("containerRuntimeVersion")),
            ]
        }
    )

    public static let persistentVolume = TablePrinter(
        columns: [
            CommonColumns.name,
            TableColumn("Capacity", description: "The volume's storage capacity."),
            TableColumn("Access Modes", description: "How the volume can be mounted: RWO, ROX, RWX, RWOP."),
            TableColumn("Reclaim Policy", description: "What happens to the volume when its claim is released."),
            TableColumn("Status", description: "The volume's phase, or Terminating."),
            TableColumn("Claim", description: "The claim bound to the volume, as namespace/name."),
            TableColumn("StorageClass", description: "The volume's storage class."),
            TableColumn("VolumeAttributesClass", description: "The volume's attributes class."),
            TableColumn("Reason", description: "Why the volume is in its phase."),
            CommonColumns.age,
            TableColumn("VolumeMode", description: "Filesystem or Block.", priority: 1),
        ],
        cells: { object, now in
            let pv = PrinterFields(object)
            var claim = ""
            if pv.exists("spec", "claimRef") {
                claim = pv.string("spec", "claimRef", "namespace") + "/" + pv.string("spec", "claimRef", "name")
            }
            return [
                .string(pv.name),
                .string(PrintFormat.quantity(pv.value("spec", "capacity", "storage"))),
                .string(accessModes(pv.array("spec", "accessModes"))),
                .string(pv.string("spec", "persistentVolumeReclaimPolicy")),
                .string(pv.isDeleting ? "Terminating" : pv.string("status", "phase")),
                .string(claim),
                .string(storageClassName(pv)),
                .string(pv.optionalString("spec", "volumeAttributesClassName") ?? "<unset>"),
                .string(pv.string("status", "reason")),
                .string(pv.age(now)),
                .string(pv.optionalString("spec", "volumeMode") ?? "<unset>"),
            ]
        }
    )

    public static let persistentVolumeClaim = TablePrinter(
        columns: [
            CommonColumns.name,
            TableColumn("Status", description: "The claim's phase, or Terminating."),
            TableColumn("Volume", description: "The volume bound to the claim."),
            TableColumn("Capacity", description: "The bound volume's capacity."),
            TableColumn("Access Modes", description: "Access modes of the bound volume."),
            TableColumn("StorageClass", description: "The claim's storage class."),
            TableColumn("VolumeAttributesClass", description: "The claim's attributes class."),
            CommonColumns.age,
            TableColumn("VolumeMode", description: "Filesystem or Block.", priority: 1),
        ],
        cells: { object, now in
            let pvc = PrinterFields(object)
            let volume = pvc.string("spec", "volumeName")
            // Capacity and modes are only meaningful once bound.
            let capacity = volume.isEmpty ? "" : PrintFormat.quantity(pvc.value("status", "capacity", "storage"))
            let modes = volume.isEmpty ? "" : accessModes(pvc.array("status", "accessModes"))
            return [
                .string(pvc.name),
                .string(pvc.isDeleting ? "Terminating" : pvc.string("status", "phase")),
                .string(volume),
                .string(capacity),
                .string(modes),
                .string(storageClassName(pvc)),
                .string(pvc.optionalString("spec", "volumeAttributesClassName") ?? "<unset>"),
                .string(pvc.age(now)),
                .string(pvc.optionalString("spec", "volumeMode") ?? "<unset>"),
            ]
        }
    )

    public static let storageClass = TablePrinter(
        columns: [
            CommonColumns.name,
            TableColumn("Provisioner", description: "The volume plugin that provisions volumes of this class."),
            TableColumn("ReclaimPolicy", description: "Reclaim policy of the volumes this class provisions."),
            TableColumn("VolumeBindingMode", description: "When volumes are provisioned and bound: Immediate or WaitForFirstConsumer."),
            TableColumn("AllowVolumeExpansion", description: "Whether claims of this class may grow."),
            CommonColumns.age,
        ],
        cells: { object, now in
            let sc = PrinterFields(object)
            let annotations = sc.object("metadata", "annotations")
            let isDefault = annotations["storageclass.kubernetes.io/is-default-class"]?.stringValue == "true"
                || annotations["storageclass.beta.kubernetes.io/is-default-class"]?.stringValue == "true"
            return [
                .string(isDefault ? sc.name + " (default)" : sc.name),
                .string(sc.string("provisioner")),
                .string(sc.optionalString("reclaimPolicy") ?? "Delete"),
                .string(sc.optionalString("volumeBindingMode") ?? "Immediate"),
                .bool(sc.bool("allowVolumeExpansion")),
                .string(sc.age(now)),
            ]
        }
    )

    public static let priorityClass = TablePrinter(
        columns: [
            CommonColumns.name,
            TableColumn("Value", type: "integer", description: "The priority given to pods of this class."),
            TableColumn("Global-Default", type: "boolean", description: "Whether pods without a class get this one."),
            CommonColumns.age,
            TableColumn("PreemptionPolicy", description: "Whether pods of this class may preempt lower-priority pods."),
        ],
        cells: { object, now in
            let pc = PrinterFields(object)
            return [.string(pc.name), .int(pc.int("value")), .bool(pc.bool("globalDefault")), .string(pc.age(now)),
                    .string(pc.string("preemptionPolicy"))]
        }
    )

    public static let lease = TablePrinter(
        columns: [
            CommonColumns.name,
            TableColumn("Holder", description: "The identity currently holding the lease."),
            CommonColumns.age,
        ],
        cells: { object, now in
            let lease = PrinterFields(object)
            return [.string(lease.name), .string(lease.string("spec", "holderIdentity")), .string(lease.age(now))]
        }
    )

    /// Roles from `node-role.kubernetes.io/<role>` label keys and the `kubernetes.io/role` label value,
    /// sorted and de-duplicated.
    static func nodeRoles(_ labels: [String: JSONValue]) -> [String] {
        var roles = Set<String>()
        let prefix = "node-role.kubernetes.io/"
        for (key, value) in labels {
            if key.hasPrefix(prefix) {
                let role = String(key.dropFirst(prefix.count))
                if !role.isEmpty { roles.insert(role) }
            } else if key == "kubernetes.io/role", let v = value.stringValue, !v.isEmpty {
                roles.insert(v)
            }
        }
        return roles.sorted()
    }

    /// Access modes abbreviated, in a fixed order whatever order the spec lists them in.
    static func accessModes(_ modes: [PrinterFields]) -> String {
        let present = Set(modes.compactMap(\.json.stringValue))
        let order = [("ReadWriteOnce", "RWO"), ("ReadOnlyMany", "ROX"), ("ReadWriteMany", "RWX"), ("ReadWriteOncePod", "RWOP")]
        return order.filter { present.contains($0.0) }.map(\.1).joined(separator: ",")
    }

    /// The legacy beta annotation still wins over `spec.storageClassName`, as upstream reads it.
    static func storageClassName(_ object: PrinterFields) -> String {
        if let legacy = object.object("metadata", "annotations")["volume.beta.kubernetes.io/storage-class"]?.stringValue {
            return legacy
        }
        return object.string("spec", "storageClassName")
    }
}
