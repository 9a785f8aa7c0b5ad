import KubeMachinery
import Testing

/// One rule of strategic merge patch per case, over a pod-like schema.
struct StrategicMergePatchTests {
    static let twoContainers = #"""
    {"spec":{"containers":[
      {"name":"nginx","image":"nginx:1.24","ports":[{"containerPort":80,"name":"http"}],"env":[{"name":"A","value":"1"}]},
      {"name":"sidecar","image":"busybox"}]}}
    """#

    static let mapCases: [PatchCase] = [
        PatchCase("maps merge recursively and null deletes a key",
                  original: #"{"metadata":{"name":"p","labels":{"app":"web","tier":"fe"}}}"#,
                  patch: #"{"metadata":{"labels":{"tier":null,"env":"prod"}}}"#,
                  expected: #"{"metadata":{"name":"p","labels":{"app":"web","env":"prod"}}}"#),
        PatchCase("null for a key the original lacks is ignored, not stored",
                  original: #"{"metadata":{"name":"p"}}"#,
                  patch: #"{"metadata":{"labels":null,"annotations":{"a":null,"b":"1"}}}"#,
                  expected: #"{"metadata":{"name":"p","annotations":{"b":"1"}}}"#),
        PatchCase("a value of another JSON type replaces the original",
                  original: #"{"spec":{"nodeSelector":"oops"}}"#,
                  patch: #"{"spec":{"nodeSelector":{"disk":"ssd"}}}"#,
                  expected: #"{"spec":{"nodeSelector":{"disk":"ssd"}}}"#),
        PatchCase("$patch: replace on a map replaces its content",
                  original: #"{"spec":{"nodeSelector":{"zone":"a","disk":"hdd"}}}"#,
                  patch: #"{"spec":{"nodeSelector":{"$patch":"replace","disk":"ssd"}}}"#,
                  expected: #"{"spec":{"nodeSelector":{"disk":"ssd"}}}"#),
        PatchCase("$patch: delete on a map empties it",
                  original: #"{"spec":{"nodeSelector":{"zone":"a"},"x":1}}"#,
                  patch: #"{"spec":{"nodeSelector":{"$patch":"delete"}}}"#,
                  expected: #"{"spec":{"nodeSelector":{},"x":1}}"#),
        PatchCase("$patch: merge on a map is the default merge",
                  original: #"{"spec":{"nodeSelector":{"zone":"a"}}}"#,
                  patch: #"{"spec":{"nodeSelector":{"$patch":"merge","disk":"ssd"}}}"#,
                  expected: #"{"spec":{"nodeSelector":{"zone":"a","disk":"ssd"}}}"#),
        PatchCase("a map whose schema says replace is replaced",
                  original: #"{"spec":{"replacedSelector":{"zone":"a"}}}"#,
                  patch: #"{"spec":{"replacedSelector":{"disk":"ssd"}}}"#,
                  expected: #"{"spec":{"replacedSelector":{"disk":"ssd"}}}"#),
    ]

    static let listCases: [PatchCase] = [
        PatchCase("a merge list merges the element with the same key and keeps its other fields",
                  original: twoContainers,
                  patch: #"{"spec":{"containers":[{"name":"nginx","image":"nginx:1.25"}]}}"#,
                  expected: #"""
                  {"spec":{"containers":[
                    {"name":"nginx","image":"nginx:1.25","ports":[{"containerPort":80,"name":"http"}],"env":[{"name":"A","value":"1"}]},
                    {"name":"sidecar","image":"busybox"}]}}
                  """#),
        PatchCase("a new element goes before server-only elements, as upstream orders it",
                  original: #"{"spec":{"containers":[{"name":"a","image":"x"}]}}"#,
                  patch: #"{"spec":{"containers":[{"name":"b","image":"y"}]}}"#,
                  expected: #"{"spec":{"containers":[{"name":"b","image":"y"},{"name":"a","image":"x"}]}}"#),
        PatchCase("nested merge lists merge by their own keys (ports by containerPort, env by name)",
                  original: twoContainers,
                  patch: #"{"spec":{"containers":[{"name":"nginx","ports":[{"containerPort":80,"protocol":"TCP"},{"containerPort":443}],"env":[{"name":"A","value":"2"}]}]}}"#,
                  expected: #"""
                  {"spec":{"containers":[
                    {"name":"nginx","image":"nginx:1.24","ports":[{"containerPort":80,"name":"http","protocol":"TCP"},{"containerPort":443}],"env":[{"name":"A","value":"2"}]},
                    {"name":"sidecar","image":"busybox"}]}}
                  """#),
        PatchCase("a merged primitive list is an ordered set",
                  original: #"{"metadata":{"finalizers":["a","b"]}}"#,
                  patch: #"{"metadata":{"finalizers":["b","c"]}}"#,
                  expected: #"{"metadata":{"finalizers":["a","b","c"]}}"#),
        PatchCase("a value new to a primitive merge list goes first, as upstream orders it",
                  original: #"{"metadata":{"finalizers":["a"]}}"#,
                  patch: #"{"metadata":{"finalizers":["c"]}}"#,
                  expected: #"{"metadata":{"finalizers":["c","a"]}}"#),
        PatchCase("a list without merge strategy is replaced",
                  original: #"{"spec":{"tolerations":[{"key":"a"}],"containers":[{"name":"c","args":["x","y"]}]}}"#,
                  patch: #"{"spec":{"tolerations":[{"key":"b"}],"containers":[{"name":"c","args":["z"]}]}}"#,
                  expected: #"{"spec":{"tolerations":[{"key":"b"}],"containers":[{"name":"c","args":["z"]}]}}"#),
        PatchCase("$patch: replace in a list makes the other patch elements the whole list",
                  original: twoContainers,
                  patch: #"{"spec":{"containers":[{"$patch":"replace"},{"name":"only","image":"z"}]}}"#,
                  expected: #"{"spec":{"containers":[{"name":"only","image":"z"}]}}"#),
        PatchCase("$patch: delete in a list element deletes the element with that merge key",
                  original: twoContainers,
                  patch: #"{"spec":{"containers":[{"name":"sidecar","$patch":"delete"}]}}"#,
                  expected: #"""
                  {"spec":{"containers":[
                    {"name":"nginx","image":"nginx:1.24","ports":[{"containerPort":80,"name":"http"}],"env":[{"name":"A","value":"1"}]}]}}
                  """#),
        PatchCase("$patch: delete for an element that is not there changes nothing",
                  original: #"{"spec":{"containers":[{"name":"a"}]}}"#,
                  patch: #"{"spec":{"containers":[{"name":"zz","$patch":"delete"}]}}"#,
                  expected: #"{"spec":{"containers":[{"name":"a"}]}}"#),
        PatchCase("$deleteFromPrimitiveList removes values from a primitive list",
                  original: #"{"metadata":{"finalizers":["a","b","c"]}}"#,
                  patch: #"{"metadata":{"$deleteFromPrimitiveList/finalizers":["b","zz"]}}"#,
                  expected: #"{"metadata":{"finalizers":["a","c"]}}"#),
        PatchCase("$deleteFromPrimitiveList runs after additions to the same list",
                  original: #"{"metadata":{"finalizers":["a","b"]}}"#,
                  patch: #"{"metadata":{"finalizers":["c"],"$deleteFromPrimitiveList/finalizers":["a"]}}"#,
                  expected: #"{"metadata":{"finalizers":["c","b"]}}"#),
        PatchCase("$setElementOrder reorders a merge list without changing it",
                  original: #"{"spec":{"containers":[{"name":"a"},{"name":"b"},{"name":"c"}]}}"#,
                  patch: #"{"spec":{"$setElementOrder/containers":[{"name":"c"},{"name":"a"},{"name":"b"}]}}"#,
                  expected: #"{"spec":{"containers":[{"name":"c"},{"name":"a"},{"name":"b"}]}}"#),
        PatchCase("$setElementOrder puts a new element where the order list says",
                  original: #"{"spec":{"containers":[{"name":"a"},{"name":"b"}]}}"#,
                  patch: #"{"spec":{"$setElementOrder/containers":[{"name":"a"},{"name":"n"},{"name":"b"}],"containers":[{"name":"n","image":"i"}]}}"#,
                  expected: #"{"spec":{"containers":[{"name":"a"},{"name":"n","image":"i"},{"name":"b"}]}}"#),
        PatchCase("$setElementOrder keeps a server-only element before the patch element it preceded",
                  original: #"{"spec":{"containers":[{"name":"a"},{"name":"s"},{"name":"b"}]}}"#,
                  patch: #"{"spec":{"$setElementOrder/containers":[{"name":"b"},{"name":"a"}]}}"#,
                  expected: #"{"spec":{"containers":[{"name":"s"},{"name":"b"},{"name":"a"}]}}"#),
        PatchCase("$setElementOrder orders a primitive list",
                  original: #"{"metadata":{"finalizers":["a","b"]}}"#,
                  patch: #"{"metadata":{"$setElementOrder/finalizers":["b","a"]}}"#,
                  expected: #"{"metadata":{"finalizers":["b","a"]}}"#),
    ]

    static let retainKeysCases: [PatchCase] = [
        PatchCase("$retainKeys clears the original keys it does not list",
                  original: #"{"spec":{"strategy":{"type":"RollingUpdate","rollingUpdate":{"maxSurge":1}}}}"#,
                  patch: #"{"spec":{"strategy":{"$retainKeys":["type"],"type":"Recreate"}}}"#,
                  expected: #"{"spec":{"strategy":{"type":"Recreate"}}}"#),
        PatchCase("$retainKeys inside a merge list element switches a volume's source",
                  original: #"{"spec":{"template":{"spec":{"volumes":[{"name":"data","emptyDir":{}},{"name":"other","emptyDir":{}}]}}}}"#,
                  patch: #"{"spec":{"template":{"spec":{"volumes":[{"name":"data","$retainKeys":["hostPath","name"],"hostPath":{"path":"/tmp"}}]}}}}"#,
                  expected: #"{"spec":{"template":{"spec":{"volumes":[{"name":"data","hostPath":{"path":"/tmp"}},{"name":"other","emptyDir":{}}]}}}}"#),
    ]

    static let unknownSchemaCases: [PatchCase] = [
        PatchCase("a field the schema does not know merges its maps and replaces its lists",
                  original: #"{"spec":{"extra":{"l":[1,2],"m":{"a":1,"b":2}}}}"#,
                  patch: #"{"spec":{"extra":{"l":[3],"m":{"a":null,"c":3}}}}"#,
                  expected: #"{"spec":{"extra":{"l":[3],"m":{"b":2,"c":3}}}}"#),
    ]

    static let directiveStrippingCases: [PatchCase] = [
        PatchCase("directives inside a field the original lacks never reach the result",
                  original: #"{"spec":{}}"#,
                  patch: #"""
                  {"spec":{"$setElementOrder/volumes":[{"name":"v"}],
                           "volumes":[{"name":"v","$retainKeys":["emptyDir","name"],"emptyDir":{"medium":null}}],
                           "nodeSelector":{"$patch":"replace","disk":"ssd"},
                           "containers":[{"name":"c","$setElementOrder/env":[{"name":"E"}],"env":[{"name":"E","value":"1"},{"name":"X","$patch":"delete"}]}]}}
                  """#,
                  expected: #"""
                  {"spec":{"volumes":[{"name":"v","emptyDir":{}}],"nodeSelector":{"disk":"ssd"},
                           "containers":[{"name":"c","env":[{"name":"E","value":"1"}]}]}}
                  """#),
        PatchCase("directive elements in a replaced list are dropped",
                  original: #"{"spec":{"tolerations":[{"key":"a"}]}}"#,
                  patch: #"{"spec":{"tolerations":[{"$patch":"replace"},{"key":"b"}]}}"#,
                  expected: #"{"spec":{"tolerations":[{"key":"b"}]}}"#),
    ]

    @Test(arguments: mapCases + listCases + retainKeysCases + unknownSchemaCases + directiveStrippingCases)
    func applies(_ c: PatchCase) throws {
        let result = try StrategicMergePatch.apply(json(c.patch), to: json(c.original), schema: schemaFor(c))
        #expect(result.serializedString() == json(c.expected).serializedString())
        #expect(!result.serializedString().contains("\"$"), "a directive key leaked into the result")
    }

    /// Cases under `spec.strategy` or `spec.template` are Deployments; the rest are Pods.
    private func schemaFor(_ c: PatchCase) -> Schema {
        c.patch.contains("\"strategy\"") || c.patch.contains("\"template\"") ? PatchTestSchemas.deployment : PatchTestSchemas.pod
    }

    @Test func withoutASchemaMapsMergeAndListsAreReplaced() throws {
        let original = json(#"{"metadata":{"labels":{"a":"1"},"finalizers":["x"]},"spec":{"containers":[{"name":"a"}]}}"#)
        let patch = json(#"{"metadata":{"labels":{"b":"2"},"finalizers":["y"]},"spec":{"containers":[{"name":"b"}]}}"#)
        let result = try StrategicMergePatch.apply(patch, to: original, schema: nil)
        #expect(result == json(#"{"metadata":{"labels":{"a":"1","b":"2"},"finalizers":["y"]},"spec":{"containers":[{"name":"b"}]}}"#))
    }

    static let failureCases: [PatchFailureCase] = [
        PatchFailureCase("a patch that is not an object is 400",
                         patch: #"[{"op":"add"}]"#, code: 400, messageContains: "cannot unmarshal array"),
        PatchFailureCase("$retainKeys that is not a list is 400",
                         patch: #"{"spec":{"strategy":{"$retainKeys":"type"}}}"#,
                         code: 400, messageContains: "invalid patch format of retainKeys"),
        PatchFailureCase("a patch key missing from $retainKeys is 400",
                         patch: #"{"spec":{"strategy":{"$retainKeys":["type"],"rollingUpdate":{"maxSurge":1}}}}"#,
                         code: 400, messageContains: "invalid patch format of retainKeys"),
        PatchFailureCase("$deleteFromPrimitiveList that is not a list is 400",
                         original: #"{"metadata":{"finalizers":["a"]}}"#,
                         patch: #"{"metadata":{"$deleteFromPrimitiveList/finalizers":"a"}}"#,
                         code: 400, messageContains: "invalid patch format of primitive list"),
        PatchFailureCase("$setElementOrder that is not a list is 400",
                         patch: #"{"metadata":{"$setElementOrder/finalizers":"a"}}"#,
                         code: 400, messageContains: "invalid patch format of setElementOrder list"),
        PatchFailureCase("a list of lists in a merge list is 422",
                         original: #"{"metadata":{"finalizers":["a"]}}"#,
                         patch: #"{"metadata":{"finalizers":[["b"]]}}"#,
                         code: 422, messageContains: "lists of lists are not supported"),
        PatchFailureCase("a merge list element without its merge key fails as upstream does (500)",
                         original: #"{"spec":{"containers":[{"name":"a"}]}}"#,
                         patch: #"{"spec":{"containers":[{"image":"x"}]}}"#,
                         code: 500, messageContains: "map: map[image:x] does not contain declared merge key: name"),
        PatchFailureCase("an unknown $patch value fails as upstream does (500)",
                         original: #"{"spec":{"nodeSelector":{"a":"b"}}}"#,
                         patch: #"{"spec":{"nodeSelector":{"$patch":"explode"}}}"#,
                         code: 500, messageContains: "unknown patch type: explode"),
        PatchFailureCase("a patch list out of $setElementOrder's order fails as upstream does (500)",
                         original: #"{"spec":{"containers":[{"name":"a"},{"name":"b"}]}}"#,
                         patch: #"{"spec":{"$setElementOrder/containers":[{"name":"a"},{"name":"b"}],"containers":[{"name":"b"},{"name":"a"}]}}"#,
                         code: 500, messageContains: "doesn't match $setElementOrder list"),
    ]

    @Test(arguments: failureCases)
    func fails(_ c: PatchFailureCase) {
        let schema = c.patch.contains("\"strategy\"") ? PatchTestSchemas.deployment : PatchTestSchemas.pod
        #expect {
            _ = try StrategicMergePatch.apply(json(c.patch), to: json(c.original), schema: schema)
        } throws: { error in
            guard let e = error as? PatchError else { return false }
            return e.code == c.code && e.message.contains(c.messageContains)
        }
    }
}
