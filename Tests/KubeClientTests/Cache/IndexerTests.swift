import KubeClient
import KubeMachinery
import Testing

/// A pod-shaped object: enough metadata and spec for keys and the indices under test.
private func pod(_ ns: String, _ name: String, node: String? = nil, rv: String = "1") -> JSONValue {
    var o: JSONValue = ["metadata": ["namespace": .string(ns), "name": .string(name), "resourceVersion": .string(rv)], "spec": [:]]
    if let node { o.set(["spec", "nodeName"], to: .string(node)) }
    return o
}

private func node(_ name: String) -> JSONValue { ["metadata": ["name": .string(name)]] }

struct IndexerCase: Sendable, CustomTestStringConvertible {
    enum Op: Sendable {
        case upsert(JSONValue)
        case delete(String)
        case replace([JSONValue])
    }
    var testDescription: String
    var ops: [Op]
    var keys: [String]
    /// (index, value, keys expected under it)
    var index: [(String, String, [String])]
}

@Suite("Indexer")
struct IndexerTests {
    static let nodeIndex = "spec.nodeName"

    static let cases: [IndexerCase] = [
        IndexerCase(testDescription: "adds are keyed namespace/name and filed by namespace",
                    ops: [.upsert(pod("a", "p1")), .upsert(pod("b", "p1")), .upsert(pod("a", "p2"))],
                    keys: ["a/p1", "a/p2", "b/p1"],
                    index: [("namespace", "a", ["a/p1", "a/p2"]), ("namespace", "b", ["b/p1"])]),
        IndexerCase(testDescription: "cluster-scoped objects are keyed by name and kept out of the namespace index",
                    ops: [.upsert(node("n1")), .upsert(node("n2"))],
                    keys: ["n1", "n2"],
                    index: [("namespace", "", [])]),
        IndexerCase(testDescription: "an update that moves a pod to another node refiles it",
                    ops: [.upsert(pod("a", "p1", node: "n1")), .upsert(pod("a", "p2", node: "n1")), .upsert(pod("a", "p1", node: "n2", rv: "2"))],
                    keys: ["a/p1", "a/p2"],
                    index: [(nodeIndex, "n1", ["a/p2"]), (nodeIndex, "n2", ["a/p1"])]),
        IndexerCase(testDescription: "a pod without a node is not in the node index",
                    ops: [.upsert(pod("a", "p1")), .upsert(pod("a", "p2", node: "n1"))],
                    keys: ["a/p1", "a/p2"],
                    index: [(nodeIndex, "n1", ["a/p2"]), (nodeIndex, "", [])]),
        IndexerCase(testDescription: "a delete removes the object from every index",
                    ops: [.upsert(pod("a", "p1", node: "n1")), .upsert(pod("a", "p2", node: "n1")), .delete("a/p1")],
                    keys: ["a/p2"],
                    index: [(nodeIndex, "n1", ["a/p2"]), ("namespace", "a", ["a/p2"])]),
        IndexerCase(testDescription: "deleting an unknown key changes nothing",
                    ops: [.upsert(pod("a", "p1")), .delete("a/missing")],
                    keys: ["a/p1"],
                    index: [("namespace", "a", ["a/p1"])]),
        IndexerCase(testDescription: "replace drops what the new list lacks and rebuilds indices",
                    ops: [.upsert(pod("a", "p1", node: "n1")), .upsert(pod("b", "p2", node: "n1")),
                          .replace([pod("b", "p2", node: "n2"), pod("c", "p3", node: "n1")])],
                    keys: ["b/p2", "c/p3"],
                    index: [(nodeIndex, "n1", ["c/p3"]), (nodeIndex, "n2", ["b/p2"]), ("namespace", "a", []), ("namespace", "c", ["c/p3"])]),
    ]

    @Test(arguments: cases)
    func operationsLeaveKeysAndIndicesConsistent(_ c: IndexerCase) {
        let indexer = Indexer(indexers: [Self.nodeIndex: IndexFunctions.podNodeName])
        for op in c.ops {
            switch op {
            case .upsert(let o): indexer.upsert(o)
            case .delete(let k): indexer.delete(key: k)
            case .replace(let all): indexer.replace(all, resourceVersion: "9")
            }
        }
        #expect(indexer.keys().sorted() == c.keys)
        #expect(indexer.list().map(Indexer.key(of:)).sorted() == c.keys)
        for (name, value, keys) in c.index {
            #expect(indexer.indexKeys(name, value).sorted() == keys, "index \(name)=\(value)")
            #expect(indexer.byIndex(name, value).map(Indexer.key(of:)).sorted() == keys, "byIndex \(name)=\(value)")
        }
    }

    @Test func upsertAndRemoveReturnWhatWasStored() {
        let indexer = Indexer()
        #expect(indexer.upsert(pod("a", "p", rv: "1")) == nil)
        #expect(indexer.upsert(pod("a", "p", rv: "2"))?["metadata"]?["resourceVersion"] == "1")
        #expect(indexer.get(namespace: "a", name: "p")?["metadata"]?["resourceVersion"] == "2")
        #expect(indexer.remove(key: "a/p")?["metadata"]?["resourceVersion"] == "2")
        #expect(indexer.remove(key: "a/p") == nil)
        #expect(indexer.count == 0)
    }

    @Test func replaceReturnsThePreviousContentAndRecordsTheResourceVersion() {
        let indexer = Indexer()
        indexer.upsert(pod("a", "old"))
        let previous = indexer.replaceAll([pod("a", "new")], resourceVersion: "42")
        #expect(Array(previous.keys) == ["a/old"])
        #expect(indexer.keys() == ["a/new"])
        #expect(indexer.resourceVersion == "42")
    }

    @Test func indicesAddedLaterFileObjectsAlreadyStored() {
        let indexer = Indexer()
        indexer.upsert(pod("a", "p1", node: "n1"))
        indexer.upsert(pod("a", "p2", node: "n2"))
        indexer.addIndexers([Self.nodeIndex: IndexFunctions.podNodeName])
        #expect(indexer.indexKeys(Self.nodeIndex, "n1") == ["a/p1"])
        #expect(indexer.indexValues(Self.nodeIndex).sorted() == ["n1", "n2"])
        indexer.upsert(pod("a", "p3", node: "n1"))
        #expect(indexer.indexKeys(Self.nodeIndex, "n1").sorted() == ["a/p1", "a/p3"])
    }

    static let ownerCases: [(String, JSONValue, [String])] = [
        ("controlled", ["metadata": ["namespace": "a", "ownerReferences": [["uid": "u1", "controller": true]]]], ["u1"]),
        ("controller ref after a plain ref", ["metadata": ["namespace": "a", "ownerReferences": [["uid": "u0"], ["uid": "u2", "controller": true]]]], ["u2"]),
        ("owned but not controlled", ["metadata": ["namespace": "a", "ownerReferences": [["uid": "u3", "controller": false]]]], ["orphan/a"]),
        ("no owners", ["metadata": ["namespace": "b"]], ["orphan/b"]),
        ("cluster-scoped orphan", ["metadata": ["name": "n"]], ["orphan/"]),
    ]

    @Test(arguments: ownerCases)
    func controllerUIDOrOrphanFilesByControllerOrNamespace(_ c: (String, JSONValue, [String])) {
        #expect(IndexFunctions.controllerUIDOrOrphan(c.1) == c.2, "\(c.0)")
    }

    @Test func ensureIndexersAddsOnlyWhatIsMissing() {
        let indexer = Indexer()
        indexer.upsert(pod("a", "p1", node: "n1"))
        indexer.ensureIndexers([Self.nodeIndex: IndexFunctions.podNodeName])
        // A second definition under the same name is ignored: the first one stays.
        indexer.ensureIndexers([Self.nodeIndex: { _ in ["other"] }, "ns2": IndexFunctions.namespace])
        #expect(indexer.indexKeys(Self.nodeIndex, "n1") == ["a/p1"])
        #expect(indexer.indexKeys(Self.nodeIndex, "other").isEmpty)
        #expect(indexer.indexKeys("ns2", "a") == ["a/p1"])
    }

    @Test func unknownIndexAnswersEmpty() {
        let indexer = Indexer()
        indexer.upsert(pod("a", "p1"))
        #expect(indexer.byIndex("no-such-index", "a").isEmpty)
    }

    @Test func concurrentWritersLeaveAConsistentStore() async {
        let indexer = Indexer(indexers: [Self.nodeIndex: IndexFunctions.podNodeName])
        await withTaskGroup(of: Void.self) { group in
            for w in 0..<4 {
                group.addTask {
                    for i in 0..<500 {
                        indexer.upsert(pod("ns\(w)", "p\(i)", node: "n\(i % 10)"))
                        if i % 5 == 0 { indexer.delete(key: "ns\(w)/p\(i)") }
                    }
                }
            }
        }
        #expect(indexer.count == 4 * 400)
        let filed = (0..<10).reduce(0) { $0 + indexer.indexKeys(Self.nodeIndex, "n\($1)").count }
        #expect(filed == 4 * 400)
        #expect(indexer.indexKeys(Self.nodeIndex, "n0").isEmpty)
    }
}
