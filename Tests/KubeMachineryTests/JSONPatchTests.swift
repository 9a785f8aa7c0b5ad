import KubeMachinery
import Testing

struct JSONPatchTests {
    static let document = #"{"a":{"b":[1,2]},"c":"x","k/e~y":1}"#

    static let appliesCases: [PatchCase] = [
        PatchCase("add creates an object member",
                  original: document, patch: #"[{"op":"add","path":"/d","value":true}]"#,
                  expected: #"{"a":{"b":[1,2]},"c":"x","k/e~y":1,"d":true}"#),
        PatchCase("add on an existing member replaces it",
                  original: document, patch: #"[{"op":"add","path":"/c","value":"y"}]"#,
                  expected: #"{"a":{"b":[1,2]},"c":"y","k/e~y":1}"#),
        PatchCase("add with an explicit null value stores null",
                  original: document, patch: #"[{"op":"add","path":"/d","value":null}]"#,
                  expected: #"{"a":{"b":[1,2]},"c":"x","k/e~y":1,"d":null}"#),
        PatchCase("add at an array index inserts before that element",
                  original: document, patch: #"[{"op":"add","path":"/a/b/1","value":9}]"#,
                  expected: #"{"a":{"b":[1,9,2]},"c":"x","k/e~y":1}"#),
        PatchCase("add at index equal to the length appends",
                  original: document, patch: #"[{"op":"add","path":"/a/b/2","value":5}]"#,
                  expected: #"{"a":{"b":[1,2,5]},"c":"x","k/e~y":1}"#),
        PatchCase("add with - appends",
                  original: document, patch: #"[{"op":"add","path":"/a/b/-","value":3}]"#,
                  expected: #"{"a":{"b":[1,2,3]},"c":"x","k/e~y":1}"#),
        PatchCase("remove deletes an object member",
                  original: document, patch: #"[{"op":"remove","path":"/c"}]"#,
                  expected: #"{"a":{"b":[1,2]},"k/e~y":1}"#),
        PatchCase("remove deletes an array element and shifts the rest",
                  original: document, patch: #"[{"op":"remove","path":"/a/b/0"}]"#,
                  expected: #"{"a":{"b":[2]},"c":"x","k/e~y":1}"#),
        PatchCase("replace changes an array element",
                  original: document, patch: #"[{"op":"replace","path":"/a/b/1","value":7}]"#,
                  expected: #"{"a":{"b":[1,7]},"c":"x","k/e~y":1}"#),
        PatchCase("replace with the empty pointer replaces the whole document",
                  original: document, patch: #"[{"op":"replace","path":"","value":{"z":1}}]"#,
                  expected: #"{"z":1}"#),
        PatchCase("move removes the source and adds at the target",
                  original: document, patch: #"[{"op":"move","from":"/c","path":"/a/m"}]"#,
                  expected: #"{"a":{"b":[1,2],"m":"x"},"k/e~y":1}"#),
        PatchCase("move within one array reorders it",
                  original: document, patch: #"[{"op":"move","from":"/a/b/0","path":"/a/b/-"}]"#,
                  expected: #"{"a":{"b":[2,1]},"c":"x","k/e~y":1}"#),
        PatchCase("copy duplicates a subtree",
                  original: document, patch: #"[{"op":"copy","from":"/a/b","path":"/e"}]"#,
                  expected: #"{"a":{"b":[1,2]},"c":"x","k/e~y":1,"e":[1,2]}"#),
        PatchCase("test compares numbers by value so later operations run",
                  original: document,
                  patch: #"[{"op":"test","path":"/a/b/0","value":1.0},{"op":"test","path":"/a","value":{"b":[1,2]}},{"op":"remove","path":"/c"}]"#,
                  expected: #"{"a":{"b":[1,2]},"k/e~y":1}"#),
        PatchCase("~1 and ~0 in a pointer stand for / and ~",
                  original: document, patch: #"[{"op":"replace","path":"/k~1e~0y","value":2}]"#,
                  expected: #"{"a":{"b":[1,2]},"c":"x","k/e~y":2}"#),
        PatchCase("operations apply in order, each seeing the previous result",
                  original: #"{}"#,
                  patch: #"[{"op":"add","path":"/l","value":[]},{"op":"add","path":"/l/-","value":"a"},{"op":"add","path":"/l/0","value":"b"}]"#,
                  expected: #"{"l":["b","a"]}"#),
    ]

    @Test(arguments: appliesCases)
    func applies(_ c: PatchCase) throws {
        let result = try JSONPatch.apply(json(c.patch), to: json(c.original))
        #expect(result.serializedString() == json(c.expected).serializedString())
    }

    static let failureCases: [PatchFailureCase] = [
        PatchFailureCase("a failed test fails the patch with 422",
                         original: document, patch: #"[{"op":"test","path":"/c","value":"nope"}]"#,
                         code: 422, messageContains: "testing value /c failed"),
        PatchFailureCase("test of a missing path fails with 422",
                         original: document, patch: #"[{"op":"test","path":"/zz","value":1}]"#,
                         code: 422, messageContains: "/zz"),
        PatchFailureCase("remove of a missing member is 422",
                         original: document, patch: #"[{"op":"remove","path":"/zz"}]"#,
                         code: 422, messageContains: "missing path: \"/zz\""),
        PatchFailureCase("replace of a missing member is 422",
                         original: document, patch: #"[{"op":"replace","path":"/zz","value":1}]"#,
                         code: 422, messageContains: "missing path"),
        PatchFailureCase("add under a missing parent is 422",
                         original: document, patch: #"[{"op":"add","path":"/x/y","value":1}]"#,
                         code: 422, messageContains: "missing path: \"/x/y\""),
        PatchFailureCase("add past the end of an array is 422",
                         original: document, patch: #"[{"op":"add","path":"/a/b/5","value":1}]"#,
                         code: 422, messageContains: "invalid index"),
        PatchFailureCase("an index with a leading zero is rejected",
                         original: document, patch: #"[{"op":"replace","path":"/a/b/01","value":1}]"#,
                         code: 422, messageContains: "not a valid array index"),
        PatchFailureCase("a negative index is rejected",
                         original: document, patch: #"[{"op":"remove","path":"/a/b/-1"}]"#,
                         code: 422, messageContains: "not a valid array index"),
        PatchFailureCase("- is only valid for add",
                         original: document, patch: #"[{"op":"remove","path":"/a/b/-"}]"#,
                         code: 422, messageContains: "not a valid array index"),
        PatchFailureCase("an unknown op is 422, as upstream only decodes the array up front",
                         original: document, patch: #"[{"op":"merge","path":"/c","value":1}]"#,
                         code: 422, messageContains: "unexpected operation \"merge\""),
        PatchFailureCase("an operation without path is 422",
                         original: document, patch: #"[{"op":"remove"}]"#,
                         code: 422, messageContains: "missing its \"path\""),
        PatchFailureCase("add without value is 422",
                         original: document, patch: #"[{"op":"add","path":"/d"}]"#,
                         code: 422, messageContains: "missing its \"value\""),
        PatchFailureCase("move into its own child is 422",
                         original: document, patch: #"[{"op":"move","from":"/a","path":"/a/b/0"}]"#,
                         code: 422, messageContains: "own child"),
        PatchFailureCase("a ~ not followed by 0 or 1 is an invalid pointer",
                         original: document, patch: #"[{"op":"remove","path":"/k~2"}]"#,
                         code: 422, messageContains: "invalid escape"),
        PatchFailureCase("a pointer must start with /",
                         original: document, patch: #"[{"op":"remove","path":"c"}]"#,
                         code: 422, messageContains: "must be empty or start with"),
        PatchFailureCase("a patch that is an object, not an array, is 400",
                         original: document, patch: #"{"op":"remove","path":"/c"}"#,
                         code: 400, messageContains: "expected an array"),
        PatchFailureCase("an operation that is not an object is 400",
                         original: document, patch: #"["remove /c"]"#,
                         code: 400, messageContains: "expected an object"),
    ]

    @Test(arguments: failureCases)
    func fails(_ c: PatchFailureCase) {
        #expect {
            _ = try JSONPatch.apply(json(c.patch), to: json(c.original))
        } throws: { error in
            guard let e = error as? PatchError else { return false }
            return e.code == c.code && e.message.contains(c.messageContains)
        }
    }

    @Test func moreThanTenThousandOperationsIsTooLarge() throws {
        let op: JSONValue = ["op": "test", "path": "", "value": [:]]
        let patch = JSONValue.array(Array(repeating: op, count: JSONPatch.maxOperations + 1))
        let error = #expect(throws: PatchError.self) { try JSONPatch.apply(patch, to: [:]) }
        #expect(error?.kind == .tooManyOperations)
        #expect(error?.apiError.code == 413)
        #expect(error?.apiError.message == "Request entity too large: The allowed maximum operations in a JSON patch is 10000, got 10001")
        // Exactly the maximum is allowed.
        let allowed = JSONValue.array(Array(repeating: op, count: JSONPatch.maxOperations))
        #expect(try JSONPatch.apply(allowed, to: [:]) == [:])
    }

    @Test func pointerParsingUnescapesTokensInOneLeftToRightPass() throws {
        #expect(try JSONPointer(parsing: "").tokens == [])
        #expect(try JSONPointer(parsing: "/").tokens == [""])
        #expect(try JSONPointer(parsing: "/a~1b/c~0d/~01").tokens == ["a/b", "c~d", "~1"])
        #expect(try JSONPointer(parsing: "/a").isProperPrefix(of: JSONPointer(parsing: "/a/b")))
        #expect(try !JSONPointer(parsing: "/a").isProperPrefix(of: JSONPointer(parsing: "/a")))
    }
}
