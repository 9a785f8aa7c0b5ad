import Testing
import KubeMachinery
@testable import KubeResources

@Suite struct StrategyCoreKindsTests {
    @Test func namespaceIsActiveWithKubernetesFinalizerAndNameLabel() {
        let (out, errs) = StrategyTest.create(NamespaceStrategy(), StrategyTest.json(#"{"apiVersion":"v1","kind":"Namespace","metadata":{"name":"team-a"}}"#))
        #expect(errs.isEmpty)
        #expect(out[path: ["spec", "finalizers"]] == ["kubernetes"])
        #expect(out[path: ["status", "phase"]] == "Active")
        #expect(out[path: ["metadata", "labels", "kubernetes.io/metadata.name"]] == "team-a")
    }

    /// The API server checks metadata.name with every kind's name rule (a DNS-1123 label for
    /// namespaces); the strategy must not report it a second time.
    @Test func namespaceNameIsLeftToTheServersMetadataRules() {
        let (_, errs) = StrategyTest.create(NamespaceStrategy(), StrategyTest.json(#"{"metadata":{"name":"a.b"}}"#))
        #expect(errs.isEmpty)
    }

    @Test func namespaceFinalizersAreKeptOnUpdate() {
        let (old, _) = StrategyTest.create(NamespaceStrategy(), StrategyTest.json(#"{"metadata":{"name":"a"}}"#))
        var new = old
        new.set(["spec", "finalizers"], to: [])
        NamespaceStrategy().prepareForUpdate(&new, old: old)
        #expect(new[path: ["spec", "finalizers"]] == ["kubernetes"])
    }

    static func secret(_ body: String) -> JSONValue {
        StrategyTest.json(#"{"apiVersion":"v1","kind":"Secret","metadata":{"name":"s","namespace":"default"},"# + body + "}")
    }

    @Test func secretDefaultsToOpaqueAndFoldsStringData() {
        let (out, errs) = StrategyTest.create(SecretStrategy(), Self.secret(#""stringData":{"user":"admin"}"#))
        #expect(errs.isEmpty)
        #expect(out["type"] == "Opaque")
        #expect(out["data"] == ["user": "YWRtaW4="])
        #expect(out["stringData"] == nil)
    }

    @Test(arguments: [
        (#""type":"kubernetes.io/tls","data":{}"#, ["data[tls.crt]: Required value", "data[tls.key]: Required value"]),
        (#""data":{"a b":"eA=="}"#, [#"data[a b]: Invalid value: "a b": a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')"#]),
        (#""type":"kubernetes.io/basic-auth","data":{}"#, ["data[username]: Required value", "data[password]: Required value"]),
    ] as [(String, [String])])
    func secretValidation(body: String, expected: [String]) {
        let (_, errs) = StrategyTest.create(SecretStrategy(), Self.secret(body))
        #expect(StrategyTest.messages(errs) == expected)
    }

    @Test func immutableSecretsAndConfigMapsRejectDataChanges() {
        let (old, _) = StrategyTest.create(SecretStrategy(), Self.secret(#""immutable":true,"data":{"a":"eA=="}"#))
        let changed = StrategyTest.update(SecretStrategy(), Self.secret(#""immutable":true,"data":{"a":"eQ=="}"#), old: old)
        #expect(StrategyTest.messages(changed) == ["data: Forbidden: field is immutable when `immutable` is set"])
        let unset = StrategyTest.update(SecretStrategy(), Self.secret(#""immutable":false,"data":{"a":"eA=="}"#), old: old)
        #expect(StrategyTest.messages(unset) == ["immutable: Forbidden: field is immutable when `immutable` is set"])
        let retyped = StrategyTest.update(SecretStrategy(), Self.secret(#""type":"kubernetes.io/tls","immutable":true,"data":{"a":"eA==","tls.crt":"","tls.key":""}"#), old: old)
        #expect(StrategyTest.messages(retyped).contains(#"type: Invalid value: "kubernetes.io/tls": field is immutable"#))

        let cm = StrategyTest.json(#"{"kind":"ConfigMap","metadata":{"name":"c"},"immutable":true,"data":{"k":"v"}}"#)
        var cm2 = cm
        cm2.set(["data"], to: ["k": "w"])
        #expect(StrategyTest.messages(ConfigMapStrategy().validateUpdate(cm2, old: cm)) == ["data: Forbidden: field is immutable when `immutable` is set"])
    }

    @Test func configMapKeysMayNotOverlapBinaryData() {
        let cm = StrategyTest.json(#"{"kind":"ConfigMap","metadata":{"name":"c"},"data":{"k":"v"},"binaryData":{"k":"eA=="}}"#)
        #expect(StrategyTest.messages(ConfigMapStrategy().validate(cm)) == [#"binaryData[k]: Invalid value: "k": duplicate of key present in data"#])
    }

    @Test func persistentVolumeClaimDefaultsAndRequirements() {
        let (out, errs) = StrategyTest.create(PersistentVolumeClaimStrategy(), StrategyTest.json(#"{"kind":"PersistentVolumeClaim","metadata":{"name":"c"},"spec":{}}"#))
        #expect(out[path: ["spec", "volumeMode"]] == "Filesystem")
        #expect(out[path: ["status", "phase"]] == "Pending")
        #expect(StrategyTest.messages(errs) == ["spec.accessModes: Required value: at least 1 access mode is required", "spec.resources[storage]: Required value"])
    }

    @Test func boundClaimSpecIsImmutableExceptStorageGrowth() {
        let (old, _) = StrategyTest.create(PersistentVolumeClaimStrategy(), StrategyTest.json(
            #"{"metadata":{"name":"c"},"spec":{"accessModes":["ReadWriteOnce"],"volumeName":"pv1","resources":{"requests":{"storage":"1Gi"}}}}"#))
        var grown = old
        grown.set(["spec", "resources", "requests", "storage"], to: "2Gi")
        #expect(StrategyTest.update(PersistentVolumeClaimStrategy(), grown, old: old).isEmpty)
        var shrunk = old
        shrunk.set(["spec", "resources", "requests", "storage"], to: "512Mi")
        #expect(StrategyTest.messages(StrategyTest.update(PersistentVolumeClaimStrategy(), shrunk, old: old)) == ["spec.resources.requests.storage: Forbidden: field can not be less than previous value"])
        var remoded = old
        remoded.set(["spec", "accessModes"], to: ["ReadWriteMany"])
        #expect(StrategyTest.messages(StrategyTest.update(PersistentVolumeClaimStrategy(), remoded, old: old)) == ["spec: Forbidden: spec is immutable after creation except resources.requests and volumeAttributesClassName for bound claims"])
    }

    @Test func persistentVolumeAndStorageClassDefaults() {
        var pv = StrategyTest.json(#"{"metadata":{"name":"pv"},"spec":{"capacity":{"storage":"1Gi"},"accessModes":["ReadWriteOnce"],"hostPath":{"path":"/d"}}}"#)
        PersistentVolumeStrategy().applyDefaults(&pv)
        #expect(pv[path: ["spec", "persistentVolumeReclaimPolicy"]] == "Retain")
        #expect(pv[path: ["spec", "volumeMode"]] == "Filesystem")
        #expect(PersistentVolumeStrategy().validate(pv).isEmpty)
        var sc = StrategyTest.json(#"{"metadata":{"name":"fast"},"provisioner":"example.com/fast"}"#)
        StorageClassStrategy().applyDefaults(&sc)
        #expect(sc["reclaimPolicy"] == "Delete" && sc["volumeBindingMode"] == "Immediate")
        var sc2 = sc
        sc2["parameters"] = ["a": "b"]
        #expect(StrategyTest.messages(StorageClassStrategy().validateUpdate(sc2, old: sc)) == ["parameters: Forbidden: updates to parameters are forbidden."])
    }

    @Test func limitRangeContainerDefaultsComeFromMaxThenDefault() {
        var lr = StrategyTest.json(#"{"metadata":{"name":"l"},"spec":{"limits":[{"type":"Container","max":{"cpu":"2"},"default":{"memory":"1Gi"}}]}}"#)
        LimitRangeStrategy().applyDefaults(&lr)
        let item = lr[path: ["spec", "limits"]]?.arrayValue?.first
        #expect(item?["default"] == ["cpu": "2", "memory": "1Gi"])
        #expect(item?["defaultRequest"] == ["cpu": "2", "memory": "1Gi"])
    }

    @Test func nodeAllocatableDefaultsToCapacity() {
        var node = StrategyTest.json(#"{"metadata":{"name":"n"},"status":{"capacity":{"cpu":"4"}}}"#)
        NodeStrategy().applyDefaults(&node)
        #expect(node[path: ["status", "allocatable"]] == ["cpu": "4"])
    }
}
