import Testing
@testable import KubeScheduler

/// The compact per-key count map InterPodAffinity's Filter consults for every node.
@Suite struct TopologyCountsTests {
    @Test func pairsReachingZeroAreDroppedSoTheMapReportsEmpty() {
        var c = TopologyCounts()
        c.add("zone", "a", 2)
        c.add("zone", "a", -1)
        #expect(!c.isEmpty)
        #expect(c.count("zone", "a") == 1)
        c.add("zone", "a", -1)
        #expect(c.isEmpty)
        #expect(c.keys.isEmpty)
        #expect(c.count("zone", "a") == 0)
    }

    @Test func addingZeroToAnUnknownKeyLeavesTheMapEmpty() {
        var c = TopologyCounts()
        c.add("zone", "a", 0)
        #expect(c.isEmpty)
    }

    @Test(arguments: [
        (["zone": "a", "host": "n1"], true),   // zone=a counted
        (["zone": "b", "host": "n2"], true),   // host=n2 counted
        (["zone": "b", "host": "n1"], false),  // neither pair counted
        (["rack": "a"], false),                // no counted key at all
    ])
    func anyPositiveLooksUpEachCountedKeyOnTheNode(labels: [String: String], expected: Bool) {
        var c = TopologyCounts()
        c.add("zone", "a", 1)
        c.add("host", "n2", 3)
        c.add("zone", "c", -1)  // negative counts never make a node conflict
        #expect(c.anyPositive(in: labels) == expected)
    }

    @Test func countsAreKeptPerKeyNotPerValue() {
        var c = TopologyCounts()
        c.add("zone", "x", 1)
        c.add("host", "x", 5)
        #expect(c.count("zone", "x") == 1)
        #expect(c.count("host", "x") == 5)
        #expect(c.keys == ["zone", "host"])
    }
}
