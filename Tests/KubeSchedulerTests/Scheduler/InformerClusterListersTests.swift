import KubeAPI
import KubeClient
import KubeMachinery
import Testing
@testable import KubeScheduler

/// The owners whose selectors pick a pod (the input of PodTopologySpread's system default
/// constraints), found through the informers' selector-anchor index.
@Suite struct InformerClusterListersTests {
    static func object(_ kind: String, _ apiVersion: String, _ name: String, namespace: String = "default", selector: JSONValue) -> JSONValue {
        ["apiVersion": .string(apiVersion), "kind": .string(kind),
         "metadata": ["name": .string(name), "namespace": .string(namespace), "uid": .string("uid-" + name)],
         "spec": ["selector": selector]]
    }

    /// Owners in the informers' caches, and the names of those that should select a pod
    /// labelled `app=web, tier=front` in `default`.
    static let owners: [(kind: String, apiVersion: String, object: JSONValue, selects: Bool)] = [
        ("Service", "v1", object("Service", "v1", "svc-web", selector: ["app": "web"]), true),
        ("Service", "v1", object("Service", "v1", "svc-two-keys", selector: ["app": "web", "tier": "front"]), true),
        ("Service", "v1", object("Service", "v1", "svc-other", selector: ["app": "db"]), false),
        ("Service", "v1", object("Service", "v1", "svc-empty", selector: [:]), false),
        ("Service", "v1", object("Service", "v1", "svc-elsewhere", namespace: "other", selector: ["app": "web"]), false),
        ("ReplicationController", "v1", object("ReplicationController", "v1", "rc-web", selector: ["tier": "front"]), true),
        ("ReplicaSet", "apps/v1", object("ReplicaSet", "apps/v1", "rs-web", selector: ["matchLabels": ["app": "web", "tier": "front"]]), true),
        ("ReplicaSet", "apps/v1", object("ReplicaSet", "apps/v1", "rs-expr", selector: ["matchExpressions": [["key": "tier", "operator": "In", "values": ["front", "back"]]]]), true),
        ("ReplicaSet", "apps/v1", object("ReplicaSet", "apps/v1", "rs-expr-no", selector: ["matchExpressions": [["key": "tier", "operator": "NotIn", "values": ["front"]]]]), false),
        ("ReplicaSet", "apps/v1", object("ReplicaSet", "apps/v1", "rs-mismatch", selector: ["matchLabels": ["app": "web", "tier": "back"]]), false),
        ("ReplicaSet", "apps/v1", object("ReplicaSet", "apps/v1", "rs-everything", selector: [:]), false),
        ("StatefulSet", "apps/v1", object("StatefulSet", "apps/v1", "ss-web", selector: ["matchLabels": ["app": "web"]]), true),
    ]

    @Test func ownerSelectorsAreThoseMatchingThePodInItsNamespace() {
        let factory = SharedInformerFactory(client: CoreFixtures.client())
        let listers = InformerClusterListers(factory: factory)
        let kinds: [String: SharedInformer] = [
            "Service": factory.informer(Service.self), "ReplicationController": factory.informer(ReplicationController.self),
            "ReplicaSet": factory.informer(ReplicaSet.self), "StatefulSet": factory.informer(StatefulSet.self),
        ]
        for o in Self.owners { kinds[o.kind]!.indexer.upsert(o.object) }
        let pod = CoreFixtures.pod("p", labels: ["app": "web", "tier": "front"])
        let selectors = listers.ownerSelectors(for: pod)
        // Every selector returned matches; as many as the owners that should.
        #expect(selectors.allSatisfy { $0.matches(pod.labels) })
        #expect(selectors.count == Self.owners.filter(\.selects).count)
        // A pod without labels: only the NotIn expression selects it (an absent key is not in
        // any set), found through the `*` anchor.
        #expect(listers.ownerSelectors(for: CoreFixtures.pod("bare")).count == 1)
    }

    static let anchorCases: [(String, JSONValue, Bool, [String])] = [
        ("map selector: smallest key", object("Service", "v1", "s", selector: ["b": "2", "a": "1"]), true, ["default/a=1"]),
        ("empty map selects nothing", object("Service", "v1", "s", selector: [:]), true, []),
        ("matchLabels: smallest key", object("ReplicaSet", "apps/v1", "r", selector: ["matchLabels": ["z": "9", "m": "5"]]), false, ["default/m=5"]),
        ("expressions only", object("ReplicaSet", "apps/v1", "r", selector: ["matchExpressions": [["key": "k", "operator": "Exists"]]]), false, ["default/*"]),
        ("empty LabelSelector", object("ReplicaSet", "apps/v1", "r", selector: [:]), false, []),
    ]

    @Test(arguments: anchorCases)
    func selectorAnchors(_ c: (String, JSONValue, Bool, [String])) {
        #expect(IndexFunctions.selectorAnchor(["spec", "selector"], mapForm: c.2)(c.1) == c.3, "\(c.0)")
    }
}
