import Testing
import KubeMachinery
@testable import KubeResources

/// Descends through named fields, stepping into list items on the way.
func schemaAt(_ root: Schema, _ path: [String]) -> Schema? {
    var current: Schema? = root
    for name in path {
        if current?.kind == .array { current = current?.items }
        current = current?.field(name)
    }
    return current
}

struct SchemaLookupTests {
    static let builtinKinds: [(String, String, String)] = [
        ("", "v1", "Pod"), ("", "v1", "PodTemplate"), ("", "v1", "Service"), ("", "v1", "Endpoints"),
        ("", "v1", "ConfigMap"), ("", "v1", "Secret"), ("", "v1", "Namespace"), ("", "v1", "Node"),
        ("", "v1", "Event"), ("", "v1", "ServiceAccount"), ("", "v1", "PersistentVolume"),
        ("", "v1", "PersistentVolumeClaim"), ("", "v1", "LimitRange"), ("", "v1", "ResourceQuota"),
        ("", "v1", "ReplicationController"),
        ("apps", "v1", "Deployment"), ("apps", "v1", "ReplicaSet"), ("apps", "v1", "DaemonSet"),
        ("apps", "v1", "StatefulSet"), ("apps", "v1", "ControllerRevision"),
        ("batch", "v1", "Job"), ("batch", "v1", "CronJob"),
        ("coordination.k8s.io", "v1", "Lease"), ("discovery.k8s.io", "v1", "EndpointSlice"),
        ("events.k8s.io", "v1", "Event"), ("networking.k8s.io", "v1", "Ingress"),
        ("networking.k8s.io", "v1", "IngressClass"), ("networking.k8s.io", "v1", "NetworkPolicy"),
        ("rbac.authorization.k8s.io", "v1", "Role"), ("rbac.authorization.k8s.io", "v1", "ClusterRole"),
        ("rbac.authorization.k8s.io", "v1", "RoleBinding"), ("rbac.authorization.k8s.io", "v1", "ClusterRoleBinding"),
        ("storage.k8s.io", "v1", "StorageClass"), ("policy", "v1", "PodDisruptionBudget"),
        ("autoscaling", "v1", "HorizontalPodAutoscaler"), ("autoscaling", "v2", "HorizontalPodAutoscaler"),
        ("scheduling.k8s.io", "v1", "PriorityClass"),
        ("", "v1", "Binding"), ("policy", "v1", "Eviction"), ("autoscaling", "v1", "Scale"),
        ("authentication.k8s.io", "v1", "TokenRequest"),
    ]

    @Test("every built-in kind has a schema carrying its own group/version/kind and upstream's definition name",
          arguments: builtinKinds)
    func builtinKindIsFound(group: String, version: String, kind: String) throws {
        let schema = try #require(BuiltinSchemas.schema(group: group, version: version, kind: kind))
        #expect(schema.groupVersionKinds.contains { $0 == (group, version, kind) })
        let name = try #require(schema.definitionName)
        #expect(name.hasPrefix("io.k8s.api."))
        #expect(name.hasSuffix("." + kind))
        #expect(schema.field("metadata")?.definitionName == "io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta")
        #expect(schema.field("apiVersion")?.kind == .string)
    }

    @Test func allListsExactlyTheTestedKinds() {
        #expect(BuiltinSchemas.all.count == Self.builtinKinds.count)
    }

    @Test func noSchemaDeclaresAFieldTwiceOrRequiresAnUndeclaredOne() {
        var seen = Set<ObjectIdentifier>()
        var stack = BuiltinSchemas.all
        while let s = stack.popLast() {
            guard seen.insert(ObjectIdentifier(s)).inserted else { continue }
            let names = s.properties.map(\.name)
            #expect(Set(names).count == names.count, "\(s.definitionName ?? "anonymous") repeats a field")
            for r in s.required { #expect(names.contains(r), "\(s.definitionName ?? "anonymous") requires undeclared \(r)") }
            stack += s.properties.map(\.schema)
            if let i = s.items { stack.append(i) }
            if let a = s.additionalProperties { stack.append(a) }
        }
        #expect(seen.count > 200)
    }

    @Test func unknownKindsHaveNoSchema() {
        #expect(BuiltinSchemas.schema(group: "apps", version: "v1beta1", kind: "Deployment") == nil)
        #expect(BuiltinSchemas.schema(group: "", version: "v1", kind: "Widget") == nil)
    }

    @Test func schemaForObjectReadsApiVersionAndKind() {
        #expect(BuiltinSchemas.schema(for: ["apiVersion": "apps/v1", "kind": "Deployment"])?.definitionName == "io.k8s.api.apps.v1.Deployment")
        #expect(BuiltinSchemas.schema(for: ["apiVersion": "v1", "kind": "Pod"])?.definitionName == "io.k8s.api.core.v1.Pod")
        #expect(BuiltinSchemas.schema(for: ["kind": "Pod"]) == nil)
    }

    struct MergeCase: Sendable, CustomStringConvertible {
        var kind: (String, String, String)
        var path: [String]
        var strategy: String?
        var key: String?
        var listType: String?
        var mapKeys: [String] = []
        var description: String { "\(kind.2).\(path.joined(separator: "."))" }
    }

    static let mergeCases: [MergeCase] = [
        MergeCase(kind: ("", "v1", "Pod"), path: ["spec", "containers"], strategy: "merge", key: "name", listType: "map", mapKeys: ["name"]),
        MergeCase(kind: ("", "v1", "Pod"), path: ["spec", "initContainers"], strategy: "merge", key: "name", listType: "map", mapKeys: ["name"]),
        MergeCase(kind: ("", "v1", "Pod"), path: ["spec", "ephemeralContainers"], strategy: "merge", key: "name", listType: "map", mapKeys: ["name"]),
        MergeCase(kind: ("", "v1", "Pod"), path: ["spec", "containers", "ports"], strategy: "merge", key: "containerPort",
                  listType: "map", mapKeys: ["containerPort", "protocol"]),
        MergeCase(kind: ("", "v1", "Pod"), path: ["spec", "containers", "env"], strategy: "merge", key: "name", listType: "map", mapKeys: ["name"]),
        MergeCase(kind: ("", "v1", "Pod"), path: ["spec", "containers", "volumeMounts"], strategy: "merge", key: "mountPath",
                  listType: "map", mapKeys: ["mountPath"]),
        MergeCase(kind: ("", "v1", "Pod"), path: ["spec", "containers", "volumeDevices"], strategy: "merge", key: "devicePath",
                  listType: "map", mapKeys: ["devicePath"]),
        MergeCase(kind: ("", "v1", "Pod"), path: ["spec", "volumes"], strategy: "merge,retainKeys", key: "name", listType: "map", mapKeys: ["name"]),
        MergeCase(kind: ("", "v1", "Pod"), path: ["spec", "imagePullSecrets"], strategy: "merge", key: "name", listType: "map", mapKeys: ["name"]),
        MergeCase(kind: ("", "v1", "Pod"), path: ["spec", "hostAliases"], strategy: "merge", key: "ip", listType: "map", mapKeys: ["ip"]),
        MergeCase(kind: ("", "v1", "Pod"), path: ["spec", "topologySpreadConstraints"], strategy: "merge", key: "topologyKey",
                  listType: "map", mapKeys: ["topologyKey", "whenUnsatisfiable"]),
        MergeCase(kind: ("", "v1", "Pod"), path: ["spec", "resourceClaims"], strategy: "merge,retainKeys", key: "name", listType: "map", mapKeys: ["name"]),
        MergeCase(kind: ("", "v1", "Pod"), path: ["spec", "schedulingGates"], strategy: "merge", key: "name", listType: "map", mapKeys: ["name"]),
        MergeCase(kind: ("", "v1", "Pod"), path: ["spec", "tolerations"], strategy: nil, key: nil, listType: "atomic"),
        MergeCase(kind: ("", "v1", "Pod"), path: ["status", "conditions"], strategy: "merge", key: "type", listType: "map", mapKeys: ["type"]),
        MergeCase(kind: ("", "v1", "Pod"), path: ["status", "podIPs"], strategy: "merge", key: "ip", listType: "map", mapKeys: ["ip"]),
        MergeCase(kind: ("", "v1", "Pod"), path: ["metadata", "finalizers"], strategy: "merge", key: nil, listType: "set"),
        MergeCase(kind: ("", "v1", "Pod"), path: ["metadata", "ownerReferences"], strategy: "merge", key: "uid", listType: "map", mapKeys: ["uid"]),
        MergeCase(kind: ("", "v1", "Node"), path: ["status", "conditions"], strategy: "merge", key: "type", listType: "map", mapKeys: ["type"]),
        MergeCase(kind: ("", "v1", "Node"), path: ["status", "addresses"], strategy: "merge", key: "type", listType: "map", mapKeys: ["type"]),
        MergeCase(kind: ("", "v1", "Service"), path: ["spec", "ports"], strategy: "merge", key: "port", listType: "map", mapKeys: ["port", "protocol"]),
        MergeCase(kind: ("apps", "v1", "Deployment"), path: ["spec", "strategy"], strategy: "retainKeys", key: nil, listType: nil),
        MergeCase(kind: ("apps", "v1", "Deployment"), path: ["status", "conditions"], strategy: "merge", key: "type", listType: "map", mapKeys: ["type"]),
        MergeCase(kind: ("apps", "v1", "Deployment"), path: ["spec", "template", "spec", "containers"], strategy: "merge", key: "name",
                  listType: "map", mapKeys: ["name"]),
        MergeCase(kind: ("apps", "v1", "StatefulSet"), path: ["spec", "template", "spec", "volumes"], strategy: "merge,retainKeys", key: "name",
                  listType: "map", mapKeys: ["name"]),
        MergeCase(kind: ("apps", "v1", "DaemonSet"), path: ["status", "conditions"], strategy: "merge", key: "type", listType: "map", mapKeys: ["type"]),
        MergeCase(kind: ("batch", "v1", "Job"), path: ["status", "conditions"], strategy: "merge", key: "type", listType: "atomic"),
        MergeCase(kind: ("batch", "v1", "CronJob"), path: ["spec", "jobTemplate", "spec", "template", "spec", "containers"],
                  strategy: "merge", key: "name", listType: "map", mapKeys: ["name"]),
    ]

    @Test("strategic merge and list-type metadata match upstream", arguments: mergeCases)
    func mergeMetadata(_ c: MergeCase) throws {
        let root = try #require(BuiltinSchemas.schema(group: c.kind.0, version: c.kind.1, kind: c.kind.2))
        let field = try #require(schemaAt(root, c.path))
        #expect(field.patchStrategy == c.strategy)
        #expect(field.patchMergeKey == c.key)
        #expect(field.listType == c.listType)
        #expect(field.listMapKeys == c.mapKeys)
    }

    @Test func containerDeclaresEveryCommonField() throws {
        let container = ContainerSchemas.container
        for name in ["name", "image", "command", "args", "workingDir", "ports", "env", "envFrom", "resources", "volumeMounts",
                     "livenessProbe", "readinessProbe", "startupProbe", "lifecycle", "securityContext", "imagePullPolicy",
                     "terminationMessagePath", "terminationMessagePolicy", "stdin", "tty", "restartPolicy", "resizePolicy"] {
            #expect(container.field(name) != nil, "Container.\(name)")
        }
        #expect(container.field("targetContainerName") == nil)
        #expect(ContainerSchemas.ephemeralContainer.field("targetContainerName") != nil)
        let probe = try #require(container.field("livenessProbe"))
        for handler in ["exec", "httpGet", "tcpSocket", "grpc"] { #expect(probe.field(handler) != nil) }
        let valueFrom = try #require(container.field("env")?.items?.field("valueFrom"))
        for source in ["fieldRef", "resourceFieldRef", "configMapKeyRef", "secretKeyRef"] { #expect(valueFrom.field(source) != nil) }
    }

    @Test func podSpecDeclaresEveryUpstreamField() throws {
        let spec = PodSchemas.podSpec
        for name in ["containers", "initContainers", "ephemeralContainers", "volumes", "affinity", "tolerations", "nodeSelector",
                     "nodeName", "topologySpreadConstraints", "securityContext", "serviceAccountName", "dnsPolicy", "dnsConfig",
                     "hostNetwork", "hostname", "subdomain", "priorityClassName", "schedulerName", "restartPolicy",
                     "terminationGracePeriodSeconds", "imagePullSecrets", "readinessGates", "overhead", "runtimeClassName",
                     "enableServiceLinks", "preemptionPolicy", "hostAliases", "os", "schedulingGates", "resourceClaims"] {
            #expect(spec.field(name) != nil, "PodSpec.\(name)")
        }
        let volume = try #require(spec.field("volumes")?.items)
        for source in ["emptyDir", "hostPath", "configMap", "secret", "persistentVolumeClaim", "projected", "downwardAPI",
                       "nfs", "csi", "ephemeral"] {
            #expect(volume.field(source)?.kind == .object, "Volume.\(source) is declared completely")
        }
        let affinity = try #require(spec.field("affinity"))
        for kind in ["nodeAffinity", "podAffinity", "podAntiAffinity"] { #expect(affinity.field(kind) != nil) }
    }

    @Test func quantitiesAndIntOrStringsUseUpstreamDefinitions() {
        let limits = schemaAt(PodSchemas.pod, ["spec", "containers", "resources", "limits"])
        #expect(limits?.additionalProperties?.definitionName == "io.k8s.apimachinery.pkg.api.resource.Quantity")
        let port = schemaAt(PodSchemas.pod, ["spec", "containers", "livenessProbe", "httpGet", "port"])
        #expect(port?.definitionName == "io.k8s.apimachinery.pkg.util.intstr.IntOrString")
        #expect(port?.kind == .intOrString)
    }
}
