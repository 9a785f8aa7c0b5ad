import KubeMachinery

/// core/v1 Volume and its sources. The common sources are declared field by field; the rarer
/// in-tree cloud and network sources are free-form so manifests using them are never rejected.
enum VolumeSchemas {
    static let localObjectReference = Schema.named(Def.core + "LocalObjectReference", "A reference to an object in the same namespace.", [
        "name": .string("Name of the referent."),
    ])
    static let keyToPath = Schema.named(Def.core + "KeyToPath", "Maps a key to a file path in a volume.", required: ["key", "path"], [
        "key": .string("The key to project."),
        "mode": .int32("File mode bits, 0000 to 0777."),
        "path": .string("Relative file path."),
    ])
    static let emptyDir = Schema.named(Def.core + "EmptyDirVolumeSource", "A scratch directory that lives as long as the pod.", [
        "medium": .string("Storage medium: empty for the node default, or Memory."),
        "sizeLimit": Meta.quantity,
    ])
    static let hostPath = Schema.named(Def.core + "HostPathVolumeSource", "A file or directory on the host.", required: ["path"], [
        "path": .string("Path on the host."),
        "type": .string("Expected type of the path, e.g. Directory or FileOrCreate."),
    ])
    static let configMap = Schema.named(Def.core + "ConfigMapVolumeSource", "A ConfigMap's keys as files.", [
        "defaultMode": .int32("Default file mode bits."),
        "items": .list(of: keyToPath, "Keys to project; all when empty."),
        "name": .string("Name of the ConfigMap."),
        "optional": .boolean("Whether the ConfigMap may be missing."),
    ])
    static let secret = Schema.named(Def.core + "SecretVolumeSource", "A Secret's keys as files.", [
        "defaultMode": .int32("Default file mode bits."),
        "items": .list(of: keyToPath, "Keys to project; all when empty."),
        "optional": .boolean("Whether the Secret may be missing."),
        "secretName": .string("Name of the Secret."),
    ])
    static let pvcSource = Schema.named(Def.core + "PersistentVolumeClaimVolumeSource", "A PersistentVolumeClaim in the pod's namespace.",
        required: ["claimName"], [
        "claimName": .string("Name of the claim."),
        "readOnly": .boolean("Mount read-only."),
    ])
    static let downwardAPIFile = Schema.named(Def.core + "DownwardAPIVolumeFile", "One file of pod information.", required: ["path"], [
        "fieldRef": ContainerSchemas.objectFieldSelector,
        "mode": .int32("File mode bits."),
        "path": .string("Relative file path."),
        "resourceFieldRef": ContainerSchemas.resourceFieldSelector,
    ])
    static let downwardAPI = Schema.named(Def.core + "DownwardAPIVolumeSource", "Pod information as files.", [
        "defaultMode": .int32("Default file mode bits."),
        "items": .list(of: downwardAPIFile, "Files to create."),
    ])
    static let nfs = Schema.named(Def.core + "NFSVolumeSource", "An NFS export.", required: ["server", "path"], [
        "path": .string("Exported path."),
        "readOnly": .boolean("Mount read-only."),
        "server": .string("NFS server host or IP."),
    ])
    static let csi = Schema.named(Def.core + "CSIVolumeSource", "An ephemeral volume from a CSI driver.", required: ["driver"], [
        "driver": .string("Name of the CSI driver."),
        "fsType": .string("Filesystem type to mount."),
        "nodePublishSecretRef": localObjectReference,
        "readOnly": .boolean("Mount read-only."),
        "volumeAttributes": .stringMap("Driver-specific properties."),
    ])
    static let pvcTemplate = Schema.named(Def.core + "PersistentVolumeClaimTemplate", "A claim created for and owned by a pod.",
        required: ["spec"], [
        "metadata": Meta.objectMeta,
        "spec": StorageSchemas.pvcSpec,
    ])
    static let ephemeral = Schema.named(Def.core + "EphemeralVolumeSource", "A generic ephemeral volume.", [
        "volumeClaimTemplate": pvcTemplate,
    ])
    static let image = Schema.named(Def.core + "ImageVolumeSource", "An OCI image or artifact as a volume.", [
        "pullPolicy": .string("Always, Never or IfNotPresent."),
        "reference": .string("Image or artifact reference."),
    ])
    static let serviceAccountToken = Schema.named(Def.core + "ServiceAccountTokenProjection", "A projected service account token.",
        required: ["path"], [
        "audience": .string("Intended audience of the token."),
        "expirationSeconds": .int64("Requested validity."),
        "path": .string("Relative file path."),
    ])
    static let volumeProjection = Schema.named(Def.core + "VolumeProjection", "One source of a projected volume.", [
        "clusterTrustBundle": .freeForm("ClusterTrustBundle certificates to project."),
        "configMap": .named(Def.core + "ConfigMapProjection", "A ConfigMap's keys to project.", [
            "items": .list(of: keyToPath, "Keys to project."),
            "name": .string("Name of the ConfigMap."),
            "optional": .boolean("Whether the ConfigMap may be missing."),
        ]),
        "downwardAPI": .named(Def.core + "DownwardAPIProjection", "Pod information to project.", [
            "items": .list(of: downwardAPIFile, "Files to create."),
        ]),
        "podCertificate": .freeForm("A pod certificate to project."),
        "secret": .named(Def.core + "SecretProjection", "A Secret's keys to project.", [
            "items": .list(of: keyToPath, "Keys to project."),
            "name": .string("Name of the Secret."),
            "optional": .boolean("Whether the Secret may be missing."),
        ]),
        "serviceAccountToken": serviceAccountToken,
    ])
    static let projected = Schema.named(Def.core + "ProjectedVolumeSource", "Several sources in one directory.", [
        "defaultMode": .int32("Default file mode bits."),
        "sources": .list(of: volumeProjection, "The sources to project."),
    ])

    static let volume = Schema.named(Def.core + "Volume", "A named volume that containers of the pod can mount.", required: ["name"], [
        "awsElasticBlockStore": .freeForm("Deprecated AWS EBS disk."),
        "azureDisk": .freeForm("Deprecated Azure data disk."),
        "azureFile": .freeForm("Deprecated Azure file share."),
        "cephfs": .freeForm("Deprecated CephFS mount."),
        "cinder": .freeForm("Deprecated Cinder volume."),
        "configMap": configMap,
        "csi": csi,
        "downwardAPI": downwardAPI,
        "emptyDir": emptyDir,
        "ephemeral": ephemeral,
        "fc": .freeForm("Fibre Channel volume."),
        "flexVolume": .freeForm("Deprecated FlexVolume plugin."),
        "flocker": .freeForm("Deprecated Flocker volume."),
        "gcePersistentDisk": .freeForm("Deprecated GCE persistent disk."),
        "gitRepo": .freeForm("Deprecated git repository checkout."),
        "glusterfs": .freeForm("Deprecated GlusterFS mount."),
        "hostPath": hostPath,
        "image": image,
        "iscsi": .freeForm("iSCSI disk."),
        "name": .string("Volume name, a DNS label unique in the pod."),
        "nfs": nfs,
        "persistentVolumeClaim": pvcSource,
        "photonPersistentDisk": .freeForm("Deprecated Photon disk."),
        "portworxVolume": .freeForm("Deprecated Portworx volume."),
        "projected": projected,
        "quobyte": .freeForm("Deprecated Quobyte mount."),
        "rbd": .freeForm("Deprecated Ceph RBD volume."),
        "scaleIO": .freeForm("Deprecated ScaleIO volume."),
        "secret": secret,
        "storageos": .freeForm("Deprecated StorageOS volume."),
        "vsphereVolume": .freeForm("Deprecated vSphere volume."),
    ])
}
