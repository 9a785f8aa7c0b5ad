import KubeMachinery

/// Upstream's defaulting of a PodSpec (`SetDefaults_PodSpec` and the per-container, per-volume
/// and per-probe functions it reaches). Shared by pods and every pod template (Deployment,
/// StatefulSet, Job, ...). Pod-only defaults live in `applyPodOnly`.
enum PodSpecDefaults {
    static let containerLists = ["initContainers", "containers", "ephemeralContainers"]

    static func apply(_ spec: inout JSONValue) {
        guard case .object = spec else { return }
        spec.defaultField("dnsPolicy", to: "ClusterFirst")
        spec.defaultField("restartPolicy", to: "Always")
        spec.defaultField("securityContext", to: .object([:]))
        spec.defaultField("terminationGracePeriodSeconds", to: 30)
        spec.defaultField("schedulerName", to: "default-scheduler")
        let hostNetwork = spec["hostNetwork"]?.boolValue ?? false
        for list in containerLists {
            spec.editEach(list) { applyContainer(&$0, hostNetwork: hostNetwork) }
        }
        spec.editEach("volumes") { applyVolume(&$0) }
    }

    /// Defaults only `Pod` gets, not templates: `SetDefaults_Pod`.
    static func applyPodOnly(_ spec: inout JSONValue) {
        guard case .object = spec else { return }
        spec.defaultField("enableServiceLinks", to: true)
        // A limit without a request means the request equals the limit (what the scheduler reserves).
        for list in ["containers", "initContainers"] {
            spec.editEach(list) { c in
                guard let limits = c[path: ["resources", "limits"]]?.objectValue, !limits.isEmpty else { return }
                c.editField("resources", create: true) { r in
                    var requests = r.members("requests")
                    for (k, v) in limits where requests[k] == nil { requests[k] = v }
                    r["requests"] = .object(requests)
                }
            }
        }
    }

    static func applyContainer(_ c: inout JSONValue, hostNetwork: Bool) {
        guard case .object = c else { return }
        c.defaultField("terminationMessagePath", to: "/dev/termination-log")
        c.defaultField("terminationMessagePolicy", to: "File")
        if c.isUnset("imagePullPolicy") {
            c["imagePullPolicy"] = .string(imagePullPolicy(for: c.string("image")))
        }
        c.defaultField("resources", to: .object([:]))
        c.editEach("ports") { p in
            p.defaultField("protocol", to: "TCP")
            // With the host's network the container port is the host port.
            if hostNetwork, p["hostPort"] == nil, let cp = p["containerPort"] { p["hostPort"] = cp }
        }
        c.editEach("env") { e in
            e.editField("valueFrom") { vf in
                vf.editField("fieldRef") { $0.defaultField("apiVersion", to: "v1") }
            }
        }
        for probe in ["livenessProbe", "readinessProbe", "startupProbe"] {
            c.editField(probe) { applyProbe(&$0) }
        }
        c.editField("lifecycle") { l in
            for hook in ["postStart", "preStop"] {
                l.editField(hook) { h in h.editField("httpGet") { applyHTTPGet(&$0) } }
            }
        }
    }

    static func applyProbe(_ p: inout JSONValue) {
        p.defaultField("timeoutSeconds", to: 1)
        p.defaultField("periodSeconds", to: 10)
        p.defaultField("successThreshold", to: 1)
        p.defaultField("failureThreshold", to: 3)
        p.editField("httpGet") { applyHTTPGet(&$0) }
    }

    static func applyHTTPGet(_ h: inout JSONValue) {
        h.defaultField("path", to: "/")
        h.defaultField("scheme", to: "HTTP")
    }

    /// `Always` for `:latest` or an untagged image without digest, else `IfNotPresent`.
    static func imagePullPolicy(for image: String) -> String {
        var ref = Substring(image)
        var hasDigest = false
        if let at = ref.firstIndex(of: "@") { ref = ref[..<at]; hasDigest = true }
        // A tag is a colon in the last path component (a colon before a slash is a registry port).
        let lastComponent = ref.split(separator: "/", omittingEmptySubsequences: false).last ?? ref
        if let colon = lastComponent.lastIndex(of: ":") {
            return lastComponent[lastComponent.index(after: colon)...] == "latest" ? "Always" : "IfNotPresent"
        }
        return hasDigest ? "IfNotPresent" : "Always"
    }

    /// Every volume source a volume may name; a volume names exactly one.
    static let volumeSources = [
        "hostPath", "emptyDir", "gcePersistentDisk", "awsElasticBlockStore", "gitRepo", "secret", "nfs", "iscsi",
        "glusterfs", "persistentVolumeClaim", "rbd", "flexVolume", "cinder", "cephfs", "flocker", "downwardAPI", "fc",
        "azureFile", "configMap", "vsphereVolume", "quobyte", "azureDisk", "photonPersistentDisk", "projected",
        "portworxVolume", "scaleIO", "storageos", "csi", "ephemeral", "image",
    ]

    static func applyVolume(_ v: inout JSONValue) {
        guard case .object(let o) = v else { return }
        if !volumeSources.contains(where: { o[$0] != nil && o[$0] != .null }) {
            v["emptyDir"] = .object([:])
        }
        for source in ["secret", "configMap", "downwardAPI", "projected"] {
            v.editField(source) { $0.defaultField("defaultMode", to: 420) }
        }
        v.editField("hostPath") { $0.defaultField("type", to: .string("")) }
        v.editField("downwardAPI") { d in d.editEach("items") { applyDownwardItem(&$0) } }
        v.editField("projected") { p in
            p.editEach("sources") { s in
                s.editField("downwardAPI") { d in d.editEach("items") { applyDownwardItem(&$0) } }
                s.editField("serviceAccountToken") { $0.defaultField("expirationSeconds", to: 3600) }
            }
        }
        v.editField("iscsi") { $0.defaultField("iscsiInterface", to: "default") }
        v.editField("rbd") { r in
            r.defaultField("pool", to: "rbd")
            r.defaultField("user", to: "admin")
            r.defaultField("keyring", to: "/etc/ceph/keyring")
        }
        v.editField("azureDisk") { a in
            a.defaultField("cachingMode", to: "ReadWrite")
            a.defaultField("fsType", to: "ext4")
            a.defaultField("readOnly", to: false)
            a.defaultField("kind", to: "Shared")
        }
    }

    private static func applyDownwardItem(_ item: inout JSONValue) {
        item.editField("fieldRef") { $0.defaultField("apiVersion", to: "v1") }
    }

    /// Defaults of a pod template (`spec.template` of workloads): its spec as a PodSpec.
    static func applyTemplate(_ template: inout JSONValue) {
        template.editField("spec", create: true) { apply(&$0) }
    }
}
