import KubeMachinery
import Testing

struct PatchTypeTests {
    @Test(arguments: [
        ("application/json-patch+json", PatchType.jsonPatch),
        ("application/merge-patch+json; charset=utf-8", PatchType.mergePatch),
        ("Application/Strategic-Merge-Patch+JSON", PatchType.strategicMergePatch),
    ])
    func contentTypeSelectsThePatchType(_ header: String, _ expected: PatchType) {
        #expect(PatchType(contentType: header) == expected)
    }

    @Test(arguments: ["application/json", "application/apply-patch+yaml", ""])
    func otherContentTypesAreNotPatchTypes(_ header: String) {
        #expect(PatchType(contentType: header) == nil)
    }

    @Test func eachTypeDispatchesToItsEngine() throws {
        let original = json(#"{"spec":{"containers":[{"name":"a","image":"x"}]}}"#)
        let merge = json(#"{"spec":{"containers":[{"name":"b"}]}}"#)
        let schema = PatchTestSchemas.pod
        #expect(try PatchType.mergePatch.apply(merge, to: original, schema: schema)
            == json(#"{"spec":{"containers":[{"name":"b"}]}}"#))
        #expect(try PatchType.strategicMergePatch.apply(merge, to: original, schema: schema)
            == json(#"{"spec":{"containers":[{"name":"b"},{"name":"a","image":"x"}]}}"#))
        #expect(try PatchType.jsonPatch.apply(json(#"[{"op":"remove","path":"/spec"}]"#), to: original, schema: nil)
            == json("{}"))
    }
}
