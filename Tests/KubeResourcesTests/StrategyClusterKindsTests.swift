import Testing
import KubeMachinery
@testable import KubeResources

@Suite struct StrategyClusterKindsTests {
    @Test func priorityClassDefaultsAndRules() {
        var pc = StrategyTest.json(#"{"metadata":{"name":"high"},"value":1000}"#)
        PriorityClassStrategy().applyDefaults(&pc)
        #expect(pc["preemptionPolicy"] == "PreemptLowerPriority")
        #expect(PriorityClassStrategy().validate(pc).isEmpty)
        var changed = pc
        changed["value"] = 5
        #expect(StrategyTest.messages(PriorityClassStrategy().validateUpdate(changed, old: pc)) == ["value: Forbidden: may not be changed in an update."])
        let reserved = StrategyTest.json(#"{"metadata":{"name":"system-mine"},"value":1}"#)
        #expect(StrategyTest.messages(PriorityClassStrategy().validate(reserved)) == ["metadata.name: Forbidden: priority class names with 'system-' prefix are reserved"])
        let tooHigh = StrategyTest.json(#"{"metadata":{"name":"x"},"value":2000000000}"#)
        #expect(StrategyTest.messages(PriorityClassStrategy().validate(tooHigh)) == ["value: Forbidden: maximum allowed value of a user defined priority is 1000000000"])
    }

    @Test(arguments: [
        (#"{"podSelector":{}}"#, ["Ingress"]),
        (#"{"podSelector":{},"egress":[{}]}"#, ["Ingress", "Egress"]),
        (#"{"podSelector":{},"policyTypes":["Egress"]}"#, ["Egress"]),
    ] as [(String, [String])])
    func networkPolicyTypesDefaultFromRules(spec: String, types: [String]) {
        let expected = JSONValue.array(types.map { .string($0) })
        var np = StrategyTest.json(#"{"metadata":{"name":"n"},"spec":"# + spec + "}")
        NetworkPolicyStrategy().applyDefaults(&np)
        #expect(np[path: ["spec", "policyTypes"]] == expected)
        #expect(NetworkPolicyStrategy().validate(np).isEmpty)
    }

    @Test func hpaDefaultsToEightyPercentCPU() {
        var hpa = StrategyTest.json(#"{"metadata":{"name":"h"},"spec":{"scaleTargetRef":{"apiVersion":"apps/v1","kind":"Deployment","name":"web"},"maxReplicas":5}}"#)
        HorizontalPodAutoscalerStrategy().applyDefaults(&hpa)
        #expect(hpa[path: ["spec", "minReplicas"]] == 1)
        #expect(hpa[path: ["spec", "metrics"]] == StrategyTest.json(#"[{"type":"Resource","resource":{"name":"cpu","target":{"type":"Utilization","averageUtilization":80}}}]"#))
        #expect(hpa[path: ["spec", "behavior"]] == nil)
        #expect(HorizontalPodAutoscalerStrategy().validate(hpa).isEmpty)
        hpa.set(["spec", "minReplicas"], to: 6)
        #expect(StrategyTest.messages(HorizontalPodAutoscalerStrategy().validate(hpa)) == ["spec.maxReplicas: Invalid value: 5: must be greater than or equal to `minReplicas`"])
    }

    @Test func pdbMayNotSetBothBounds() {
        let pdb = StrategyTest.json(#"{"metadata":{"name":"p"},"spec":{"minAvailable":1,"maxUnavailable":"10%"}}"#)
        #expect(StrategyTest.messages(PodDisruptionBudgetStrategy().validate(pdb)) == ["spec: Invalid value: policy.PodDisruptionBudgetSpec{...}: minAvailable and maxUnavailable cannot be both set"])
    }

    @Test func ingressPathsNeedTypesAndBackends() {
        let ing = StrategyTest.json(#"{"metadata":{"name":"i"},"spec":{"rules":[{"host":"example.com","http":{"paths":[{"path":"api","pathType":"Prefix","backend":{"service":{"name":"web"}}},{"path":"/","backend":{"service":{"name":"web","port":{"number":80}}}}]}}]}}"#)
        #expect(StrategyTest.messages(IngressStrategy().validate(ing)) == [
            #"spec.rules[0].http.paths[0].path: Invalid value: "api": must be an absolute path"#,
            "spec.rules[0].http.paths[0].backend.service.port: Required value: port name or number is required",
            "spec.rules[0].http.paths[1].pathType: Required value: pathType must be specified",
        ])
    }

    @Test func rbacRulesAndBindings() {
        let role = StrategyTest.json(#"{"metadata":{"name":"r"},"rules":[{"verbs":[],"resources":["pods"]},{"verbs":["get"],"nonResourceURLs":["/healthz"]}]}"#)
        #expect(StrategyTest.messages(RoleStrategy(namespaced: true).validate(role)) == [
            "rules[0].verbs: Required value: verbs must contain at least one value",
            "rules[0].apiGroups: Required value: resource rules must supply at least one api group",
            #"rules[1].nonResourceURLs: Invalid value: []string{"/healthz"}: namespaced rules cannot apply to non-resource URLs"#,
        ])
        var binding = StrategyTest.json(#"{"metadata":{"name":"b"},"roleRef":{"kind":"Role","name":"r"},"subjects":[{"kind":"User","name":"alice"}]}"#)
        RoleBindingStrategy(namespaced: true).applyDefaults(&binding)
        #expect(binding[path: ["roleRef", "apiGroup"]] == "rbac.authorization.k8s.io")
        #expect(binding["subjects"]?.arrayValue?.first?["apiGroup"] == "rbac.authorization.k8s.io")
        #expect(RoleBindingStrategy(namespaced: true).validate(binding).isEmpty)
        var rebound = binding
        rebound.set(["roleRef", "name"], to: "other")
        #expect(StrategyTest.messages(RoleBindingStrategy(namespaced: true).validateUpdate(rebound, old: binding)) == [
            #"roleRef: Invalid value: rbac.RoleRef{APIGroup:"rbac.authorization.k8s.io", Kind:"Role", Name:"other"}: cannot change roleRef"#,
        ])
        let crb = StrategyTest.json(#"{"metadata":{"name":"b"},"roleRef":{"apiGroup":"rbac.authorization.k8s.io","kind":"Role","name":"r"}}"#)
        #expect(StrategyTest.messages(RoleBindingStrategy(namespaced: false).validate(crb)) == [#"roleRef.kind: Unsupported value: "Role": supported values: "ClusterRole""#])
    }

    @Test func endpointSliceAddressTypeIsRequiredAndFixed() {
        let es = StrategyTest.json(#"{"metadata":{"name":"e"},"addressType":"IPv4","endpoints":[{"addresses":["10.0.0.1"]}],"ports":[{"port":80}]}"#)
        var defaulted = es
        EndpointSliceStrategy().applyDefaults(&defaulted)
        #expect(defaulted["ports"] == StrategyTest.json(#"[{"port":80,"protocol":"TCP","name":""}]"#))
        #expect(EndpointSliceStrategy().validate(defaulted).isEmpty)
        var changed = defaulted
        changed["addressType"] = "IPv6"
        #expect(StrategyTest.messages(EndpointSliceStrategy().validateUpdate(changed, old: defaulted)) == [#"addressType: Invalid value: "IPv6": field is immutable"#])
    }

    @Test(arguments: [
        ("", "Pod", "PodStrategy"), ("apps", "Deployment", "DeploymentStrategy"), ("batch", "CronJob", "CronJobStrategy"),
        ("", "Service", "ServiceStrategy"), ("rbac.authorization.k8s.io", "ClusterRoleBinding", "RoleBindingStrategy"),
        ("", "ServiceAccount", "DefaultStrategy"), ("example.com", "Widget", "DefaultStrategy"),
    ])
    func builtinLookupFindsEachKindsStrategy(group: String, kind: String, type: String) {
        #expect(String(describing: Swift.type(of: BuiltinStrategies.strategy(group: group, kind: kind))) == type)
    }
}
