import KubeMachinery
import Testing
@testable import KubeScheduler

@Suite struct NodeNameTests {
    typealias F = BasicFixtures

    @Test(arguments: [("", "n1", true), ("n1", "n1", true), ("n2", "n1", false)])
    func filterAcceptsOnlyTheRequestedNode(requested: String, node: String, fits: Bool) {
        let pod = F.pod(spec: requested.isEmpty ? [:] : ["nodeName": .string(requested)])
        let status = NodeName().filter(CycleState(), pod, F.node(node))
        #expect(status.isSuccess == fits)
        if !fits {
            #expect(status.code == .unschedulableAndUnresolvable)
            #expect(status.reasons == ["node(s) didn't match the requested node name"])
        }
    }

    @Test func preFilterNarrowsToTheNamedNodeOrSkips() {
        let (result, status) = NodeName().preFilter(CycleState(), F.pod(spec: ["nodeName": "n7"]), [])
        #expect(status.isSuccess)
        #expect(result?.nodeNames == ["n7"])
        let (none, skip) = NodeName().preFilter(CycleState(), F.pod(), [])
        #expect(none == nil && skip.isSkip)
    }
}
