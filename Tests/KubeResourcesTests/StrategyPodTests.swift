import Testing
import KubeMachinery
@testable import KubeResources

@Suite struct StrategyPodTests {
    let strategy = PodStrategy()

    static func pod(_ spec: String) -> JSONValue {
        StrategyTest.json(#"{"apiVersion":"v1","kind":"Pod","metadata":{"name":"p","namespace":"default"},"spec":"# + spec + "}")
    }

    static let minimal = pod(#"{"containers":[{"name":"app","image":"nginx"}]}"#)

    @Test func minimalPodGetsUpstreamDefaultsAndPendingBestEffortStatus() {
        let (out, errs) = StrategyTest.create(strategy, Self.minimal)
        #expect(errs.isEmpty)
        let expected = StrategyTest.json(#"""
        {"apiVersion":"v1","kind":"Pod","metadata":{"name":"p","namespace":"default"},
         "spec":{"containers":[{"name":"app","image":"nginx","imagePullPolicy":"Always","resources":{},
                 "terminationMessagePath":"/dev/termination-log","terminationMessagePolicy":"File"}],
                 "dnsPolicy":"ClusterFirst","enableServiceLinks":true,"restartPolicy":"Always",
                 "schedulerName":"default-scheduler","securityContext":{},"terminationGracePeriodSeconds":30},
         "status":{"phase":"Pending","qosClass":"BestEffort"}}
        """#)
        #expect(out == expected)
    }

    @Test(arguments: [
        ("nginx", "Always"), ("nginx:latest", "Always"), ("nginx:1.25", "IfNotPresent"),
        ("registry:5000/nginx", "Always"), ("registry:5000/nginx:v1", "IfNotPresent"),
        ("nginx@sha256:abc", "IfNotPresent"), ("nginx:latest@sha256:abc", "Always"),
    ])
    func imagePullPolicyFollowsTheTag(image: String, policy: String) {
        #expect(PodSpecDefaults.imagePullPolicy(for: image) == policy)
    }

    @Test func volumesPortsProbesAndEnvAreDefaulted() {
        var p = Self.pod(#"""
        {"containers":[{"name":"app","image":"nginx:1","ports":[{"containerPort":80}],
          "env":[{"name":"NODE","valueFrom":{"fieldRef":{"fieldPath":"spec.nodeName"}}}],
          "livenessProbe":{"httpGet":{"port":80}},
          "volumeMounts":[{"name":"a","mountPath":"/a"}]}],
         "volumes":[{"name":"a"},{"name":"b","configMap":{"name":"c"}},{"name":"c","secret":{"secretName":"s"}},
                    {"name":"d","hostPath":{"path":"/x"}}]}
        """#)
        strategy.applyDefaults(&p)
        let c = p[path: ["spec", "containers"]]?.arrayValue?.first
        #expect(c?[path: ["ports"]] == StrategyTest.json(#"[{"containerPort":80,"protocol":"TCP"}]"#))
        #expect(c?[path: ["env"]]?.arrayValue?.first?[path: ["valueFrom", "fieldRef", "apiVersion"]] == "v1")
        #expect(c?["livenessProbe"] == StrategyTest.json(#"""
            {"httpGet":{"port":80,"path":"/","scheme":"HTTP"},"timeoutSeconds":1,"periodSeconds":10,"successThreshold":1,"failureThreshold":3}
            """#))
        let v = p[path: ["spec", "volumes"]]?.arrayValue ?? []
        #expect(v[0] == StrategyTest.json(#"{"name":"a","emptyDir":{}}"#))
        #expect(v[1] == StrategyTest.json(#"{"name":"b","configMap":{"name":"c","defaultMode":420}}"#))
        #expect(v[2] == StrategyTest.json(#"{"name":"c","secret":{"secretName":"s","defaultMode":420}}"#))
        #expect(v[3] == StrategyTest.json(#"{"name":"d","hostPath":{"path":"/x","type":""}}"#))
        #expect(strategy.validate(p).isEmpty)
    }

    @Test(arguments: [
        (#"[{"name":"a","image":"x","resources":{"limits":{"cpu":"1","memory":"1Gi"}}}]"#, "Guaranteed"),
        (#"[{"name":"a","image":"x","resources":{"requests":{"cpu":"1","memory":"1Gi"},"limits":{"cpu":"1000m","memory":"1024Mi"}}}]"#, "Guaranteed"),
        (#"[{"name":"a","image":"x","resources":{"requests":{"cpu":"100m"}}}]"#, "Burstable"),
        (#"[{"name":"a","image":"x","resources":{"limits":{"cpu":"1","memory":"1Gi"}}},{"name":"b","image":"x"}]"#, "Burstable"),
        (#"[{"name":"a","image":"x","resources":{"requests":{"cpu":"0"}}}]"#, "BestEffort"),
        (#"[{"name":"a","image":"x","resources":{"limits":{"cpu":"2","memory":"1Gi"},"requests":{"cpu":"1"}}}]"#, "Burstable"),
    ])
    func qosClassIsComputedFromDefaultedResources(containers: String, qos: String) {
        var p = Self.pod(#"{"containers":"# + containers + "}")
        strategy.prepareForCreate(&p)
        #expect(p[path: ["status", "qosClass"]] == .string(qos))
        #expect(p[path: ["status", "phase"]] == "Pending")
    }

    @Test func limitsWithoutRequestsDefaultTheRequests() {
        var p = Self.pod(#"{"containers":[{"name":"a","image":"x","resources":{"limits":{"cpu":"1"},"requests":{"memory":"1Mi"}}}]}"#)
        strategy.applyDefaults(&p)
        #expect(p[path: ["spec", "containers"]]?.arrayValue?.first?[path: ["resources", "requests"]]
                == StrategyTest.json(#"{"cpu":"1","memory":"1Mi"}"#))
    }

    static let dnsLabelMessage = "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')"

    @Test(arguments: [
        (#"{"containers":[]}"#, ["spec.containers: Required value"]),
        (#"{"containers":[{"name":"a"}]}"#, ["spec.containers[0].image: Required value"]),
        (#"{"containers":[{"image":"x"}]}"#, ["spec.containers[0].name: Required value"]),
        (#"{"containers":[{"name":"A_b","image":"x"}]}"#, [#"spec.containers[0].name: Invalid value: "A_b": "# + dnsLabelMessage]),
        (#"{"initContainers":[{"name":"a","image":"x"}],"containers":[{"name":"a","image":"x"}]}"#,
         [#"spec.containers[0].name: Duplicate value: "a""#]),
        (#"{"containers":[{"name":"a","image":"x","ports":[{"containerPort":70000}]}]}"#,
         ["spec.containers[0].ports[0].containerPort: Invalid value: 70000: must be between 1 and 65535, inclusive"]),
        (#"{"containers":[{"name":"a","image":"x","ports":[{"containerPort":0}]}]}"#,
         ["spec.containers[0].ports[0].containerPort: Required value"]),
        (#"{"containers":[{"name":"a","image":"x","ports":[{"name":"web","containerPort":80},{"name":"web","containerPort":81}]}]}"#,
         [#"spec.containers[0].ports[1].name: Duplicate value: "web""#]),
        (#"{"containers":[{"name":"a","image":"x","ports":[{"containerPort":80,"protocol":"HTTP"}]}]}"#,
         [#"spec.containers[0].ports[0].protocol: Unsupported value: "HTTP": supported values: "SCTP", "TCP", "UDP""#]),
        (#"{"containers":[{"name":"a","image":"x"}],"restartPolicy":"Sometimes"}"#,
         [#"spec.restartPolicy: Unsupported value: "Sometimes": supported values: "Always", "OnFailure", "Never""#]),
        (#"{"containers":[{"name":"a","image":"x"}],"dnsPolicy":"Google"}"#,
         [#"spec.dnsPolicy: Unsupported value: "Google": supported values: "ClusterFirst", "ClusterFirstWithHostNet", "Default", "None""#]),
        (#"{"containers":[{"name":"a","image":"x","volumeMounts":[{"name":"data","mountPath":"/d"}]}]}"#,
         [#"spec.containers[0].volumeMounts[0].name: Not found: "data""#]),
        (#"{"containers":[{"name":"a","image":"x"}],"volumes":[{"name":"v","emptyDir":{}},{"name":"v","emptyDir":{}}]}"#,
         [#"spec.volumes[1].name: Duplicate value: "v""#]),
        (#"{"containers":[{"name":"a","image":"x","resources":{"requests":{"cpu":"2"},"limits":{"cpu":"1"}}}]}"#,
         [#"spec.containers[0].resources.requests[cpu]: Invalid value: "2": must be less than or equal to cpu limit of 1"#]),
        (#"{"containers":[{"name":"a","image":"x","ports":[{"containerPort":80,"hostPort":8080}]},{"name":"b","image":"x","ports":[{"containerPort":81,"hostPort":8080}]}]}"#,
         [#"spec.containers[1].ports[0].hostPort: Duplicate value: "TCP//8080""#]),
        (#"{"containers":[{"name":"a","image":"x","livenessProbe":{"periodSeconds":5}}]}"#,
         ["spec.containers[0].livenessProbe: Required value: must specify a handler type"]),
        (#"{"containers":[{"name":"a","image":"x"}],"activeDeadlineSeconds":0}"#,
         ["spec.activeDeadlineSeconds: Invalid value: 0: must be between 1 and 2147483647, inclusive"]),
    ] as [(String, [String])])
    func invalidSpecsReportUpstreamPathsAndMessages(spec: String, expected: [String]) {
        let (_, errs) = StrategyTest.create(strategy, Self.pod(spec))
        #expect(StrategyTest.messages(errs) == expected)
    }

    static func created(_ spec: String) -> JSONValue {
        var p = pod(spec)
        PodStrategy().prepareForCreate(&p)
        PodStrategy().applyDefaults(&p)
        return p
    }

    @Test(arguments: [
        #"{"containers":[{"name":"a","image":"nginx:2"}]}"#,
        #"{"containers":[{"name":"a","image":"nginx:1"}],"activeDeadlineSeconds":30}"#,
        #"{"containers":[{"name":"a","image":"nginx:1"}],"tolerations":[{"key":"k","operator":"Exists"}]}"#,
    ])
    func allowedPodUpdatesPass(newSpec: String) {
        let old = Self.created(#"{"containers":[{"name":"a","image":"nginx:1"}]}"#)
        var new = Self.pod(newSpec)
        new["status"] = old["status"]
        #expect(StrategyTest.update(strategy, new, old: old).isEmpty)
    }

    @Test(arguments: [
        #"{"containers":[{"name":"a","image":"nginx:1","ports":[{"containerPort":80}]}]}"#,
        #"{"containers":[{"name":"a","image":"nginx:1"}],"nodeName":"node-1"}"#,
        #"{"containers":[{"name":"a","image":"nginx:1"},{"name":"b","image":"nginx:1"}]}"#,
    ])
    func otherPodSpecChangesAreForbidden(newSpec: String) {
        let old = Self.created(#"{"containers":[{"name":"a","image":"nginx:1"}]}"#)
        let errs = StrategyTest.update(strategy, Self.pod(newSpec), old: old)
        #expect(errs.count == 1)
        #expect(errs.first?.field == "spec")
        #expect(errs.first?.kind == .forbidden)
        #expect(errs.first?.description.hasPrefix(
            "spec: Forbidden: pod updates may not change fields other than `spec.containers[*].image`,`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,`spec.tolerations` (only additions to existing tolerations),`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)\n") == true)
    }

    @Test func activeDeadlineSecondsMayOnlyDecrease() {
        let old = Self.created(#"{"containers":[{"name":"a","image":"x"}],"activeDeadlineSeconds":10}"#)
        let raised = StrategyTest.update(strategy, Self.pod(#"{"containers":[{"name":"a","image":"x"}],"activeDeadlineSeconds":20}"#), old: old)
        #expect(StrategyTest.messages(raised) == ["spec.activeDeadlineSeconds: Invalid value: 20: must be less than or equal to previous value"])
        let removed = StrategyTest.update(strategy, Self.pod(#"{"containers":[{"name":"a","image":"x"}]}"#), old: old)
        #expect(StrategyTest.messages(removed) == ["spec.activeDeadlineSeconds: Invalid value: null: must not update from a positive integer to nil value"])
    }

    @Test func existingTolerationsMayNotBeRemoved() {
        let old = Self.created(#"{"containers":[{"name":"a","image":"x"}],"tolerations":[{"key":"k","operator":"Exists"}]}"#)
        let errs = StrategyTest.update(strategy, Self.pod(#"{"containers":[{"name":"a","image":"x"}]}"#), old: old)
        #expect(StrategyTest.messages(errs) == ["spec.tolerations: Forbidden: existing toleration can not be modified except its tolerationSeconds"])
    }

    @Test func schedulingGatesMayOnlyBeRemoved() {
        let old = Self.created(#"{"containers":[{"name":"a","image":"x"}],"schedulingGates":[{"name":"g1"},{"name":"g2"}]}"#)
        #expect(StrategyTest.update(strategy, Self.pod(#"{"containers":[{"name":"a","image":"x"}],"schedulingGates":[{"name":"g2"}]}"#), old: old).isEmpty)
        let added = StrategyTest.update(strategy, Self.pod(#"{"containers":[{"name":"a","image":"x"}],"schedulingGates":[{"name":"g1"},{"name":"g3"}]}"#), old: old)
        #expect(StrategyTest.messages(added) == ["spec.schedulingGates[1].name: Forbidden: only deletion is allowed, but found new scheduling gate 'g3'"])
    }

    @Test func specChangeBumpsGenerationButMetadataChangeDoesNot() {
        let old = Self.created(#"{"containers":[{"name":"a","image":"x"}]}"#)
        var relabelled = old
        relabelled.set(["metadata", "labels"], to: ["a": "b"])
        #expect(!strategy.specChanged(relabelled, old: old))
        var reimaged = old
        reimaged.set(["spec", "containers"], to: [["name": "a", "image": "y"]])
        #expect(strategy.specChanged(reimaged, old: old))
    }
}
