import KubeAPI
import KubeMachinery
import Testing

@Suite("KubeAPI: resource paths and object views")
struct KubeObjectTests {
    struct PathCase: Sendable, CustomStringConvertible {
        var resource: APIResource
        var namespace: String?
        var name: String?
        var subresource: String?
        var expected: String
        var description: String { expected }
    }

    static let pathCases: [PathCase] = [
        PathCase(resource: Pod.resource, namespace: "default", expected: "/api/v1/namespaces/default/pods"),
        PathCase(resource: Pod.resource, namespace: nil, expected: "/api/v1/pods"),
        PathCase(resource: Pod.resource, namespace: "ns1", name: "web", subresource: "binding", expected: "/api/v1/namespaces/ns1/pods/web/binding"),
        PathCase(resource: Node.resource, namespace: "ignored", name: "n1", expected: "/api/v1/nodes/n1"),
        PathCase(resource: Node.resource, namespace: nil, name: "n1", subresource: "status", expected: "/api/v1/nodes/n1/status"),
        PathCase(resource: Deployment.resource, namespace: "apps", name: "d", subresource: "scale", expected: "/apis/apps/v1/namespaces/apps/deployments/d/scale"),
        PathCase(resource: Lease.resource, namespace: "kube-node-lease", expected: "/apis/coordination.k8s.io/v1/namespaces/kube-node-lease/leases"),
        PathCase(resource: PriorityClass.resource, namespace: nil, name: "high", expected: "/apis/scheduling.k8s.io/v1/priorityclasses/high"),
    ]

    @Test(arguments: pathCases)
    func paths(_ c: PathCase) {
        if let name = c.name {
            #expect(c.resource.objectPath(namespace: c.namespace, name: name, subresource: c.subresource) == c.expected)
        } else {
            #expect(c.resource.collectionPath(namespace: c.namespace) == c.expected)
        }
    }

    @Test func apiVersionOfCoreAndGroupedKinds() {
        #expect(Pod.resource.apiVersion == "v1")
        #expect(ReplicaSet.resource.apiVersion == "apps/v1")
        #expect(EndpointSlice.resource.apiVersion == "discovery.k8s.io/v1")
    }

    @Test func newObjectCarriesTypeMetaAndName() {
        let cm = ConfigMap(namespace: "ns", name: "c")
        #expect(cm.json["apiVersion"] == "v1")
        #expect(cm.json["kind"] == "ConfigMap")
        #expect(cm.name == "c")
        #expect(cm.namespace == "ns")
        #expect(cm.key == "ns/c")
        #expect(Node(name: "n").key == "n")
    }

    @Test func metadataSettersKeepUnknownFields() throws {
        let original = try JSONValue.parse(#"{"apiVersion":"v1","kind":"Pod","metadata":{"name":"p","namespace":"d","futureField":{"x":1}},"spec":{"someNewField":true}}"#)
        var pod = Pod(json: original)
        pod.labels = ["app": "web"]
        pod.annotations["note"] = "hi"
        pod.finalizers = ["example.com/f"]
        #expect(pod.json[path: ["metadata", "futureField", "x"]] == 1)
        #expect(pod.json[path: ["spec", "someNewField"]] == true)
        #expect(pod.labels == ["app": "web"])
        #expect(pod.annotations == ["note": "hi"])
        #expect(pod.finalizers == ["example.com/f"])
        pod.labels = [:]
        #expect(pod.json[path: ["metadata", "labels"]] == nil, "empty labels are omitted, as upstream serializes them")
    }

    @Test func ownerReferencesRoundTripAndControllerRef() {
        var rs = ReplicaSet(namespace: "d", name: "rs")
        let owner = OwnerReference(apiVersion: "apps/v1", kind: "Deployment", name: "web", uid: "u1", controller: true, blockOwnerDeletion: true)
        rs.ownerReferences = [OwnerReference(apiVersion: "v1", kind: "ConfigMap", name: "x", uid: "u0"), owner]
        #expect(rs.controllerRef == owner)
        #expect(ReplicaSet(json: rs.json).ownerReferences.count == 2)
        #expect(rs.json[path: ["metadata", "ownerReferences"]]?.arrayValue?[0]["controller"] == nil, "false booleans are omitted")
    }

    @Test func deletionStateAndGeneration() throws {
        let pod = Pod(json: try JSONValue.parse(#"{"metadata":{"name":"p","generation":3,"deletionTimestamp":"2026-01-01T00:00:00Z","deletionGracePeriodSeconds":30}}"#))
        #expect(pod.isBeingDeleted)
        #expect(pod.generation == 3)
        #expect(pod.deletionGracePeriodSeconds == 30)
        #expect(!Pod(name: "q").isBeingDeleted)
    }
}
