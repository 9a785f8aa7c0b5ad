import Foundation
import KubeAPI
import KubeClient
import KubeMachinery
import Testing
@testable import KubeControllers

@Suite struct NodeIPAMControllerTests {
    static func options(cidr: String, mask: Int) -> ControllerOptions {
        var o = ControllerOptions.forTests
        o.clusterCIDR = cidr
        o.nodeCIDRMaskSize = mask
        return o
    }

    static func podCIDRs(_ client: KubeClient) async throws -> [String: String] {
        var out: [String: String] = [:]
        for n in try await client.list(Node.self).items { if let c = n.podCIDR { out[n.name] = c } }
        return out
    }

    @Test func everyNodeGetsADistinctBlockOfTheClusterCIDR() async throws {
        try await ControllerTestCluster.with(options: Self.options(cidr: "10.100.0.0/16", mask: 24)) { cluster in
            for i in 0..<4 { _ = try await cluster.client.create(Node(name: "n\(i)")) }
            try await cluster.run(NodeIPAMController.self)
            #expect(await eventually { try await Self.podCIDRs(cluster.client).count == 4 })
            let cidrs = try await Self.podCIDRs(cluster.client)
            #expect(Set(cidrs.values).count == 4)
            #expect(cidrs.values.allSatisfy { $0.hasPrefix("10.100.") && $0.hasSuffix(".0/24") })
            let n0 = try await cluster.client.get(Node.self, name: "n0")
            #expect(n0.json["spec"]?["podCIDRs"] == [.string(n0.podCIDR ?? "")])

            // A node created later gets one too.
            _ = try await cluster.client.create(Node(name: "late"))
            #expect(await eventually { try await Self.podCIDRs(cluster.client)["late"] != nil })
            #expect(Set(try await Self.podCIDRs(cluster.client).values).count == 5)
        }
    }

    @Test func blocksNodesAlreadyHoldAreRecoveredAndKept() async throws {
        try await ControllerTestCluster.with(options: Self.options(cidr: "10.100.0.0/22", mask: 24)) { cluster in
            // As an earlier run of the controller left them.
            for (name, cidr) in [("old-a", "10.100.0.0/24"), ("old-b", "10.100.2.0/24")] {
                var node = Node(name: name)
                node.spec = ["podCIDR": .string(cidr), "podCIDRs": [.string(cidr)]]
                _ = try await cluster.client.create(node)
            }
            _ = try await cluster.client.create(Node(name: "new-a"))
            _ = try await cluster.client.create(Node(name: "new-b"))
            let controller = try NodeIPAMController(context: cluster.context)
            try await cluster.start([controller])
            #expect(await eventually { try await Self.podCIDRs(cluster.client).count == 4 })
            let cidrs = try await Self.podCIDRs(cluster.client)
            #expect(cidrs["old-a"] == "10.100.0.0/24")
            #expect(cidrs["old-b"] == "10.100.2.0/24")
            #expect(Set([cidrs["new-a"], cidrs["new-b"]]) == ["10.100.1.0/24", "10.100.3.0/24"])
            #expect(controller.allocatedCount == 4)
        }
    }

    @Test func anExhaustedRangeRecordsCIDRNotAvailableUntilANodeLeaves() async throws {
        try await ControllerTestCluster.with(options: Self.options(cidr: "10.100.0.0/23", mask: 24)) { cluster in
            for name in ["a", "b"] { _ = try await cluster.client.create(Node(name: name)) }
            try await cluster.run(NodeIPAMController.self)
            #expect(await eventually { try await Self.podCIDRs(cluster.client).count == 2 })
            _ = try await cluster.client.create(Node(name: "c"))
            #expect(await eventually {
                try await cluster.client.list(CoreEvent.self).items.contains {
                    $0.json["reason"] == "CIDRNotAvailable" && $0.json["involvedObject"]?["name"] == "c"
                }
            })
            #expect(try await Self.podCIDRs(cluster.client)["c"] == nil)

            let freed = try #require(try await Self.podCIDRs(cluster.client)["a"])
            try await cluster.client.delete(Node.self, name: "a")
            #expect(await eventually { try await Self.podCIDRs(cluster.client)["c"] == freed })
        }
    }

    @Test func anInvalidClusterCIDRFailsConstruction() async throws {
        _ = try await ControllerTestCluster.with(options: Self.options(cidr: "10.100.0.0/24", mask: 16)) { cluster in
            #expect(throws: CIDRSet.Failure.self) { try NodeIPAMController(context: cluster.context) }
        }
    }
}

@Suite struct CIDRSetTests {
    @Test func blocksAreHandedOutInOrderUntilFull() throws {
        var set = try CIDRSet(clusterCIDR: "10.42.0.0/22", nodeMaskSize: 24)
        #expect(set.capacity == 4)
        let got = try (0..<4).map { _ in try set.allocate() }
        #expect(got == ["10.42.0.0/24", "10.42.1.0/24", "10.42.2.0/24", "10.42.3.0/24"])
        #expect(throws: CIDRSet.Failure.full) { try set.allocate() }
        try set.release("10.42.2.0/24")
        #expect(try set.allocate() == "10.42.2.0/24")
    }

    @Test func occupiedBlocksAreSkippedAndAReleasedOneIsNotReusedAtOnce() throws {
        var set = try CIDRSet(clusterCIDR: "10.42.0.0/16", nodeMaskSize: 24)
        try set.occupy("10.42.0.0/24")
        #expect(try set.allocate() == "10.42.1.0/24")
        try set.release("10.42.1.0/24")
        #expect(try set.allocate() == "10.42.2.0/24")
        #expect(set.isAllocated("10.42.0.0/24"))
        #expect(!set.isAllocated("10.42.1.0/24"))
    }

    @Test(arguments: ["10.43.0.0/24", "10.42.0.0/25", "10.42.0.128/24", "garbage"])
    func blocksOutsideTheRangeAreRefused(cidr: String) throws {
        var set = try CIDRSet(clusterCIDR: "10.42.0.0/16", nodeMaskSize: 24)
        #expect(throws: CIDRSet.Failure.self) { try set.occupy(cidr) }
    }

    @Test(arguments: [("10.42.0.0/16", 8), ("10.42.0.0/8", 25), ("10.42.0.0", 24), ("300.1.1.1/8", 16)])
    func invalidConfigurationsAreRejected(cidr: String, mask: Int) {
        #expect(throws: CIDRSet.Failure.self) { try CIDRSet(clusterCIDR: cidr, nodeMaskSize: mask) }
    }
}
