import Testing
import KubeMachinery
@testable import KubeResources

@Suite struct StrategyServiceTests {
    let strategy = ServiceStrategy()

    static func service(_ spec: String) -> JSONValue {
        StrategyTest.json(#"{"apiVersion":"v1","kind":"Service","metadata":{"name":"s","namespace":"default"},"spec":"# + spec + "}")
    }

    @Test func clusterIPServiceDefaultsAfterAllocation() {
        let (out, errs) = StrategyTest.create(strategy, Self.service(#"{"clusterIP":"10.96.0.10","selector":{"app":"web"},"ports":[{"port":80}]}"#))
        #expect(errs.isEmpty)
        #expect(out["spec"] == StrategyTest.json(#"""
            {"clusterIP":"10.96.0.10","clusterIPs":["10.96.0.10"],"internalTrafficPolicy":"Cluster","ipFamilies":["IPv4"],
             "ipFamilyPolicy":"SingleStack","ports":[{"port":80,"protocol":"TCP","targetPort":80}],"selector":{"app":"web"},
             "sessionAffinity":"None","type":"ClusterIP"}
            """#))
    }

    @Test func nodePortServiceGetsExternalTrafficPolicyAndLoadBalancerGetsNodePortAllocation() {
        var np = Self.service(#"{"type":"NodePort","clusterIP":"10.96.0.11","ports":[{"port":80,"targetPort":"http","nodePort":30080}]}"#)
        strategy.applyDefaults(&np)
        #expect(np[path: ["spec", "externalTrafficPolicy"]] == "Cluster")
        #expect(np[path: ["spec", "ports"]]?.arrayValue?.first?["targetPort"] == "http")
        var lb = Self.service(#"{"type":"LoadBalancer","clusterIP":"10.96.0.12","ports":[{"port":80}]}"#)
        strategy.applyDefaults(&lb)
        #expect(lb[path: ["spec", "allocateLoadBalancerNodePorts"]] == true)
    }

    @Test func headlessServiceWithoutSelectorMayUseBothFamilies() {
        var s = Self.service(#"{"clusterIP":"None"}"#)
        strategy.applyDefaults(&s)
        #expect(s[path: ["spec", "ipFamilyPolicy"]] == "RequireDualStack")
        #expect(s[path: ["spec", "ipFamilies"]] == ["IPv4", "IPv6"])
        #expect(strategy.validate(s).isEmpty)
    }

    @Test(arguments: [
        (#"{"clusterIP":"10.0.0.1"}"#, ["spec.ports: Required value"]),
        (#"{"clusterIP":"10.0.0.1","ports":[{"port":80},{"port":81}]}"#, ["spec.ports[0].name: Required value", "spec.ports[1].name: Required value"]),
        (#"{"clusterIP":"10.0.0.1","ports":[{"port":0}]}"#, ["spec.ports[0].port: Invalid value: 0: must be between 1 and 65535, inclusive",
                                                        "spec.ports[0].targetPort: Invalid value: 0: must be between 1 and 65535, inclusive"]),
        (#"{"clusterIP":"10.0.0.1","ports":[{"name":"a","port":80},{"name":"a","port":81}]}"#, [#"spec.ports[1].name: Duplicate value: "a""#]),
        (#"{"clusterIP":"10.0.0.1","ports":[{"port":80,"protocol":"HTTP"}]}"#, [#"spec.ports[0].protocol: Unsupported value: "HTTP": supported values: "SCTP", "TCP", "UDP""#]),
        (#"{"type":"Fancy","clusterIP":"10.0.0.1","ports":[{"port":80}]}"#, [#"spec.type: Unsupported value: "Fancy": supported values: "ClusterIP", "ExternalName", "LoadBalancer", "NodePort""#]),
        (#"{"clusterIP":"10.0.0.1","ports":[{"port":80,"nodePort":30000}]}"#, ["spec.ports[0].nodePort: Forbidden: may not be used when `type` is 'ClusterIP'"]),
        (#"{"type":"ExternalName"}"#, ["spec.externalName: Required value"]),
        (#"{"type":"NodePort","clusterIP":"None","ports":[{"port":80}]}"#, [#"spec.clusterIPs[0]: Invalid value: "None": may not be set to 'None' for NodePort services"#]),
    ] as [(String, [String])])
    func invalidServicesReportUpstreamErrors(spec: String, expected: [String]) {
        let (_, errs) = StrategyTest.create(strategy, Self.service(spec))
        #expect(StrategyTest.messages(errs) == expected)
    }

    @Test func clusterIPMayNotChangeButIsKeptWhenOmitted() {
        let (old, _) = StrategyTest.create(strategy, Self.service(#"{"clusterIP":"10.0.0.1","ports":[{"port":80}]}"#))
        let changed = StrategyTest.update(strategy, Self.service(#"{"clusterIP":"10.0.0.2","ports":[{"port":80}]}"#), old: old)
        #expect(StrategyTest.messages(changed) == [#"spec.clusterIPs[0]: Invalid value: []string{"10.0.0.2"}: may not change once set"#])
        var omitted = Self.service(#"{"ports":[{"port":8080}]}"#)
        strategy.prepareForUpdate(&omitted, old: old)
        #expect(omitted[path: ["spec", "clusterIP"]] == "10.0.0.1")
        #expect(StrategyTest.update(strategy, Self.service(#"{"ports":[{"port":8080}]}"#), old: old).isEmpty)
    }

    @Test func nodePortsAreCarriedOverWhenOmitted() {
        let (old, _) = StrategyTest.create(strategy, Self.service(#"{"type":"NodePort","clusterIP":"10.0.0.1","ports":[{"port":80,"nodePort":30001}]}"#))
        var new = Self.service(#"{"type":"NodePort","ports":[{"port":80}]}"#)
        strategy.prepareForUpdate(&new, old: old)
        #expect(new[path: ["spec", "ports"]]?.arrayValue?.first?["nodePort"] == 30001)
    }
}
