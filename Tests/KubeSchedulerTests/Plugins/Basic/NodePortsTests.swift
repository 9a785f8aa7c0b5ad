import KubeMachinery
import Testing
@testable import KubeScheduler

@Suite struct NodePortsTests {
    typealias F = BasicFixtures

    static func podWithPort(_ port: Int64, ip: String? = nil, proto: String? = nil, name: String = "p") -> PodInfo {
        F.pod(name, containers: [F.container(ports: [F.hostPort(port, ip: ip, proto: proto)])])
    }

    @Test(arguments: [
        // (wanted ip, wanted proto, used ip, used proto, used port, conflict)
        ("", "", "", "", 8080, true),                         // both wildcard
        ("", "", "10.0.0.1", "", 8080, true),                 // wanted wildcard covers every IP
        ("127.0.0.1", "", "", "", 8080, true),                // used wildcard covers every IP
        ("127.0.0.1", "", "10.0.0.1", "", 8080, false),       // distinct specific IPs
        ("10.0.0.1", "TCP", "10.0.0.1", "TCP", 8080, true),
        ("", "UDP", "", "TCP", 8080, false),                  // protocols are separate spaces
        ("", "TCP", "", "", 8081, false),                     // another port
        ("", "SCTP", "", "SCTP", 8080, true),
    ])
    func hostPortConflicts(wantIP: String, wantProto: String, usedIP: String, usedProto: String, usedPort: Int64, conflict: Bool) {
        let existing = Self.podWithPort(usedPort, ip: usedIP.isEmpty ? nil : usedIP, proto: usedProto.isEmpty ? nil : usedProto, name: "old")
        let node = F.node(existing: [existing])
        let pod = Self.podWithPort(8080, ip: wantIP.isEmpty ? nil : wantIP, proto: wantProto.isEmpty ? nil : wantProto)
        let plugin = NodePorts()
        let state = CycleState()
        let (_, pre) = plugin.preFilter(state, pod, [node])
        #expect(pre.isSuccess)
        let status = plugin.filter(state, pod, node)
        if conflict {
            #expect(status == .unschedulable("node(s) didn't have free ports for the requested pod ports"))
        } else {
            #expect(status.isSuccess)
        }
    }

    @Test func podWithoutHostPortsSkipsTheFilter() {
        let pod = F.pod(containers: [F.container(ports: [["containerPort": 80]])])
        let (result, status) = NodePorts().preFilter(CycleState(), pod, [])
        #expect(result == nil)
        #expect(status.isSkip)
    }

    @Test func filterWithoutPreFilterStateUsesThePodsPorts() {
        let node = F.node(existing: [Self.podWithPort(9000, name: "old")])
        #expect(!NodePorts().filter(CycleState(), Self.podWithPort(9000), node).isSuccess)
    }

    @Test func initContainerPortsAreNotHostPortClaims() {
        let pod = F.pod(initContainers: [F.container(ports: [F.hostPort(8080)])])
        #expect(pod.hostPorts.isEmpty)
        #expect(NodePorts().preFilter(CycleState(), pod, []).1.isSkip)
    }
}
