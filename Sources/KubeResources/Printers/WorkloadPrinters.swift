import Foundation
import KubeMachinery

// Printers of the apps/v1 workload kinds and their core/v1 ancestors (ReplicationController,
// PodTemplate). Replica counts are integer cells, except where upstream prints "ready/desired".

extension BuiltinPrinters {
    public static let deployment = TablePrinter(
        columns: [
            CommonColumns.name,
            TableColumn("Ready", description: "Ready pods out of desired replicas."),
            TableColumn("Up-to-date", description: "Pods running the latest pod template."),
            TableColumn("Available", description: "Pods ready for at least minReadySeconds."),
            CommonColumns.age,
            CommonColumns.containers,
            CommonColumns.images,
            CommonColumns.selector(),
        ],
        cells: { object, now in
            let d = PrinterFields(object)
            let (names, images) = PrintFormat.containers(d["spec", "template", "spec"])
            return [
                .string(d.name),
                .string("\(d.int("status", "readyReplicas"))/\(d.int("spec", "replicas"))"),
                .int(d.int("status", "updatedReplicas")),
                .int(d.int("status", "availableReplicas")),
                .string(d.age(now)),
                .string(names), .string(images),
                .string(PrintFormat.selectorString(d.value("spec", "selector")) ?? "<invalid>"),
            ]
        }
    )

    public static let replicaSet = TablePrinter(
        columns: replicaColumns,
        cells: { object, now in
            let rs = PrinterFields(object)
            let (names, images) = PrintFormat.containers(rs["spec", "template", "spec"])
            return replicaCells(rs, now: now) + [
                .string(names), .string(images), .string(PrintFormat.labelSelector(rs.value("spec", "selector"))),
            ]
        }
    )

    public static let replicationController = TablePrinter(
        columns: replicaColumns,
        cells: { object, now in
            let rc = PrinterFields(object)
            let (names, images) = PrintFormat.containers(rc["spec", "template", "spec"])
            // A ReplicationController's selector is a plain label map, not a LabelSelector.
            return replicaCells(rc, now: now) + [
                .string(names), .string(images), .string(PrintFormat.labels(rc.object("spec", "selector"))),
            ]
        }
    )

    public static let daemonSet = TablePrinter(
        columns: [
            CommonColumns.name,
            TableColumn("Desired", type: "integer", description: "Nodes that should run the daemon pod."),
            TableColumn("Current", type: "integer", description: "Nodes running at least one daemon pod that should."),
            TableColumn("Ready", type: "integer", description: "Nodes whose daemon pod is ready."),
            TableColumn("Up-to-date", type: "integer", description: "Nodes running the latest daemon pod template."),
            TableColumn("Available", type: "integer", description: "Nodes whose daemon pod has been available for minReadySeconds."),
            TableColumn("Node Selector", description: "The node selector of the pod template."),
            CommonColumns.age,
            CommonColumns.containers,
            CommonColumns.images,
            CommonColumns.selector(),
        ],
        cells: { object, now in
            let ds = PrinterFields(object)
            let (names, images) = PrintFormat.containers(ds["spec", "template", "spec"])
            return [
                .string(ds.name),
                .int(ds.int("status", "desiredNumberScheduled")),
                .int(ds.int("status", "currentNumberScheduled")),
                .int(ds.int("status", "numberReady")),
                .int(ds.int("status", "updatedNumberScheduled")),
                .int(ds.int("status", "numberAvailable")),
                .string(PrintFormat.labels(ds.object("spec", "template", "spec", "nodeSelector"))),
                .string(ds.age(now)),
                .string(names), .string(images),
                .string(PrintFormat.labelSelector(ds.value("spec", "selector"))),
            ]
        }
    )

    public static let statefulSet = TablePrinter(
        columns: [
            CommonColumns.name,
            TableColumn("Ready", description: "Ready pods out of desired replicas."),
            CommonColumns.age,
            CommonColumns.containers,
            CommonColumns.images,
        ],
        cells: { object, now in
            let sts = PrinterFields(object)
            let (names, images) = PrintFormat.containers(sts["spec", "template", "spec"])
            return [
                .string(sts.name),
                .string("\(sts.int("status", "readyReplicas"))/\(sts.int("spec", "replicas"))"),
                .string(sts.age(now)),
                .string(names), .string(images),
            ]
        }
    )

    public static let controllerRevision = TablePrinter(
        columns: [
            CommonColumns.name,
            TableColumn("Controller", description: "The object that owns this revision, as kind.group/name."),
            TableColumn("Revision", description: "The revision number of the state this object stores."),
            CommonColumns.age,
        ],
        cells: { object, now in
            let cr = PrinterFields(object)
            var controller = "<none>"
            if let ref = cr.array("metadata", "ownerReferences").first(where: { $0.bool("controller") }) {
                // The group is the apiVersion's part before the slash ("" for core "v1").
                let apiVersion = ref.string("apiVersion")
                let group = apiVersion.contains("/") ? String(apiVersion.split(separator: "/")[0]) : ""
                let kind = ref.string("kind")
                let groupKind = group.isEmpty ? kind : "\(kind).\(group)"
                controller = groupKind.isEmpty ? ref.string("name") : groupKind.lowercased() + "/" + ref.string("name")
            }
            return [.string(cr.name), .string(controller), .int(cr.int("revision")), .string(cr.age(now))]
        }
    )

    public static let podTemplate = TablePrinter(
        columns: [
            CommonColumns.name,
            TableColumn("Containers", description: "Names of the containers in the template."),
            TableColumn("Images", description: "Images of the containers in the template."),
            TableColumn("Pod Labels", description: "Labels of the pods made from the template."),
        ],
        cells: { object, _ in
            let pt = PrinterFields(object)
            let (names, images) = PrintFormat.containers(pt["template", "spec"])
            return [.string(pt.name), .string(names), .string(images),
                    .string(PrintFormat.labels(pt.object("template", "metadata", "labels")))]
        }
    )

    /// ReplicaSet and ReplicationController share their columns.
    static let replicaColumns: [TableColumn] = [
        CommonColumns.name,
        TableColumn("Desired", type: "integer", description: "Replicas the spec asks for."),
        TableColumn("Current", type: "integer", description: "Replicas that exist."),
        TableColumn("Ready", type: "integer", description: "Replicas that are ready."),
        CommonColumns.age,
        CommonColumns.containers,
        CommonColumns.images,
        CommonColumns.selector(),
    ]

    static func replicaCells(_ o: PrinterFields, now: Date) -> [JSONValue] {
        [.string(o.name), .int(o.int("spec", "replicas")), .int(o.int("status", "replicas")),
         .int(o.int("status", "readyReplicas")), .string(o.age(now))]
    }
}
