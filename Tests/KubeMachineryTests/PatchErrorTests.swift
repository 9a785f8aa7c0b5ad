import KubeMachinery
import Testing

struct PatchErrorTests {
    @Test func notApplicableRendersUpstreamsGenericInvalidStatus() {
        let status = PatchError(.notApplicable, "testing value /a failed: test failed").apiError.statusObject
        #expect(status["code"] == 422)
        #expect(status["reason"] == "Invalid")
        #expect(status["message"] == "the server rejected our request due to an error in our request")
        #expect(status["details"] == [:])
    }

    @Test func malformedPatchIsBadRequestWithTheDetail() {
        let e = PatchError(.malformedPatch, "invalid patch format of retainKeys").apiError
        #expect(e.code == 400)
        #expect(e.reason == "BadRequest")
        #expect(e.message == "invalid patch format of retainKeys")
    }

    @Test func mergeFailureIsAnInternalErrorWithoutReason() {
        let status = PatchError(.mergeFailure, "map: map[image:x] does not contain declared merge key: name").apiError.statusObject
        #expect(status["code"] == 500)
        #expect(status["reason"] == nil)
        #expect(status["message"] == "map: map[image:x] does not contain declared merge key: name")
    }
}
