@testable import HollowNodes
import Testing

/// The heartbeat rotation: renewals of different nodes are spread over the interval instead of
/// arriving in one burst, and paused nodes keep their slot without being renewed.
@Suite struct HeartbeatRotationTests {
    @Test func renewalsAreSpreadEvenlyOverTheInterval() {
        let start = ContinuousClock.now
        let table = HollowNodeTable(options: HollowNodeOptions(count: 10, renewInterval: .seconds(10)), now: start, readySince: "t")
        #expect(table.takeDue(now: start).leases.isEmpty, "nobody is due at the start")
        #expect(table.takeDue(now: start + .milliseconds(5_500)).leases == [0, 1, 2, 3, 4])
        #expect(table.takeDue(now: start + .seconds(10)).leases == [5, 6, 7, 8, 9])
        // The next round starts again with node 0, one interval after its first renewal.
        #expect(table.takeDue(now: start + .milliseconds(11_500)).leases == [0])
    }

    @Test func pausedNodesAreSkippedUntilResumed() {
        let start = ContinuousClock.now
        let table = HollowNodeTable(options: HollowNodeOptions(count: 3, renewInterval: .seconds(3)), now: start, readySince: "t")
        table.setHeartbeat(1, .paused)
        #expect(table.takeDue(now: start + .seconds(3)).leases == [0, 2])
        table.setHeartbeat(1, .running)
        #expect(table.takeDue(now: start + .seconds(6)).leases == [0, 1, 2])
        table.setHeartbeat(2, .stopped)
        table.setHeartbeat(2, .running)  // a stopped kubelet does not come back
        #expect(table.takeDue(now: start + .seconds(9)).leases == [0, 1])
    }

    @Test func podAddressesAreUniquePerNodeAndReusedAfterRelease() {
        let table = HollowNodeTable(options: HollowNodeOptions(count: 2), now: .now, readySince: "t")
        let a = table.claimStart(uid: "a", node: 1)
        let b = table.claimStart(uid: "b", node: 1)
        #expect(a?.podIP == "10.244.1.1")
        #expect(b?.podIP == "10.244.1.2")
        #expect(a?.hostIP == "10.128.0.2")
        #expect(table.claimStart(uid: "a", node: 1) == nil, "a pod is started once")
        table.release(uid: "a")
        #expect(table.trackedPods == 1)
        table.registered(0, uid: "u", podCIDR: "10.9.8.0/24")
        #expect(table.claimStart(uid: "c", node: 0)?.podIP == "10.9.8.1", "the node's spec.podCIDR wins")
    }
}
