import KubeMachinery
import Testing
@testable import KubeScheduler

@Suite struct PrioritySortTests {
    typealias F = BasicFixtures
    static let now = ContinuousClock.now

    @Test(arguments: [
        // (priority a, a's age offset, priority b, b's age offset, a before b)
        (10, 0, 5, 0, true),
        (5, 0, 10, 0, false),
        (5, -10, 5, 0, true),   // equal priority: the older entry first
        (5, 0, 5, -10, false),
        (5, 0, 5, 0, false),    // a strict order: equal entries are not "less"
        (-1, -100, 0, 0, false), // priority wins over age
    ])
    func higherPriorityThenEarlierTimestampComesFirst(pa: Int64, ageA: Int, pb: Int64, ageB: Int, aFirst: Bool) {
        let a = QueuedPodInfo(podInfo: F.pod("a", spec: ["priority": .int(pa)]), timestamp: Self.now + .seconds(ageA))
        let b = QueuedPodInfo(podInfo: F.pod("b", spec: ["priority": .int(pb)]), timestamp: Self.now + .seconds(ageB))
        #expect(PrioritySort().less(a, b) == aFirst)
    }
}
