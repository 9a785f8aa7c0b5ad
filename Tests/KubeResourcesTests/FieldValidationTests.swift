import Testing
import KubeMachinery
@testable import KubeResources

struct FieldValidationTests {
    static func parse(_ text: String) throws -> JSONValue { try JSONValue.parse(text) }

    static let deployment = """
    {"apiVersion": "apps/v1", "kind": "Deployment",
     "metadata": {"name": "web", "namespace": "default", "labels": {"app": "web"}, "annotations": {"a": "b"},
                  "finalizers": ["example.com/x"], "ownerReferences": [{"apiVersion": "v1", "kind": "ConfigMap", "name": "o",
                  "uid": "123", "controller": true, "blockOwnerDeletion": true}], "generation": 3,
                  "creationTimestamp": "2024-01-01T00:00:00Z",
                  "managedFields": [{"manager": "kubectl", "operation": "Apply", "apiVersion": "apps/v1",
                                     "time": "2024-01-01T00:00:00Z", "fieldsType": "FieldsV1", "fieldsV1": {"f:spec": {}}}]},
     "spec": {"replicas": 3, "revisionHistoryLimit": 5, "progressDeadlineSeconds": 600, "minReadySeconds": 0,
              "selector": {"matchLabels": {"app": "web"}, "matchExpressions": [{"key": "tier", "operator": "In", "values": ["fe"]}]},
              "strategy": {"type": "RollingUpdate", "rollingUpdate": {"maxSurge": "25%", "maxUnavailable": 1}},
              "template": {"metadata": {"labels": {"app": "web"}},
                "spec": {"serviceAccountName": "web", "terminationGracePeriodSeconds": 30, "dnsPolicy": "ClusterFirst",
                  "nodeSelector": {"kubernetes.io/os": "linux"},
                  "affinity": {"podAntiAffinity": {"preferredDuringSchedulingIgnoredDuringExecution": [{"weight": 100,
                      "podAffinityTerm": {"topologyKey": "kubernetes.io/hostname", "labelSelector": {"matchLabels": {"app": "web"}}}}]},
                    "nodeAffinity": {"requiredDuringSchedulingIgnoredDuringExecution": {"nodeSelectorTerms": [{"matchExpressions":
                      [{"key": "kubernetes.io/arch", "operator": "In", "values": ["amd64", "arm64"]}]}]}}},
                  "tolerations": [{"key": "node-role.kubernetes.io/control-plane", "operator": "Exists", "effect": "NoSchedule"},
                                  {"key": "x", "operator": "Equal", "value": "y", "effect": "NoExecute", "tolerationSeconds": 300}],
                  "topologySpreadConstraints": [{"maxSkew": 1, "topologyKey": "topology.kubernetes.io/zone",
                    "whenUnsatisfiable": "ScheduleAnyway", "labelSelector": {"matchLabels": {"app": "web"}}}],
                  "securityContext": {"runAsNonRoot": true, "fsGroup": 2000, "seccompProfile": {"type": "RuntimeDefault"}},
                  "imagePullSecrets": [{"name": "regcred"}],
                  "initContainers": [{"name": "init", "image": "busybox:1.36", "command": ["sh", "-c", "echo hi"]}],
                  "containers": [{"name": "web", "image": "nginx:1.25", "imagePullPolicy": "IfNotPresent",
                    "args": ["--port", "8080"], "workingDir": "/app",
                    "ports": [{"name": "http", "containerPort": 8080, "protocol": "TCP"}],
                    "env": [{"name": "A", "value": "1"},
                            {"name": "POD", "valueFrom": {"fieldRef": {"fieldPath": "metadata.name"}}},
                            {"name": "CPU", "valueFrom": {"resourceFieldRef": {"resource": "limits.cpu", "divisor": "1m"}}},
                            {"name": "C", "valueFrom": {"configMapKeyRef": {"name": "cfg", "key": "c", "optional": true}}},
                            {"name": "S", "valueFrom": {"secretKeyRef": {"name": "sec", "key": "s"}}}],
                    "envFrom": [{"configMapRef": {"name": "cfg"}}, {"prefix": "S_", "secretRef": {"name": "sec"}}],
                    "resources": {"requests": {"cpu": "100m", "memory": "128Mi"}, "limits": {"cpu": 1, "memory": "256Mi"}},
                    "volumeMounts": [{"name": "data", "mountPath": "/data"}, {"name": "cfg", "mountPath": "/etc/cfg", "readOnly": true}],
                    "livenessProbe": {"httpGet": {"path": "/healthz", "port": "http", "httpHeaders": [{"name": "X", "value": "y"}]},
                                      "initialDelaySeconds": 5, "periodSeconds": 10},
                    "readinessProbe": {"tcpSocket": {"port": 8080}, "failureThreshold": 3},
                    "startupProbe": {"grpc": {"port": 9090}},
                    "lifecycle": {"preStop": {"exec": {"command": ["sleep", "5"]}}, "postStart": {"sleep": {"seconds": 1}}},
                    "securityContext": {"allowPrivilegeEscalation": false, "readOnlyRootFilesystem": true,
                                        "capabilities": {"drop": ["ALL"]}, "runAsUser": 1000},
                    "terminationMessagePath": "/dev/termination-log", "terminationMessagePolicy": "File",
                    "stdin": false, "tty": false,
                    "resizePolicy": [{"resourceName": "cpu", "restartPolicy": "NotRequired"}]}],
                  "volumes": [{"name": "data", "emptyDir": {"sizeLimit": "1Gi"}},
                              {"name": "cfg", "configMap": {"name": "cfg", "items": [{"key": "a", "path": "a.txt"}], "defaultMode": 420}},
                              {"name": "sec", "secret": {"secretName": "sec", "optional": true}},
                              {"name": "pvc", "persistentVolumeClaim": {"claimName": "claim"}},
                              {"name": "host", "hostPath": {"path": "/var/log", "type": "Directory"}},
                              {"name": "proj", "projected": {"sources": [{"serviceAccountToken": {"path": "token", "expirationSeconds": 3600}},
                                {"downwardAPI": {"items": [{"path": "labels", "fieldRef": {"fieldPath": "metadata.labels"}}]}}]}},
                              {"name": "eph", "ephemeral": {"volumeClaimTemplate": {"spec": {"accessModes": ["ReadWriteOnce"],
                                "resources": {"requests": {"storage": "1Gi"}}}}}},
                              {"name": "ebs", "awsElasticBlockStore": {"volumeID": "vol-1", "fsType": "ext4"}}]}}}}
    """

    static let service = """
    {"apiVersion": "v1", "kind": "Service", "metadata": {"name": "web"},
     "spec": {"type": "LoadBalancer", "selector": {"app": "web"}, "sessionAffinity": "ClientIP",
              "sessionAffinityConfig": {"clientIP": {"timeoutSeconds": 10800}}, "externalTrafficPolicy": "Local",
              "ipFamilyPolicy": "SingleStack", "ipFamilies": ["IPv4"], "clusterIP": "10.0.0.10", "clusterIPs": ["10.0.0.10"],
              "ports": [{"name": "http", "port": 80, "targetPort": "http", "protocol": "TCP", "nodePort": 30080},
                        {"name": "metrics", "port": 9090, "targetPort": 9090, "appProtocol": "http"}]},
     "status": {"loadBalancer": {"ingress": [{"ip": "1.2.3.4", "ipMode": "VIP"}]}}}
    """

    static let pod = """
    {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "p", "namespace": "default", "uid": "abc", "resourceVersion": "5"},
     "spec": {"restartPolicy": "Never", "nodeName": "n1", "hostNetwork": false, "hostname": "h", "subdomain": "s",
              "priorityClassName": "high", "priority": 1000, "schedulerName": "default-scheduler", "runtimeClassName": "runc",
              "enableServiceLinks": false, "preemptionPolicy": "Never", "os": {"name": "linux"},
              "overhead": {"cpu": "10m"}, "readinessGates": [{"conditionType": "example.com/ready"}],
              "schedulingGates": [{"name": "wait"}], "hostAliases": [{"ip": "127.0.0.1", "hostnames": ["foo.local"]}],
              "dnsConfig": {"nameservers": ["1.1.1.1"], "searches": ["svc.local"], "options": [{"name": "ndots", "value": "2"}]},
              "containers": [{"name": "c", "image": "busybox", "stdin": true, "tty": true, "restartPolicy": "Always"}],
              "ephemeralContainers": [{"name": "debug", "image": "busybox", "targetContainerName": "c"}],
              "volumes": [{"name": "nfs", "nfs": {"server": "nfs.local", "path": "/exports"}},
                          {"name": "csi", "csi": {"driver": "x.csi", "volumeAttributes": {"k": "v"}}},
                          {"name": "dapi", "downwardAPI": {"items": [{"path": "cpu", "resourceFieldRef": {"containerName": "c", "resource": "limits.cpu"}}]}}]},
     "status": {"phase": "Running", "podIP": "10.1.0.5", "podIPs": [{"ip": "10.1.0.5"}], "hostIP": "192.168.1.2",
                "startTime": "2024-01-01T00:00:00Z", "qosClass": "BestEffort",
                "conditions": [{"type": "Ready", "status": "True", "lastTransitionTime": "2024-01-01T00:00:00Z"}],
                "containerStatuses": [{"name": "c", "ready": true, "restartCount": 0, "image": "busybox", "imageID": "sha256:1",
                  "containerID": "containerd://x", "started": true,
                  "state": {"running": {"startedAt": "2024-01-01T00:00:00Z"}},
                  "lastState": {"terminated": {"exitCode": 1, "reason": "Error"}}}]}}
    """

    static let job = """
    {"apiVersion": "batch/v1", "kind": "Job", "metadata": {"name": "pi"},
     "spec": {"backoffLimit": 4, "completions": 5, "parallelism": 2, "completionMode": "Indexed", "activeDeadlineSeconds": 100,
              "ttlSecondsAfterFinished": 60, "suspend": false,
              "podFailurePolicy": {"rules": [{"action": "FailJob", "onExitCodes": {"containerName": "pi", "operator": "In", "values": [42]}},
                                             {"action": "Ignore", "onPodConditions": [{"type": "DisruptionTarget"}]}]},
              "template": {"spec": {"restartPolicy": "Never",
                "containers": [{"name": "pi", "image": "perl:5.34", "command": ["perl", "-Mbignum=bpi", "-wle", "print bpi(2000)"]}]}}},
     "status": {"active": 1, "startTime": "2024-01-01T00:00:00Z", "uncountedTerminatedPods": {"succeeded": ["u1"]}}}
    """

    static let configMap = """
    {"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "cfg", "labels": {"a": "b"}},
     "data": {"game.properties": "enemies=aliens\\nlives=3", "ui": "color=blue"}, "binaryData": {"bin": "AAEC"}, "immutable": false}
    """

    @Test("realistic manifests are accepted in full", arguments: [
        ("Deployment", deployment), ("Service", service), ("Pod", pod), ("Job", job), ("ConfigMap", configMap),
    ])
    func realisticManifestIsAccepted(kind: String, text: String) throws {
        let object = try Self.parse(text)
        let schema = try #require(BuiltinSchemas.schema(for: object))
        let problems = SchemaValidator.check(object, schema: schema)
        #expect(problems.isEmpty, "\(kind): \(problems)")
    }

    struct Case: Sendable, CustomStringConvertible {
        var description: String
        var edit: @Sendable (inout JSONValue) -> Void
        var expected: [FieldProblem]
    }

    static let cases: [Case] = [
        Case(description: "misspelled container field", edit: { o in
            o.set(["spec", "template", "spec", "containers"], to: [["name": "web", "image": "nginx", "imagee": "x"]])
        }, expected: [FieldProblem(kind: .unknownField, path: "spec.template.spec.containers[0].imagee",
                                   message: "unknown field \"spec.template.spec.containers[0].imagee\"")]),
        Case(description: "unknown top-level and metadata fields", edit: { o in
            o["extra"] = 1
            o.set(["metadata", "labelz"], to: ["a": "b"])
        }, expected: [
            FieldProblem(kind: .unknownField, path: "extra", message: "unknown field \"extra\""),
            FieldProblem(kind: .unknownField, path: "metadata.labelz", message: "unknown field \"metadata.labelz\""),
        ]),
        Case(description: "string replicas", edit: { o in o.set(["spec", "replicas"], to: "3") },
             expected: [FieldProblem(kind: .wrongType, path: "spec.replicas",
                 message: "json: cannot unmarshal string into Go struct field DeploymentSpec.spec.replicas of type int32")]),
        Case(description: "fractional port", edit: { o in
            o.set(["spec", "template", "spec", "containers"], to: [["name": "web", "ports": [["containerPort": 80.5]]]])
        }, expected: [FieldProblem(kind: .wrongType, path: "spec.template.spec.containers[0].ports[0].containerPort",
            message: "json: cannot unmarshal number 80.5 into Go struct field ContainerPort.spec.template.spec.containers.ports.containerPort of type int32")]),
        Case(description: "object where a list is expected", edit: { o in
            o.set(["spec", "template", "spec", "containers"], to: [["name": "web", "args": ["a": "b"]]])
        }, expected: [FieldProblem(kind: .wrongType, path: "spec.template.spec.containers[0].args",
            message: "json: cannot unmarshal object into Go struct field Container.spec.template.spec.containers.args of type []string")]),
        Case(description: "number where a label value is expected", edit: { o in
            o.set(["metadata", "labels"], to: ["app": 5])
        }, expected: [FieldProblem(kind: .wrongType, path: "metadata.labels.app",
            message: "json: cannot unmarshal number 5 into Go struct field ObjectMeta.metadata.labels.app of type string")]),
        Case(description: "boolean int-or-string", edit: { o in
            o.set(["spec", "strategy"], to: ["rollingUpdate": ["maxSurge": true]])
        }, expected: [FieldProblem(kind: .wrongType, path: "spec.strategy.rollingUpdate.maxSurge",
            message: "json: cannot unmarshal bool into Go struct field RollingUpdateDeployment.spec.strategy.rollingUpdate.maxSurge of type intstr.IntOrString")]),
        Case(description: "replicas beyond int32", edit: { o in o.set(["spec", "replicas"], to: .int(5_000_000_000)) },
             expected: [FieldProblem(kind: .wrongType, path: "spec.replicas",
                 message: "json: cannot unmarshal number 5000000000 into Go struct field DeploymentSpec.spec.replicas of type int32")]),
        Case(description: "nulls and free-form values are accepted", edit: { o in
            o.set(["spec", "replicas"], to: .null)
            o.set(["spec", "template", "spec", "volumes"], to: [["name": "v", "gcePersistentDisk": ["anything": [1, 2, ["x": true]]]]])
            o.set(["metadata", "managedFields"], to: [["fieldsV1": ["f:metadata": ["f:labels": [".": [:]]]]]])
        }, expected: []),
    ]

    @Test("validator reports unknown fields and type errors at upstream's paths", arguments: cases)
    func problemsAreFound(_ c: Case) throws {
        var object = try Self.parse(#"{"apiVersion": "apps/v1", "kind": "Deployment", "metadata": {"name": "d"}, "spec": {"selector": {}}}"#)
        c.edit(&object)
        let problems = SchemaValidator.check(object, schema: AppsSchemas.deployment)
        #expect(problems == c.expected)
    }

    @Test func freeFormSchemaAcceptsAnything() {
        #expect(SchemaValidator.check(["a": [1, "b", ["c": nil]]], schema: .freeForm()).isEmpty)
    }

    @Test(arguments: [JSONValue.int(1), .string("500m"), .double(0.5)])
    func quantityAcceptsStringsAndNumbers(_ value: JSONValue) {
        let pod: JSONValue = ["spec": ["containers": [["name": "c", "resources": ["limits": ["cpu": value]]]]]]
        #expect(SchemaValidator.check(pod, schema: PodSchemas.pod).isEmpty)
    }

    @Test func decodingFailureMessageMatchesUpstream() {
        let unknown = [FieldProblem(kind: .unknownField, path: "spec.a", message: "unknown field \"spec.a\""),
                       FieldProblem(kind: .unknownField, path: "spec.b", message: "unknown field \"spec.b\"")]
        #expect(FieldProblem.decodingFailureMessage(unknown, kind: "Deployment", version: "v1", strict: true)
                == "Deployment in version \"v1\" cannot be handled as a Deployment: strict decoding error: unknown field \"spec.a\", unknown field \"spec.b\"")
        #expect(FieldProblem.decodingFailureMessage(unknown, kind: "Deployment", version: "v1", strict: false) == nil)
        #expect(FieldProblem.warnings(unknown) == ["unknown field \"spec.a\"", "unknown field \"spec.b\""])
        let typed = unknown + [FieldProblem(kind: .wrongType, path: "spec.replicas", message: "json: boom")]
        #expect(FieldProblem.decodingFailureMessage(typed, kind: "Deployment", version: "v1", strict: false)
                == "Deployment in version \"v1\" cannot be handled as a Deployment: json: boom")
    }

    @Test("Secret data must be padded base64", arguments: [
        ("aGVsbG8=", nil), ("aGVsbG8gd29y\nbGQ=", nil), ("", nil),
        ("hello world", 5), ("aGVsbG8", 4), ("aGVs=G8=", 4), ("aGVsbG==x", 8), ("a===", 1),
    ] as [(String, Int?)])
    func secretDataIsBase64(_ text: String, _ badByte: Int?) {
        let secret: JSONValue = ["apiVersion": "v1", "kind": "Secret", "data": ["k": .string(text)]]
        let problems = SchemaValidator.check(secret, schema: CoreKindSchemas.secret)
        if let badByte {
            #expect(problems == [FieldProblem(kind: .wrongType, path: "data.k", message: "illegal base64 data at input byte \(badByte)")])
        } else {
            #expect(problems.isEmpty)
        }
    }
}
