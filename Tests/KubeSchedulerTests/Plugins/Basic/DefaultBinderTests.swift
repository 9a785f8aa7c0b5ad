import KubeMachinery
import Testing
@testable import KubeScheduler

@Suite struct DefaultBinderTests {
    typealias F = BasicFixtures

    @Test func bindPostsABindingToThePodsBindingSubresource() async throws {
        let transport = BasicRecordingTransport(status: 201, body: ["kind": "Status", "status": "Success"])
        let binder = DefaultBinder(handle: BasicFakeHandle(transport: transport))
        let status = await binder.bind(CycleState(), F.pod("web-1", namespace: "shop", uid: "u-1"), nodeName: "n3")
        #expect(status.isSuccess)

        let sent = try #require(transport.requests.first)
        #expect(transport.requests.count == 1)
        #expect(sent.method == "POST")
        #expect(sent.path == "/api/v1/namespaces/shop/pods/web-1/binding")
        let body = try JSONValue.parse(sent.body)
        #expect(body == [
            "apiVersion": "v1", "kind": "Binding",
            "metadata": ["name": "web-1", "namespace": "shop", "uid": "u-1"],
            "target": ["apiVersion": "v1", "kind": "Node", "name": "n3"],
        ])
    }

    @Test func apiErrorBecomesAnErrorStatusWithTheServersMessage() async {
        let message = "Operation cannot be fulfilled on pods/binding \"web-1\": pod web-1 is already assigned to node \"n1\""
        let transport = BasicRecordingTransport(status: 409, body: [
            "kind": "Status", "apiVersion": "v1", "status": "Failure", "reason": "Conflict", "code": 409, "message": .string(message),
        ])
        let status = await DefaultBinder(handle: BasicFakeHandle(transport: transport)).bind(CycleState(), F.pod("web-1"), nodeName: "n3")
        #expect(status.code == .error)
        #expect(status.reasons == [message])
    }
}
