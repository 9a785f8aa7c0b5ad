import KubeAPI
import KubeMachinery
import Testing
@testable import KubeControllers

@Suite struct PodControlTemplateTests {
    static func owner() -> ReplicaSet {
        var rs = ObjectFixtures.replicaSet("web", replicas: 1)
        rs.json.set(["metadata", "uid"], to: "rs-uid")
        return rs
    }

    @Test func aPodFromATemplateCarriesLabelsGenerateNameAndTheControllerRef() throws {
        var template = ObjectFixtures.podTemplate(labels: ["app": "web"])
        template.set(["metadata", "annotations"], to: ["note": "kept"])
        let pod = try PodControl.pod(from: template, owner: Self.owner())
        #expect(pod.generateName == "web-")
        #expect(pod.json["metadata"]?["name"] == nil)
        #expect(pod.namespace == "default")
        #expect(pod.labels == ["app": "web"])
        #expect(pod.annotations == ["note": "kept"])
        #expect(pod.spec == template["spec"])
        let ref = try #require(pod.controllerRef)
        #expect(ref == OwnerReference(apiVersion: "apps/v1", kind: "ReplicaSet", name: "web", uid: "rs-uid",
                                      controller: true, blockOwnerDeletion: true))
    }

    @Test func aTemplateWithoutLabelsIsRefused() {
        let template: JSONValue = ["spec": ["containers": [["name": "c", "image": "x"]]]]
        #expect(throws: PodTemplateError.self) { try PodControl.pod(from: template, owner: Self.owner()) }
    }
}
