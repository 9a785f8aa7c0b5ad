import Testing
import KubeMachinery
@testable import KubeResources

@Suite struct StrategyWorkloadTests {
    static let templateJSON = #"{"metadata":{"labels":{"app":"web"}},"spec":{"containers":[{"name":"web","image":"nginx:1"}]}}"#
    static let defaultedPodSpec = StrategyTest.json(#"""
        {"containers":[{"name":"web","image":"nginx:1","imagePullPolicy":"IfNotPresent","resources":{},
          "terminationMessagePath":"/dev/termination-log","terminationMessagePolicy":"File"}],
         "dnsPolicy":"ClusterFirst","restartPolicy":"Always","schedulerName":"default-scheduler",
         "securityContext":{},"terminationGracePeriodSeconds":30}
        """#)

    static func object(_ apiVersion: String, _ kind: String, spec: String) -> JSONValue {
        StrategyTest.json(#"{"apiVersion":""# + apiVersion + #"","kind":""# + kind + #"","metadata":{"name":"w","namespace":"default"},"spec":"# + spec + "}")
    }

    static func deployment(_ extra: String = "") -> JSONValue {
        object("apps/v1", "Deployment", spec: #"{"selector":{"matchLabels":{"app":"web"}},"template":"# + templateJSON + extra + "}")
    }

    @Test func deploymentDefaultsMatchUpstream() {
        let (out, errs) = StrategyTest.create(DeploymentStrategy(), Self.deployment())
        #expect(errs.isEmpty)
        var spec = out["spec"]
        #expect(spec?[path: ["template", "spec"]] == Self.defaultedPodSpec)
        spec?["template"] = nil
        #expect(spec == StrategyTest.json(#"""
            {"replicas":1,"revisionHistoryLimit":10,"progressDeadlineSeconds":600,"selector":{"matchLabels":{"app":"web"}},
             "strategy":{"type":"RollingUpdate","rollingUpdate":{"maxSurge":"25%","maxUnavailable":"25%"}}}
            """#))
        // Templates do not get the pod-only defaults.
        #expect(out[path: ["spec", "template", "spec", "enableServiceLinks"]] == nil)
    }

    @Test func statefulSetDaemonSetAndReplicaSetDefaults() {
        let sts = StrategyTest.create(StatefulSetStrategy(), Self.object("apps/v1", "StatefulSet", spec:
            #"{"serviceName":"web","selector":{"matchLabels":{"app":"web"}},"template":"# + Self.templateJSON
            + #","volumeClaimTemplates":[{"metadata":{"name":"data"},"spec":{"accessModes":["ReadWriteOnce"],"resources":{"requests":{"storage":"1Gi"}}}}]}"#))
        #expect(sts.1.isEmpty)
        let s = sts.0["spec"]
        #expect(s?["podManagementPolicy"] == "OrderedReady")
        #expect(s?["updateStrategy"] == StrategyTest.json(#"{"type":"RollingUpdate","rollingUpdate":{"partition":0}}"#))
        #expect(s?["persistentVolumeClaimRetentionPolicy"] == StrategyTest.json(#"{"whenDeleted":"Retain","whenScaled":"Retain"}"#))
        #expect(s?["replicas"] == 1 && s?["revisionHistoryLimit"] == 10)
        #expect(s?["volumeClaimTemplates"]?.arrayValue?.first?[path: ["spec", "volumeMode"]] == "Filesystem")
        #expect(s?["volumeClaimTemplates"]?.arrayValue?.first?[path: ["status", "phase"]] == "Pending")

        let ds = StrategyTest.create(DaemonSetStrategy(), Self.object("apps/v1", "DaemonSet", spec:
            #"{"selector":{"matchLabels":{"app":"web"}},"template":"# + Self.templateJSON + "}"))
        #expect(ds.1.isEmpty)
        #expect(ds.0[path: ["spec", "updateStrategy"]] == StrategyTest.json(#"{"type":"RollingUpdate","rollingUpdate":{"maxUnavailable":1,"maxSurge":0}}"#))
        #expect(ds.0[path: ["spec", "revisionHistoryLimit"]] == 10)

        let rs = StrategyTest.create(ReplicaSetStrategy(), Self.object("apps/v1", "ReplicaSet", spec:
            #"{"selector":{"matchLabels":{"app":"web"}},"template":"# + Self.templateJSON + "}"))
        #expect(rs.1.isEmpty)
        #expect(rs.0[path: ["spec", "replicas"]] == 1)
    }

    @Test func replicationControllerSelectorAndLabelsDefaultFromTemplate() {
        let (out, errs) = StrategyTest.create(ReplicationControllerStrategy(), Self.object("v1", "ReplicationController", spec:
            #"{"template":"# + Self.templateJSON + "}"))
        #expect(errs.isEmpty)
        #expect(out[path: ["spec", "selector"]] == ["app": "web"])
        #expect(out[path: ["metadata", "labels"]] == ["app": "web"])
        #expect(out[path: ["spec", "replicas"]] == 1)
    }

    @Test(arguments: [
        (#"{"selector":{"matchLabels":{"app":"other"}},"template":"# + templateJSON + "}",
         [#"spec.template.metadata.labels: Invalid value: map[string]string{"app":"web"}: `selector` does not match template `labels`"#]),
        (#"{"template":"# + templateJSON + "}", ["spec.selector: Required value"]),
        (#"{"replicas":-1,"selector":{"matchLabels":{"app":"web"}},"template":"# + templateJSON + "}",
         ["spec.replicas: Invalid value: -1: must be greater than or equal to 0"]),
        (#"{"selector":{"matchLabels":{"app":"web"}},"template":{"metadata":{"labels":{"app":"web"}},"spec":{"restartPolicy":"Never","containers":[{"name":"web","image":"x"}]}}}"#,
         [#"spec.template.spec.restartPolicy: Unsupported value: "Never": supported values: "Always""#]),
        (#"{"selector":{"matchLabels":{"app":"web"}},"strategy":{"type":"Recreate","rollingUpdate":{"maxSurge":1}},"template":"# + templateJSON + "}",
         ["spec.strategy.rollingUpdate: Forbidden: may not be specified when strategy `type` is 'Recreate'"]),
        (#"{"selector":{"matchLabels":{"app":"web"}},"strategy":{"rollingUpdate":{"maxSurge":0,"maxUnavailable":0}},"template":"# + templateJSON + "}",
         ["spec.strategy.rollingUpdate.maxUnavailable: Invalid value: 0: may not be 0 when `maxSurge` is 0"]),
        (#"{"selector":{"matchLabels":{"app":"web"}},"strategy":{"rollingUpdate":{"maxUnavailable":"120%"}},"template":"# + templateJSON + "}",
         [#"spec.strategy.rollingUpdate.maxUnavailable: Invalid value: "120%": must not be greater than 100%"#]),
        (#"{"selector":{"matchLabels":{"app":"web"}},"template":{"metadata":{"labels":{"app":"web"}},"spec":{"containers":[{"name":"web"}]}}}"#,
         ["spec.template.spec.containers[0].image: Required value"]),
    ] as [(String, [String])])
    func deploymentValidationErrors(spec: String, expected: [String]) {
        let (_, errs) = StrategyTest.create(DeploymentStrategy(), Self.object("apps/v1", "Deployment", spec: spec))
        #expect(StrategyTest.messages(errs) == expected)
    }

    @Test func appsSelectorsAreImmutable() {
        let (old, _) = StrategyTest.create(DeploymentStrategy(), Self.deployment())
        var new = old
        new.set(["spec", "selector"], to: ["matchLabels": ["app": "web", "tier": "x"]])
        new.set(["spec", "template", "metadata", "labels"], to: ["app": "web", "tier": "x"])
        let errs = StrategyTest.update(DeploymentStrategy(), new, old: old)
        #expect(StrategyTest.messages(errs) == [
            #"spec.selector: Invalid value: &v1.LabelSelector{MatchLabels:map[string]string{"app":"web", "tier":"x"}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: field is immutable"#,
        ])
        var scaled = old
        scaled.set(["spec", "replicas"], to: 5)
        #expect(StrategyTest.update(DeploymentStrategy(), scaled, old: old).isEmpty)
    }

    @Test func deploymentStatusUpdatesKeepAnnotationsButNotSpecOrLabels() {
        let (old, _) = StrategyTest.create(DeploymentStrategy(), Self.deployment())
        var new = old
        new.set(["status"], to: ["replicas": 2])
        new.set(["metadata", "annotations"], to: ["deployment.kubernetes.io/revision": "2"])
        new.set(["metadata", "labels"], to: ["sneaky": "yes"])
        new.set(["spec", "replicas"], to: 9)
        DeploymentStrategy().prepareForStatusUpdate(&new, old: old)
        #expect(new["status"] == ["replicas": 2])
        #expect(new[path: ["metadata", "annotations"]] == ["deployment.kubernetes.io/revision": "2"])
        #expect(new[path: ["metadata", "labels"]] == nil)
        #expect(new["spec"] == old["spec"])
        // Other kinds keep everything but status.
        var rs = Self.object("apps/v1", "ReplicaSet", spec: "{}")
        let rsOld = rs
        rs.set(["metadata", "annotations"], to: ["a": "b"])
        ReplicaSetStrategy().prepareForStatusUpdate(&rs, old: rsOld)
        #expect(rs[path: ["metadata", "annotations"]] == nil)
    }

    @Test func statefulSetUpdatesOutsideTheAllowedFieldsAreForbidden() {
        let base = Self.object("apps/v1", "StatefulSet", spec: #"{"serviceName":"web","selector":{"matchLabels":{"app":"web"}},"template":"# + Self.templateJSON + "}")
        let (old, _) = StrategyTest.create(StatefulSetStrategy(), base)
        var renamed = old
        renamed.set(["spec", "serviceName"], to: "other")
        #expect(StrategyTest.messages(StrategyTest.update(StatefulSetStrategy(), renamed, old: old)) == [
            "spec: Forbidden: updates to statefulset spec for fields other than 'replicas', 'ordinals', 'template', 'updateStrategy', 'revisionHistoryLimit', 'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden",
        ])
        var scaled = old
        scaled.set(["spec", "replicas"], to: 3)
        scaled.set(["spec", "template", "spec", "containers"], to: [["name": "web", "image": "nginx:2"]])
        #expect(StrategyTest.update(StatefulSetStrategy(), scaled, old: old).isEmpty)
    }

    @Test func labelSelectorExpressionsAreEvaluated() {
        let m = LabelSelectorMatcher(StrategyTest.json(#"""
            {"matchLabels":{"app":"web"},"matchExpressions":[{"key":"tier","operator":"In","values":["a","b"]},{"key":"canary","operator":"DoesNotExist"}]}
            """#))
        #expect(m.matches(["app": "web", "tier": "a"]))
        #expect(!m.matches(["app": "web", "tier": "c"]))
        #expect(!m.matches(["app": "web", "tier": "a", "canary": "1"]))
    }
}
