import KubeAPI
import KubeMachinery
import Synchronization
import Testing
@testable import KubeScheduler

/// The structures restructured for speed keep their value semantics: NodeInfo copies are
/// independent, CycleState reads back what was written (by concrete type or by protocol),
/// and the parallelizer visits every index once and stops when asked.
struct NodeInfoCopyOnWriteTests {
    @Test func mutatingACopyLeavesTheOriginalAlone() {
        let original = CoreFixtures.nodeInfo("n1", pods: [CoreFixtures.pod("a", cpu: "100m")])
        var copy = original
        copy.addPod(CoreFixtures.pod("b", cpu: "200m"))
        copy.imageStates = ["img": ImageStateSummary(size: 1, numNodes: 1)]
        copy.generation = 7

        #expect(original.pods.map(\.name) == ["a"])
        #expect(original.requested.milliCPU == 100)
        #expect(original.imageStates.isEmpty)
        #expect(original.generation == 0)
        #expect(copy.pods.map(\.name) == ["a", "b"])
        #expect(copy.requested.milliCPU == 300)
        #expect(copy.generation == 7)
    }

    @Test func removingFromACopyKeepsTheOriginalsTotals() {
        let a = CoreFixtures.pod("a", cpu: "100m")
        let original = CoreFixtures.nodeInfo("n1", pods: [a, CoreFixtures.pod("b", cpu: "200m")])
        var copy = original
        let removed = copy.removePod(a)
        let removedAgain = copy.removePod(a)
        #expect(removed)
        #expect(!removedAgain, "a pod already removed is reported as absent")
        #expect(copy.pods.map(\.name) == ["b"])
        #expect(copy.requested.milliCPU == 200)
        #expect(original.pods.count == 2)
        #expect(original.requested.milliCPU == 300)
    }

    @Test func setNodeAndRemoveNodeUpdateOnlyThisValue() {
        let original = NodeInfo(node: CoreFixtures.node("n1", cpu: "4"))
        var copy = original
        copy.setNode(CoreFixtures.node("n1", cpu: "8", labels: ["zone": "a"]))
        #expect(copy.allocatable.milliCPU == 8000)
        #expect(copy.labels == ["zone": "a"])
        #expect(original.allocatable.milliCPU == 4000)
        #expect(original.labels.isEmpty)
        copy.removeNode()
        #expect(copy.node == nil)
        #expect(original.node != nil)
    }
}

private protocol Described: Sendable { var text: String { get } }
private struct Note: Described { var text: String }
private class BaseState: @unchecked Sendable { let n: Int; init(_ n: Int) { self.n = n } }
private final class DerivedState: BaseState, @unchecked Sendable {}

struct CycleStateReadTests {
    @Test func readsBackByConcreteTypeAndRejectsOtherTypes() {
        let s = CycleState()
        s.write("k", Note(text: "x"))
        #expect(s.read("k", as: Note.self)?.text == "x")
        #expect(s.read("k", as: Int.self) == nil)
        #expect(s.read("missing", as: Note.self) == nil)
    }

    @Test func readsBackThroughAProtocolOrSuperclass() {
        let s = CycleState()
        s.write("p", Note(text: "y"))
        s.write("c", DerivedState(3))
        #expect(s.read("p", as: (any Described).self)?.text == "y")
        #expect(s.read("c", as: BaseState.self)?.n == 3)
    }

    @Test func overwriteDeleteAndCloneAreIndependent() {
        let s = CycleState()
        s.write("a", 1)
        s.write("b", 2)
        s.write("a", 10)
        let c = s.clone()
        s.delete("b")
        c.write("a", 99)
        #expect(s.read("a", as: Int.self) == 10)
        #expect(s.read("b", as: Int.self) == nil)
        #expect(c.read("a", as: Int.self) == 99)
        #expect(c.read("b", as: Int.self) == 2)
    }
}

struct ParallelizerTests {
    @Test(arguments: [(1, 5), (1, 5000), (16, 5), (16, 5000), (4, 999)])
    func visitsEveryIndexExactlyOnce(parallelism: Int, count: Int) async {
        let seen = Mutex([Int](repeating: 0, count: count))
        await Parallelizer(parallelism: parallelism).forEach(count: count) { i in
            seen.withLock { $0[i] += 1 }
            return true
        }
        let counts = seen.withLock { $0 }
        #expect(counts.allSatisfy { $0 == 1 })
    }

    @Test(arguments: [1, 16])
    func stopsSoonAfterABodyReturnsFalse(parallelism: Int) async {
        let visited = Atomic<Int>(0)
        await Parallelizer(parallelism: parallelism).forEach(count: 10_000) { i in
            visited.add(1, ordering: .relaxed)
            return i != 10
        }
        // Inline stops at once; workers finish at most their current chunk (~100 indices).
        #expect(visited.load(ordering: .relaxed) < 1_000)
    }
}
