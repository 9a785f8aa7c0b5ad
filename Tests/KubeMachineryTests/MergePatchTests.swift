import KubeMachinery
import Testing

struct MergePatchTests {
    static let appliesCases: [PatchCase] = [
        PatchCase("null deletes a key",
                  original: #"{"a":1,"b":2}"#, patch: #"{"b":null}"#, expected: #"{"a":1}"#),
        PatchCase("null for a missing key changes nothing",
                  original: #"{"a":1}"#, patch: #"{"z":null}"#, expected: #"{"a":1}"#),
        PatchCase("objects merge recursively",
                  original: #"{"m":{"labels":{"app":"web","tier":"fe"}}}"#,
                  patch: #"{"m":{"labels":{"tier":null,"env":"prod"}}}"#,
                  expected: #"{"m":{"labels":{"app":"web","env":"prod"}}}"#),
        PatchCase("lists are replaced, never merged",
                  original: #"{"l":[{"name":"a"},{"name":"b"}]}"#, patch: #"{"l":[{"name":"c"}]}"#,
                  expected: #"{"l":[{"name":"c"}]}"#),
        PatchCase("a scalar replaces an object",
                  original: #"{"a":{"b":1}}"#, patch: #"{"a":"x"}"#, expected: #"{"a":"x"}"#),
        PatchCase("an object replacing a scalar loses its null members",
                  original: #"{"a":"x"}"#, patch: #"{"a":{"b":null,"c":1}}"#, expected: #"{"a":{"c":1}}"#),
        PatchCase("nulls inside a replacing list's objects are pruned",
                  original: #"{}"#, patch: #"{"l":[{"a":null,"b":1}]}"#, expected: #"{"l":[{"b":1}]}"#),
        PatchCase("an empty patch changes nothing",
                  original: #"{"a":[1]}"#, patch: #"{}"#, expected: #"{"a":[1]}"#),
        PatchCase("an array patch replaces the whole document",
                  original: #"{"a":1}"#, patch: #"[1,2]"#, expected: #"[1,2]"#),
    ]

    @Test(arguments: appliesCases)
    func applies(_ c: PatchCase) throws {
        let result = try MergePatch.apply(json(c.patch), to: json(c.original))
        #expect(result.serializedString() == json(c.expected).serializedString())
    }

    @Test(arguments: ["null", "\"text\"", "3"])
    func aNullOrScalarPatchIsBadRequest(_ patch: String) {
        let error = #expect(throws: PatchError.self) { try MergePatch.apply(json(patch), to: [:]) }
        #expect(error?.code == 400)
        #expect(error?.apiError.reason == "BadRequest")
        #expect(error?.message == "Invalid JSON Patch")
    }
}
