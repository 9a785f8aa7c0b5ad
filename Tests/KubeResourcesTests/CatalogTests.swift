import Testing
@testable import KubeResources
import KubeMachinery

@Suite("Built-in resource catalog")
struct CatalogTests {
    @Test func pluralsAreUniqueWithinEachGroupVersion() {
        var seen = Set<String>()
        for r in BuiltinResources.all {
            #expect(seen.insert("\(r.apiVersion)/\(r.plural)").inserted, "duplicate \(r.apiVersion)/\(r.plural)")
        }
    }

    @Test func kindsAreUniqueWithinEachGroupVersion() {
        var seen = Set<String>()
        for r in BuiltinResources.all {
            #expect(seen.insert("\(r.apiVersion)/\(r.kind)").inserted, "duplicate \(r.apiVersion)/\(r.kind)")
        }
    }

    @Test func everyRequestedKindIsServed() {
        let expected: Set<String> = [
            "v1/Namespace", "v1/Pod", "v1/Service", "v1/Endpoints", "v1/ConfigMap", "v1/Secret", "v1/ServiceAccount",
            "v1/Node", "v1/Event", "v1/LimitRange", "v1/ResourceQuota", "v1/PersistentVolume",
            "v1/PersistentVolumeClaim", "v1/ReplicationController", "v1/PodTemplate",
            "apps/v1/Deployment", "apps/v1/ReplicaSet", "apps/v1/DaemonSet", "apps/v1/StatefulSet",
            "apps/v1/ControllerRevision", "batch/v1/Job", "batch/v1/CronJob", "coordination.k8s.io/v1/Lease",
            "discovery.k8s.io/v1/EndpointSlice", "events.k8s.io/v1/Event", "networking.k8s.io/v1/Ingress",
            "networking.k8s.io/v1/IngressClass", "networking.k8s.io/v1/NetworkPolicy",
            "rbac.authorization.k8s.io/v1/Role", "rbac.authorization.k8s.io/v1/ClusterRole",
            "rbac.authorization.k8s.io/v1/RoleBinding", "rbac.authorization.k8s.io/v1/ClusterRoleBinding",
            "storage.k8s.io/v1/StorageClass", "policy/v1/PodDisruptionBudget",
            "autoscaling/v2/HorizontalPodAutoscaler", "autoscaling/v1/HorizontalPodAutoscaler",
            "scheduling.k8s.io/v1/PriorityClass",
        ]
        #expect(Set(BuiltinResources.all.map { "\($0.apiVersion)/\($0.kind)" }) == expected)
    }

    /// Kinds whose objects carry a `status` written by controllers or kubelets upstream.
    static let kindsWithStatus: Set<String> = [
        "Namespace", "Pod", "Service", "Node", "ResourceQuota", "PersistentVolume", "PersistentVolumeClaim",
        "ReplicationController", "Deployment", "ReplicaSet", "DaemonSet", "StatefulSet", "Job", "CronJob",
        "Ingress", "PodDisruptionBudget", "HorizontalPodAutoscaler",
    ]

    @Test func exactlyTheKindsWithAStatusFieldServeTheStatusSubresource() {
        for r in BuiltinResources.all {
            #expect(r.subresources.contains("status") == Self.kindsWithStatus.contains(r.kind), "\(r.kind)")
        }
    }

    @Test func scaleIsServedForTheReplicatedWorkloadsOnly() {
        let scaled = Set(BuiltinResources.all.filter { $0.subresources.contains("scale") }.map(\.plural))
        #expect(scaled == ["deployments", "replicasets", "statefulsets", "replicationcontrollers"])
    }

    @Test(arguments: [
        ("po", "pods"), ("svc", "services"), ("deploy", "deployments"), ("rs", "replicasets"),
        ("ds", "daemonsets"), ("sts", "statefulsets"), ("cm", "configmaps"), ("ns", "namespaces"),
        ("no", "nodes"), ("ev", "events"), ("sa", "serviceaccounts"), ("pv", "persistentvolumes"),
        ("pvc", "persistentvolumeclaims"), ("rc", "replicationcontrollers"), ("ep", "endpoints"),
        ("ing", "ingresses"), ("netpol", "networkpolicies"), ("pdb", "poddisruptionbudgets"),
        ("hpa", "horizontalpodautoscalers"), ("pc", "priorityclasses"), ("sc", "storageclasses"),
        ("cj", "cronjobs"), ("limits", "limitranges"), ("quota", "resourcequotas"),
    ])
    func shortNameResolvesToUpstreamResource(short: String, plural: String) {
        let found = BuiltinResources.find(name: short)
        #expect(!found.isEmpty)
        #expect(found.allSatisfy { $0.plural == plural })
    }

    @Test func categoryAllHoldsUpstreamsWorkloadsAndServices() {
        let all = Set(BuiltinResources.find(category: "all").map(\.plural))
        #expect(all == ["pods", "services", "replicationcontrollers", "daemonsets", "deployments", "replicasets",
                        "statefulsets", "horizontalpodautoscalers", "cronjobs", "jobs"])
    }

    @Test(arguments: [
        ("namespaces", false), ("nodes", false), ("persistentvolumes", false), ("clusterroles", false),
        ("clusterrolebindings", false), ("storageclasses", false), ("priorityclasses", false), ("ingressclasses", false),
        ("pods", true), ("events", true), ("leases", true), ("roles", true), ("endpointslices", true),
    ])
    func scopeMatchesUpstream(plural: String, namespaced: Bool) {
        let found = BuiltinResources.find(name: plural)
        #expect(!found.isEmpty)
        #expect(found.allSatisfy { $0.namespaced == namespaced })
    }

    @Test func namespacesCannotBeDeletedAsACollection() throws {
        let ns = try #require(BuiltinResources.find(group: "", version: "v1", plural: "namespaces"))
        #expect(!ns.verbs.contains("deletecollection"))
        let pods = try #require(BuiltinResources.find(group: "", version: "v1", plural: "pods"))
        #expect(pods.verbs == ResourceType.standardVerbs)
    }

    @Test func lookupsFindByGroupVersionPluralKindAndName() throws {
        let deploy = try #require(BuiltinResources.find(group: "apps", version: "v1", plural: "deployments"))
        #expect(deploy.kind == "Deployment" && deploy.singular == "deployment")
        #expect(BuiltinResources.find(group: "apps", version: "v1", kind: "ReplicaSet")?.plural == "replicasets")
        #expect(BuiltinResources.find(group: "", version: "v1", plural: "deployments") == nil)
        #expect(BuiltinResources.find(group: "autoscaling", kind: "HorizontalPodAutoscaler").map(\.version) == ["v2", "v1"])
        #expect(BuiltinResources.find(name: "Deployment").map(\.plural) == ["deployments"])
        #expect(BuiltinResources.find(name: "events").map(\.group) == ["", "events.k8s.io"])
        #expect(BuiltinResources.find(name: "events", group: "events.k8s.io").count == 1)
        #expect(BuiltinResources.find(name: "nonsense").isEmpty)
    }

    @Test func groupVersionsStartWithCoreAndHaveNoRepeats() {
        let gvs = BuiltinResources.groupVersions.map { $0.group.isEmpty ? $0.version : "\($0.group)/\($0.version)" }
        #expect(gvs.first == "v1")
        #expect(Set(gvs).count == gvs.count)
        #expect(gvs.contains("autoscaling/v2") && gvs.contains("autoscaling/v1"))
    }

    @Test func everyPrinterHasANameColumnAndOneCellPerColumn() {
        let blank: JSONValue = ["metadata": ["name": "x", "creationTimestamp": "2024-06-01T11:00:00Z"]]
        for r in BuiltinResources.all {
            let cells = r.printer.cells(blank, .now)
            #expect(cells.count == r.printer.columns.count, "\(r.kind)")
            #expect(r.printer.columns.contains { $0.format == "name" }, "\(r.kind)")
        }
    }
}
