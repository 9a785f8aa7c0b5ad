import KubeMachinery
import Testing

/// The strategic merge patches kubectl really sends (`kubectl apply`'s three-way patches,
/// `kubectl set image`), applied to a Deployment.
struct StrategicMergePatchKubectlTests {
    static let deployment = #"""
    {"apiVersion":"apps/v1","kind":"Deployment",
     "metadata":{"name":"web","labels":{"app":"web","tier":"fe"},"finalizers":["a","b"]},
     "spec":{"replicas":2,
       "strategy":{"type":"RollingUpdate","rollingUpdate":{"maxSurge":"25%","maxUnavailable":"25%"}},
       "template":{"metadata":{"labels":{"app":"web"}},"spec":{"containers":[
         {"name":"nginx","image":"nginx:1.24","ports":[{"containerPort":80}],
          "env":[{"name":"A","value":"1"},{"name":"B","value":"2"}]},
         {"name":"log","image":"busybox"}]}}}}
    """#

    /// Applies `patch` to the deployment and returns the result.
    private func patched(_ patch: String) throws -> JSONValue {
        try StrategicMergePatch.apply(json(patch), to: json(Self.deployment), schema: PatchTestSchemas.deployment)
    }

    @Test func setImageChangesOnlyThatContainersImage() throws {
        let result = try patched(#"{"spec":{"template":{"spec":{"containers":[{"name":"nginx","image":"nginx:1.25"}]}}}}"#)
        var expected = json(Self.deployment)
        expected.set(["spec", "template", "spec", "containers"], to: json(#"""
            [{"name":"nginx","image":"nginx:1.25","ports":[{"containerPort":80}],
              "env":[{"name":"A","value":"1"},{"name":"B","value":"2"}]},
             {"name":"log","image":"busybox"}]
            """#))
        #expect(result == expected)
    }

    @Test func applyRemovingAnEnvVarDeletesItByMergeKeyAndKeepsTheOrder() throws {
        let result = try patched(#"""
            {"spec":{"template":{"spec":{
              "$setElementOrder/containers":[{"name":"nginx"},{"name":"log"}],
              "containers":[{"$setElementOrder/env":[{"name":"A"}],"env":[{"$patch":"delete","name":"B"}],"name":"nginx"}]}}}}
            """#)
        #expect(result[path: ["spec", "template", "spec", "containers"]]?.arrayValue?.map { $0["name"] } == ["nginx", "log"])
        #expect(result[path: ["spec", "template", "spec", "containers"]]?.arrayValue?.first?["env"] == json(#"[{"name":"A","value":"1"}]"#))
        #expect(result[path: ["spec", "template", "spec", "containers"]]?.arrayValue?.first?["image"] == "nginx:1.24")
    }

    @Test func applyRemovingALabelSendsNull() throws {
        let result = try patched(#"{"metadata":{"labels":{"tier":null}}}"#)
        #expect(result[path: ["metadata", "labels"]] == ["app": "web"])
        #expect(result[path: ["spec", "replicas"]] == 2)
    }

    @Test func applyRemovingAFinalizerSendsSetElementOrderAndADeletionList() throws {
        let result = try patched(#"{"metadata":{"$setElementOrder/finalizers":["a"],"$deleteFromPrimitiveList/finalizers":["b"]}}"#)
        #expect(result[path: ["metadata", "finalizers"]] == ["a"])
    }

    @Test func applyAddingAFinalizerPutsItWhereTheOrderListSays() throws {
        let result = try patched(#"{"metadata":{"$setElementOrder/finalizers":["a","b","c"],"finalizers":["c"]}}"#)
        #expect(result[path: ["metadata", "finalizers"]] == ["a", "b", "c"])
    }

    @Test func applyAddingAContainerAppendsItAsTheOrderListSays() throws {
        let result = try patched(#"""
            {"spec":{"template":{"spec":{
              "$setElementOrder/containers":[{"name":"nginx"},{"name":"log"},{"name":"metrics"}],
              "containers":[{"name":"metrics","image":"prom"}]}}}}
            """#)
        let names = result[path: ["spec", "template", "spec", "containers"]]?.arrayValue?.map { $0["name"] }
        #expect(names == ["nginx", "log", "metrics"])
    }

    @Test func applySwitchingToRecreateClearsRollingUpdateThroughRetainKeys() throws {
        let result = try patched(#"{"spec":{"strategy":{"$retainKeys":["type"],"rollingUpdate":null,"type":"Recreate"}}}"#)
        #expect(result[path: ["spec", "strategy"]] == ["type": "Recreate"])
    }

    @Test func thePatchDoesNotChangeTheOriginalValue() throws {
        let original = json(Self.deployment)
        _ = try StrategicMergePatch.apply(json(#"{"metadata":{"labels":null}}"#), to: original, schema: PatchTestSchemas.deployment)
        #expect(original == json(Self.deployment))
    }
}
