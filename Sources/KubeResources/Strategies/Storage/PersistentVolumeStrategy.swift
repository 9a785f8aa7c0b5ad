import KubeMachinery

/// PersistentVolumes (core/v1, cluster-scoped).
public struct PersistentVolumeStrategy: ResourceStrategy {
    public init() {}

    public func applyDefaults(_ object: inout JSONValue) {
        object.editField("spec", create: true) { spec in
            spec.defaultField("persistentVolumeReclaimPolicy", to: "Retain")
            spec.defaultField("volumeMode", to: "Filesystem")
        }
        object.editField("status", create: true) { $0.defaultField("phase", to: "Pending") }
    }

    static let sources = [
        "gcePersistentDisk", "awsElasticBlockStore", "hostPath", "glusterfs", "nfs", "rbd", "iscsi", "cinder", "cephfs",
        "fc", "flocker", "flexVolume", "azureFile", "vsphereVolume", "quobyte", "azureDisk", "photonPersistentDisk",
        "portworxVolume", "scaleIO", "local", "storageos", "csi",
    ]

    public func validate(_ object: JSONValue) -> [FieldError] {
        let spec = object["spec"] ?? .object([:])
        let p = FieldPath("spec")
        var errs: [FieldError] = []
        let modes = spec.items("accessModes")
        if modes.isEmpty { errs.append(FieldErr.required(p.child("accessModes"), "must specify at least 1 access mode")) }
        for m in modes { errs += FieldCheck.oneOf(m, PersistentVolumeClaimStrategy.accessModes, p.child("accessModes")) }
        let capacity = spec.members("capacity")
        if capacity.isEmpty {
            errs.append(FieldErr.required(p.child("capacity")))
        } else {
            for key in capacity.keys.sorted() where key != "storage" {
                errs.append(FieldErr.notSupported(p.child("capacity"), .string(key), ["storage"]))
            }
        }
        let present = Self.sources.filter { spec[$0] != nil && spec[$0] != .null }
        if present.isEmpty {
            errs.append(FieldErr.required(p, "must specify a volume type"))
        } else if present.count > 1 {
            errs.append(FieldErr.forbidden(p.child(present[1]), "may not specify more than 1 volume type"))
        }
        errs += FieldCheck.oneOf(spec["persistentVolumeReclaimPolicy"], ["Delete", "Recycle", "Retain"], p.child("persistentVolumeReclaimPolicy"), required: false)
        errs += FieldCheck.oneOf(spec["volumeMode"], PersistentVolumeClaimStrategy.volumeModes, p.child("volumeMode"), required: false)
        return errs
    }

    /// The volume source and its mode are fixed once the volume exists.
    public func validateUpdate(_ object: JSONValue, old: JSONValue) -> [FieldError] {
        var errs: [FieldError] = []
        for s in Self.sources where old[path: ["spec", s]] != nil {
            if !(object[path: ["spec", s]] ?? .null).semanticallyEqual(old[path: ["spec", s]]) {
                errs.append(FieldErr.forbidden(FieldPath("spec.persistentvolumesource"), "spec.persistentvolumesource is immutable after creation"))
                break
            }
        }
        errs += FieldCheck.immutable(object[path: ["spec", "volumeMode"]], old[path: ["spec", "volumeMode"]], FieldPath("spec.volumeMode"))
        return errs
    }
}
