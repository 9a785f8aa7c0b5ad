import Testing
import KubeMachinery
@testable import KubeResources

/// A minimal protobuf writer for building test bodies by field number, independent of the
/// decoder's tables, so a wrong number or type in a table makes a test fail.
struct ProtobufTestBytes {
    var bytes: [UInt8] = []

    static func fromHex(_ hex: String) -> [UInt8] {
        let digits = hex.unicodeScalars.compactMap { UInt8(String($0), radix: 16) }
        return stride(from: 0, to: digits.count - 1, by: 2).map { digits[$0] << 4 | digits[$0 + 1] }
    }

    /// A full request body: magic, then `runtime.Unknown` with the object's message as `raw`.
    static func envelope(_ apiVersion: String, _ kind: String, _ object: ProtobufTestBytes, contentEncoding: String? = nil) -> [UInt8] {
        var unknown = ProtobufTestBytes()
            .message(1, ProtobufTestBytes().string(1, apiVersion).string(2, kind))
            .message(2, object)
        if let contentEncoding { unknown = unknown.string(3, contentEncoding) }
        return KubeProtobuf.magic + unknown.bytes
    }

    private static func varintBytes(_ value: UInt64) -> [UInt8] {
        var out: [UInt8] = []
        var v = value
        while v >= 0x80 {
            out.append(UInt8(v & 0x7F) | 0x80)
            v >>= 7
        }
        out.append(UInt8(v))
        return out
    }

    private func key(_ number: Int, _ wireType: UInt64) -> ProtobufTestBytes {
        var copy = self
        copy.bytes += Self.varintBytes(UInt64(number) << 3 | wireType)
        return copy
    }

    func varint(_ number: Int, _ value: Int64) -> ProtobufTestBytes {
        var copy = key(number, 0)
        copy.bytes += Self.varintBytes(UInt64(bitPattern: value))
        return copy
    }

    func bool(_ number: Int, _ value: Bool) -> ProtobufTestBytes { varint(number, value ? 1 : 0) }

    func raw(_ number: Int, _ payload: [UInt8]) -> ProtobufTestBytes {
        var copy = key(number, 2)
        copy.bytes += Self.varintBytes(UInt64(payload.count)) + payload
        return copy
    }

    func string(_ number: Int, _ value: String) -> ProtobufTestBytes { raw(number, Array(value.utf8)) }
    func message(_ number: Int, _ value: ProtobufTestBytes) -> ProtobufTestBytes { raw(number, value.bytes) }

    func packed(_ number: Int, _ values: [Int64]) -> ProtobufTestBytes {
        raw(number, values.flatMap { Self.varintBytes(UInt64(bitPattern: $0)) })
    }

    /// A `map<string, string>` entry (or any string-keyed map with a message value via `value`).
    func entry(_ number: Int, _ key: String, _ value: String) -> ProtobufTestBytes {
        message(number, ProtobufTestBytes().string(1, key).string(2, value))
    }

    func entry(_ number: Int, _ key: String, bytes value: [UInt8]) -> ProtobufTestBytes {
        message(number, ProtobufTestBytes().string(1, key).raw(2, value))
    }

    func entry(_ number: Int, _ key: String, message value: ProtobufTestBytes) -> ProtobufTestBytes {
        message(number, ProtobufTestBytes().string(1, key).message(2, value))
    }

    // Shapes used by several tests.
    static func meta(_ name: String, namespace: String = "") -> ProtobufTestBytes {
        // Like Go's marshaller: every non-pointer field written, even when empty.
        ProtobufTestBytes().string(1, name).string(2, "").string(3, namespace).string(4, "")
            .string(5, "").string(6, "").varint(7, 0).message(8, ProtobufTestBytes())
    }

    static func quantity(_ text: String) -> ProtobufTestBytes { ProtobufTestBytes().string(1, text) }
    static func intOrString(_ value: Int64) -> ProtobufTestBytes { ProtobufTestBytes().varint(1, 0).varint(2, value).string(3, "") }
    static func intOrString(_ value: String) -> ProtobufTestBytes { ProtobufTestBytes().varint(1, 1).varint(2, 0).string(3, value) }
}

struct ProtobufDecoderTests {
    typealias PB = ProtobufTestBytes

    private func decode(_ apiVersion: String, _ kind: String, _ object: PB) throws -> JSONValue {
        try KubeProtobuf.decodeObject(PB.envelope(apiVersion, kind, object))
    }

    @Test func namespaceKeepsLabelsAndFinalizersAndDropsEmptyMetadataStrings() throws {
        let ns = PB().message(1, PB.meta("team-a").entry(11, "env", "prod").entry(12, "note", ""))
            .message(2, PB().string(1, "kubernetes"))
        #expect(try decode("v1", "Namespace", ns) == [
            "apiVersion": "v1", "kind": "Namespace",
            "metadata": ["name": "team-a", "labels": ["env": "prod"], "annotations": ["note": ""]],
            "spec": ["finalizers": ["kubernetes"]],
        ])
    }

    @Test func configMapBinaryDataIsBase64AndExplicitImmutableFalseIsKept() throws {
        let cm = PB().message(1, PB.meta("cm", namespace: "default"))
            .entry(2, "key", "value").entry(3, "blob", bytes: [0x00, 0xFF, 0x10, 0x7F]).bool(4, false)
        #expect(try decode("v1", "ConfigMap", cm) == [
            "apiVersion": "v1", "kind": "ConfigMap",
            "metadata": ["name": "cm", "namespace": "default"],
            "data": ["key": "value"], "binaryData": ["blob": "AP8Qfw=="], "immutable": false,
        ])
    }

    @Test func secretDataBytesBecomeBase64IncludingEmptyValues() throws {
        let secret = PB().message(1, PB.meta("s", namespace: "default"))
            .entry(2, "token", bytes: Array("hello".utf8)).entry(2, "empty", bytes: [])
            .string(3, "Opaque").entry(4, "plain", "text")
        #expect(try decode("v1", "Secret", secret) == [
            "apiVersion": "v1", "kind": "Secret",
            "metadata": ["name": "s", "namespace": "default"],
            "data": ["token": "aGVsbG8=", "empty": ""], "type": "Opaque", "stringData": ["plain": "text"],
        ])
    }

    @Test func deploymentWithPodTemplateDecodesContainersResourcesEnvAndProbes() throws {
        let resources = PB()
            .entry(1, "cpu", message: PB.quantity("500m")).entry(1, "memory", message: PB.quantity("128Mi"))
            .entry(2, "cpu", message: PB.quantity("250m"))
        let secretKeyRef = PB().message(1, PB().string(1, "db")).string(2, "password").bool(3, false)
        let probe = PB().message(1, PB().message(2, PB().string(1, "/healthz").message(2, PB.intOrString("http"))))
            .varint(2, 5).varint(4, 0)
        let container = PB().string(1, "app").string(2, "nginx:1.27")
            .message(6, PB().string(1, "http").varint(2, 0).varint(3, 8080).string(4, "TCP").string(5, ""))
            .message(7, PB().string(1, "MODE").string(2, "fast"))
            .message(7, PB().string(1, "PASSWORD").message(3, PB().message(4, secretKeyRef)))
            .message(8, resources)
            .message(9, PB().string(1, "data").bool(2, false).string(3, "/data"))
            .message(11, probe)
            .bool(16, false)
            .message(15, PB().varint(4, 0).bool(7, false))
        let podSpec = PB()
            .message(1, PB().string(1, "data").message(2, PB().message(2, PB())))
            .message(2, container)
            .string(3, "Always")
        let template = PB().message(1, PB.meta("").entry(11, "app", "web")).message(2, podSpec)
        let spec = PB().varint(1, 0)
            .message(2, PB().entry(1, "app", "web"))
            .message(3, template)
            .message(4, PB().string(1, "RollingUpdate")
                .message(2, PB().message(1, PB.intOrString(1)).message(2, PB.intOrString("25%"))))
            .varint(5, 0)
        let deployment = PB().message(1, PB.meta("web", namespace: "prod")).message(2, spec).message(3, PB())

        #expect(try decode("apps/v1", "Deployment", deployment) == [
            "apiVersion": "apps/v1", "kind": "Deployment",
            "metadata": ["name": "web", "namespace": "prod"],
            "spec": [
                "replicas": 0,
                "selector": ["matchLabels": ["app": "web"]],
                "strategy": ["type": "RollingUpdate", "rollingUpdate": ["maxUnavailable": 1, "maxSurge": "25%"]],
                "template": [
                    "metadata": ["labels": ["app": "web"]],
                    "spec": [
                        "volumes": [["name": "data", "emptyDir": [:]]],
                        "restartPolicy": "Always",
                        "containers": [[
                            "name": "app", "image": "nginx:1.27",
                            "ports": [["name": "http", "containerPort": 8080, "protocol": "TCP"]],
                            "env": [
                                ["name": "MODE", "value": "fast"],
                                ["name": "PASSWORD", "valueFrom": ["secretKeyRef": ["name": "db", "key": "password", "optional": false]]],
                            ],
                            "resources": ["limits": ["cpu": "500m", "memory": "128Mi"], "requests": ["cpu": "250m"]],
                            "volumeMounts": [["name": "data", "mountPath": "/data"]],
                            "readinessProbe": ["httpGet": ["path": "/healthz", "port": "http"], "initialDelaySeconds": 5],
                            "securityContext": ["runAsUser": 0, "allowPrivilegeEscalation": false],
                        ]],
                    ],
                ],
            ],
            "status": [:],
        ])
    }

    @Test func serviceTargetPortIsIntOrStringAndClusterIPsRepeat() throws {
        let spec = PB()
            .message(1, PB().string(1, "web").string(2, "TCP").varint(3, 80).message(4, PB.intOrString(8080)).varint(5, 0))
            .message(1, PB().string(1, "metrics").string(2, "TCP").varint(3, 9090).message(4, PB.intOrString("metrics")).varint(5, 0))
            .entry(2, "app", "web").string(3, "10.0.0.10").string(4, "ClusterIP")
            .string(18, "10.0.0.10").string(17, "SingleStack")
        let service = PB().message(1, PB.meta("web", namespace: "default")).message(2, spec)
        #expect(try decode("v1", "Service", service) == [
            "apiVersion": "v1", "kind": "Service",
            "metadata": ["name": "web", "namespace": "default"],
            "spec": [
                "ports": [
                    ["name": "web", "protocol": "TCP", "port": 80, "targetPort": 8080],
                    ["name": "metrics", "protocol": "TCP", "port": 9090, "targetPort": "metrics"],
                ],
                "selector": ["app": "web"], "clusterIP": "10.0.0.10", "clusterIPs": ["10.0.0.10"],
                "type": "ClusterIP", "ipFamilyPolicy": "SingleStack",
            ],
        ])
    }

    @Test func jobKeepsPointerZerosLikeBackoffLimitAndSuspend() throws {
        let podSpec = PB().message(2, PB().string(1, "work").string(2, "busybox").string(3, "sh")).string(3, "Never")
        let spec = PB().varint(1, 2).varint(2, 4).varint(7, 0).message(6, PB().message(1, PB.meta("")).message(2, podSpec))
            .varint(8, 100).bool(10, false).string(9, "NonIndexed")
        let job = PB().message(1, PB.meta("batch", namespace: "ci")).message(2, spec)
        #expect(try decode("batch/v1", "Job", job) == [
            "apiVersion": "batch/v1", "kind": "Job",
            "metadata": ["name": "batch", "namespace": "ci"],
            "spec": [
                "parallelism": 2, "completions": 4, "backoffLimit": 0, "ttlSecondsAfterFinished": 100,
                "suspend": false, "completionMode": "NonIndexed",
                "template": ["metadata": [:], "spec": ["containers": [["name": "work", "image": "busybox", "command": ["sh"]]], "restartPolicy": "Never"]],
            ],
        ])
    }

    @Test func roleBindingAndRoleKeepEmptyStringsInsideLists() throws {
        let binding = PB().message(1, PB.meta("read", namespace: "dev"))
            .message(2, PB().string(1, "User").string(2, "rbac.authorization.k8s.io").string(3, "jane").string(4, ""))
            .message(3, PB().string(1, "rbac.authorization.k8s.io").string(2, "Role").string(3, "reader"))
        #expect(try decode("rbac.authorization.k8s.io/v1", "RoleBinding", binding) == [
            "apiVersion": "rbac.authorization.k8s.io/v1", "kind": "RoleBinding",
            "metadata": ["name": "read", "namespace": "dev"],
            "subjects": [["kind": "User", "apiGroup": "rbac.authorization.k8s.io", "name": "jane"]],
            "roleRef": ["apiGroup": "rbac.authorization.k8s.io", "kind": "Role", "name": "reader"],
        ])
        let role = PB().message(1, PB.meta("reader", namespace: "dev"))
            .message(2, PB().string(1, "get").string(1, "list").string(2, "").string(3, "pods"))
        #expect(try decode("rbac.authorization.k8s.io/v1", "Role", role)["rules"] == [
            ["verbs": ["get", "list"], "apiGroups": [""], "resources": ["pods"]],
        ])
    }

    @Test func timesBecomeRFC3339AndZeroTimesAreDropped() throws {
        let meta = PB.meta("e", namespace: "default").message(9, PB().varint(1, 1_700_000_000).varint(2, 0))
        let event = PB().message(1, meta)
            .message(2, PB().varint(1, 1_700_000_123).varint(2, 456_789_000))
            .message(8, PB().string(1, "Pod").string(3, "web-1"))
            .string(7, "Scheduled").message(14, PB())
        let decoded = try decode("events.k8s.io/v1", "Event", event)
        #expect(decoded["metadata"]?["deletionTimestamp"] == "2023-11-14T22:13:20Z")
        #expect(decoded["metadata"]?["creationTimestamp"] == nil)
        #expect(decoded["eventTime"] == "2023-11-14T22:15:23.456789Z")
        #expect(decoded["deprecatedLastTimestamp"] == nil)
        #expect(decoded["reason"] == "Scheduled")
        #expect(decoded["regarding"] == ["kind": "Pod", "name": "web-1"])
    }

    @Test func unknownFieldNumbersAreSkippedAtEveryWireType() throws {
        let meta = PB.meta("x").varint(90, 7).string(91, "future").raw(92, [1, 2, 3])
        var withFixed = meta
        withFixed.bytes += [0x99, 0x06] + [UInt8](repeating: 0xAB, count: 8)  // field 99, fixed64
        withFixed.bytes += [0xA5, 0x06] + [UInt8](repeating: 0xCD, count: 4)  // field 100, fixed32
        #expect(try decode("v1", "Namespace", PB().message(1, withFixed)) == [
            "apiVersion": "v1", "kind": "Namespace", "metadata": ["name": "x"],
        ])
    }

    @Test(arguments: [true, false])
    func repeatedIntegersDecodePackedAndUnpacked(packed: Bool) throws {
        var security = PB()
        if packed { security = security.packed(4, [1000, 2000]) } else { security = security.varint(4, 1000).varint(4, 2000) }
        let pod = PB().message(1, PB.meta("p")).message(2, PB().message(14, security))
        #expect(try decode("v1", "Pod", pod)["spec"]?["securityContext"] == ["supplementalGroups": [1000, 2000]])
    }

    @Test func rawExtensionEmbedsItsJSONDocument() throws {
        let revision = PB().message(1, PB.meta("web-1", namespace: "default"))
            .message(2, PB().string(1, #"{"spec":{"template":{"x":1}}}"#)).varint(3, 2)
        #expect(try decode("apps/v1", "ControllerRevision", revision) == [
            "apiVersion": "apps/v1", "kind": "ControllerRevision",
            "metadata": ["name": "web-1", "namespace": "default"],
            "data": ["spec": ["template": ["x": 1]]], "revision": 2,
        ])
    }

    @Test func deleteOptionsDecodeUnderAnyGroupVersion() throws {
        let options = PB().varint(1, 0).string(4, "Foreground").string(5, "All")
            .message(2, PB().string(1, "uid-1"))
        #expect(try decode("apps/v1", "DeleteOptions", options) == [
            "apiVersion": "apps/v1", "kind": "DeleteOptions",
            "gracePeriodSeconds": 0, "propagationPolicy": "Foreground", "dryRun": ["All"],
            "preconditions": ["uid": "uid-1"],
        ])
    }

    @Test func unknownKindIsRejectedWith415() throws {
        let error = #expect(throws: ProtobufDecodeError.self) {
            try decode("example.com/v1", "Widget", PB().message(1, PB.meta("w")))
        }
        #expect(error?.reason == .unknownKind(apiVersion: "example.com/v1", kind: "Widget"))
        #expect(error?.apiError.code == 415)
        #expect(KubeProtobuf.supports(apiVersion: "apps/v1", kind: "Deployment"))
        #expect(!KubeProtobuf.supports(apiVersion: "example.com/v1", kind: "Widget"))
    }

    @Test func bodyWithoutMagicIsRejected() {
        let error = #expect(throws: ProtobufDecodeError.self) { try KubeProtobuf.decodeObject(Array(#"{"kind":"Pod"}"#.utf8)) }
        #expect(error?.reason == .missingMagic)
        #expect(error?.apiError.code == 400)
    }

    @Test func gzipContentEncodingIsRejected() {
        let body = PB.envelope("v1", "Namespace", PB().message(1, PB.meta("x")), contentEncoding: "gzip")
        let error = #expect(throws: ProtobufDecodeError.self) { try KubeProtobuf.decodeObject(body) }
        #expect(error?.reason == .unsupportedContentEncoding("gzip"))
    }

    /// The object is the envelope's last field, so every cut shorter than it lands inside it.
    @Test(arguments: 1..<30)
    func everyTruncationInsideTheObjectFailsCleanly(cut: Int) throws {
        let body = PB.envelope("v1", "ConfigMap", PB().message(1, PB.meta("cm", namespace: "ns")).entry(2, "a", "b"))
        let truncated = Array(body.prefix(body.count - cut))
        #expect(throws: ProtobufDecodeError.self) { try KubeProtobuf.decodeObject(truncated) }
    }

    @Test func wrongWireTypeForAKnownFieldIsMalformed() {
        let body = PB.envelope("v1", "Namespace", PB().varint(1, 5))
        let error = #expect(throws: ProtobufDecodeError.self) { try KubeProtobuf.decodeObject(body) }
        #expect(error?.reason == .malformed)
    }
}

struct ProtobufWellKnownValueTests {
    @Test(arguments: [
        (Int64(0), "0s"), (999, "999ns"), (1_500, "1.5µs"), (100_000_000, "100ms"), (1_000_000_000, "1s"),
        (90_000_000_000, "1m30s"), (3_600_000_000_000, "1h0m0s"), (5_430_500_000_000, "1h30m30.5s"), (-2_000_000_000, "-2s"),
    ])
    func durationsUseGoFormat(nanoseconds: Int64, expected: String) {
        #expect(ProtobufWellKnownValues.goDuration(nanoseconds) == expected)
    }

    @Test(arguments: [
        (Int64(0), Int64?.none, "1970-01-01T00:00:00Z"),
        (951_782_400, nil, "2000-02-29T00:00:00Z"),
        (-1, nil, "1969-12-31T23:59:59Z"),
        (1_700_000_000, 1_234_567, "2023-11-14T22:13:20.001234Z"),
        (4_102_444_799, nil, "2099-12-31T23:59:59Z"),
    ])
    func timestampsAreRFC3339InUTC(seconds: Int64, nanos: Int64?, expected: String) {
        #expect(ProtobufWellKnownValues.rfc3339(seconds: seconds, nanos: nanos) == expected)
    }

    @Test(arguments: [([UInt8](), ""), ([0x66], "Zg=="), ([0x66, 0x6F], "Zm8="), (Array("foobar".utf8), "Zm9vYmFy")])
    func bytesAreStandardBase64(bytes: [UInt8], expected: String) {
        #expect(ProtobufWellKnownValues.base64(bytes[...]) == expected)
    }
}
