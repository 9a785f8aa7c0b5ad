import Foundation
import KubeAPI
import Testing
@testable import KubeControllers

@Suite struct PodDeletionRankingTests {
    static let now = Date(timeIntervalSince1970: 1_800_000_000)
    static func ago(_ seconds: TimeInterval) -> Date { now.addingTimeInterval(-seconds) }

    struct Case: CustomTestStringConvertible, Sendable {
        var name: String
        /// The pod that must go first.
        var first: Pod
        var second: Pod
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(name: "unscheduled before scheduled",
             first: ObjectFixtures.rankedPod("a", node: "", phase: "Pending", created: ago(10_000)),
             second: ObjectFixtures.rankedPod("b", node: "n1", phase: "Pending", created: ago(10))),
        Case(name: "Pending before Unknown",
             first: ObjectFixtures.rankedPod("a", node: "n1", phase: "Pending", created: ago(10_000)),
             second: ObjectFixtures.rankedPod("b", node: "n2", phase: "Unknown", created: ago(10))),
        Case(name: "Unknown before Running",
             first: ObjectFixtures.rankedPod("a", node: "n1", phase: "Unknown", created: ago(10_000)),
             second: ObjectFixtures.rankedPod("b", node: "n2", phase: "Running", created: ago(10))),
        Case(name: "not ready before ready",
             first: ObjectFixtures.rankedPod("a", node: "n1", ready: false, created: ago(10_000)),
             second: ObjectFixtures.rankedPod("b", node: "n2", ready: true, readySince: ago(5), created: ago(10))),
        Case(name: "lower deletion cost first",
             first: ObjectFixtures.rankedPod("a", node: "n1", ready: true, readySince: ago(10_000), created: ago(10_000), deletionCost: -5),
             second: ObjectFixtures.rankedPod("b", node: "n2", ready: true, readySince: ago(5), created: ago(10), deletionCost: 0)),
        Case(name: "ready for less time first",
             first: ObjectFixtures.rankedPod("a", node: "n1", ready: true, readySince: ago(10), created: ago(10_000)),
             second: ObjectFixtures.rankedPod("b", node: "n2", ready: true, readySince: ago(10_000), created: ago(20_000))),
        Case(name: "more restarts first when readiness ages are equal",
             first: ObjectFixtures.rankedPod("b", node: "n1", ready: true, readySince: ago(100), restarts: 3, created: ago(1_000)),
             second: ObjectFixtures.rankedPod("a", node: "n2", ready: true, readySince: ago(100), restarts: 0, created: ago(10))),
        Case(name: "newer first",
             first: ObjectFixtures.rankedPod("b", node: "n1", created: ago(10)),
             second: ObjectFixtures.rankedPod("a", node: "n2", created: ago(10_000))),
        Case(name: "similar ages (same log2 bucket) fall back to uid order",
             first: ObjectFixtures.rankedPod("a", node: "n1", created: ago(1_000)),
             second: ObjectFixtures.rankedPod("b", node: "n2", created: ago(1_001))),
    ]

    @Test(arguments: cases)
    func rankingPicksTheCheaperPodFirst(_ c: Case) {
        // Both input orders, so the result cannot come from a stable sort keeping the input.
        #expect(PodDeletionRanking.victims(from: [c.first, c.second], count: 1, now: Self.now).map(\.uid) == [c.first.uid])
        #expect(PodDeletionRanking.victims(from: [c.second, c.first], count: 1, now: Self.now).map(\.uid) == [c.first.uid])
    }

    @Test func podsDoubledUpOnANodeGoBeforeAPodAloneOnItsNode() {
        let alone = ObjectFixtures.rankedPod("a", node: "n1", created: Self.ago(10))
        let shared1 = ObjectFixtures.rankedPod("b", node: "n2", created: Self.ago(10_000))
        let shared2 = ObjectFixtures.rankedPod("c", node: "n2", created: Self.ago(10_000))
        let victims = PodDeletionRanking.victims(from: [alone, shared1, shared2], count: 1, now: Self.now)
        #expect(["b", "c"].contains(victims.first?.uid))
    }

    @Test func askingForAtLeastAllPodsReturnsThemAll() {
        let pods = [ObjectFixtures.rankedPod("a", created: Self.ago(1)), ObjectFixtures.rankedPod("b", created: Self.ago(2))]
        #expect(PodDeletionRanking.victims(from: pods, count: 5, now: Self.now).count == 2)
    }
}
