import KubeMachinery

/// core/v1 PersistentVolume and PersistentVolumeClaim.
enum StorageSchemas {
    static let typedLocalObjectReference = Schema.named(Def.core + "TypedLocalObjectReference",
        "A reference to a typed object in the same namespace.", required: ["kind", "name"], [
        "apiGroup": .string("Group of the referent; empty for core."),
        "kind": .string("Kind of the referent."),
        "name": .string("Name of the referent."),
    ])
    static let typedObjectReference = Schema.named(Def.core + "TypedObjectReference", "A reference to a typed object.",
        required: ["kind", "name"], [
        "apiGroup": .string("Group of the referent; empty for core."),
        "kind": .string("Kind of the referent."),
        "name": .string("Name of the referent."),
        "namespace": .string("Namespace of the referent."),
    ])
    static let volumeResourceRequirements = Schema.named(Def.core + "VolumeResourceRequirements", "Storage requested by a claim.", [
        "limits": Meta.quantityMap,
        "requests": Meta.quantityMap,
    ])
    static let pvcSpec = Schema.named(Def.core + "PersistentVolumeClaimSpec", "The storage a claim asks for.", [
        "accessModes": .stringList("ReadWriteOnce, ReadOnlyMany, ReadWriteMany or ReadWriteOncePod."),
        "dataSource": typedLocalObjectReference,
        "dataSourceRef": typedObjectReference,
        "resources": volumeResourceRequirements,
        "selector": Meta.labelSelector,
        "storageClassName": .string("StorageClass to provision from."),
        "volumeAttributesClassName": .string("VolumeAttributesClass to use."),
        "volumeMode": .string("Filesystem or Block."),
        "volumeName": .string("The PersistentVolume bound to this claim."),
    ])
    static let pvcStatus = Schema.named(Def.core + "PersistentVolumeClaimStatus", "The observed state of a claim.", [
        "accessModes": .stringList("Access modes of the bound volume."),
        "allocatedResourceStatuses": .map(of: .string(), "Resize state per resource."),
        "allocatedResources": Meta.quantityMap,
        "capacity": Meta.quantityMap,
        "conditions": .keyedList(of: .freeForm("A claim condition."), by: "type", "Current state observations."),
        "currentVolumeAttributesClassName": .string("Attributes class in use."),
        "modifyVolumeStatus": .freeForm("State of a volume modification."),
        "phase": .string("Pending, Bound or Lost."),
    ])
    static let pvc = Schema.kind(Def.core + "PersistentVolumeClaim", group: "", version: "v1", kind: "PersistentVolumeClaim",
                                 "A user's request for storage.", [
        "spec": pvcSpec,
        "status": pvcStatus,
    ])
    static let pvSpec = Schema.named(Def.core + "PersistentVolumeSpec", "The storage a volume provides.", [
        "accessModes": .stringList("Ways the volume can be mounted."),
        "awsElasticBlockStore": .freeForm("Deprecated AWS EBS disk."),
        "azureDisk": .freeForm("Deprecated Azure data disk."),
        "azureFile": .freeForm("Deprecated Azure file share."),
        "capacity": Meta.quantityMap,
        "cephfs": .freeForm("Deprecated CephFS mount."),
        "cinder": .freeForm("Deprecated Cinder volume."),
        "claimRef": ServiceSchemas.objectReference,
        "csi": .freeForm("A volume from a CSI driver."),
        "fc": .freeForm("Fibre Channel volume."),
        "flexVolume": .freeForm("Deprecated FlexVolume plugin."),
        "flocker": .freeForm("Deprecated Flocker volume."),
        "gcePersistentDisk": .freeForm("Deprecated GCE persistent disk."),
        "glusterfs": .freeForm("Deprecated GlusterFS mount."),
        "hostPath": VolumeSchemas.hostPath,
        "iscsi": .freeForm("iSCSI disk."),
        "local": .named(Def.core + "LocalVolumeSource", "A local disk or directory.", required: ["path"], [
            "fsType": .string("Filesystem type for block devices."),
            "path": .string("Path on the node."),
        ]),
        "mountOptions": .stringList("Mount options."),
        "nfs": VolumeSchemas.nfs,
        "nodeAffinity": .named(Def.core + "VolumeNodeAffinity", "Nodes the volume is reachable from.", [
            "required": AffinitySchemas.nodeSelector,
        ]),
        "persistentVolumeReclaimPolicy": .string("Retain, Delete or Recycle."),
        "photonPersistentDisk": .freeForm("Deprecated Photon disk."),
        "portworxVolume": .freeForm("Deprecated Portworx volume."),
        "quobyte": .freeForm("Deprecated Quobyte mount."),
        "rbd": .freeForm("Deprecated Ceph RBD volume."),
        "scaleIO": .freeForm("Deprecated ScaleIO volume."),
        "storageClassName": .string("StorageClass of the volume."),
        "storageos": .freeForm("Deprecated StorageOS volume."),
        "volumeAttributesClassName": .string("VolumeAttributesClass of the volume."),
        "volumeMode": .string("Filesystem or Block."),
        "vsphereVolume": .freeForm("Deprecated vSphere volume."),
    ])
    static let pv = Schema.kind(Def.core + "PersistentVolume", group: "", version: "v1", kind: "PersistentVolume",
                                "A piece of storage in the cluster.", [
        "spec": pvSpec,
        "status": .named(Def.core + "PersistentVolumeStatus", "The observed state of a volume.", [
            "lastPhaseTransitionTime": Meta.time,
            "message": .string("Why the volume is in this phase."),
            "phase": .string("Pending, Available, Bound, Released or Failed."),
            "reason": .string("Short reason."),
        ]),
    ])
}
