import KubeMachinery
import Testing
@testable import KubeScheduler

@Suite struct NodeResourcesFitFilterTests {
    typealias F = BasicFixtures

    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        var pod: PodInfo
        var node: NodeInfo
        var args: NodeResourcesFitArgs = NodeResourcesFitArgs()
        var reasons: [String]
        var code: Status.Code
        var testDescription: String { name }
    }

    static let busy = F.pod("busy", containers: [F.container(cpu: "3", memory: "6Gi")])

    static let cases: [Case] = [
        Case(name: "fits on an empty node", pod: F.pod(containers: [F.container(cpu: "1", memory: "1Gi")]),
             node: F.node(), reasons: [], code: .success),
        Case(name: "request-less pod always fits while slots remain", pod: F.pod(), node: F.node(existing: [busy]),
             reasons: [], code: .success),
        Case(name: "more cpu than the node has in total is unresolvable",
             pod: F.pod(containers: [F.container(cpu: "5")]), node: F.node(),
             reasons: ["Insufficient cpu"], code: .unschedulableAndUnresolvable),
        Case(name: "cpu taken by other pods is resolvable by preemption",
             pod: F.pod(containers: [F.container(cpu: "2")]), node: F.node(existing: [busy]),
             reasons: ["Insufficient cpu"], code: .unschedulable),
        Case(name: "one reason per insufficient resource, cpu before memory",
             pod: F.pod(containers: [F.container(cpu: "2", memory: "4Gi")]), node: F.node(existing: [busy]),
             reasons: ["Insufficient cpu", "Insufficient memory"], code: .unschedulable),
        Case(name: "ephemeral storage",
             pod: F.pod(containers: [F.container(ephemeralStorage: "20Gi")]), node: F.node(extra: ["ephemeral-storage": "10Gi"]),
             reasons: ["Insufficient ephemeral-storage"], code: .unschedulableAndUnresolvable),
        Case(name: "extended resource",
             pod: F.pod(containers: [F.container(scalar: ["example.com/gpu": "3"])]), node: F.node(extra: ["example.com/gpu": "2"]),
             reasons: ["Insufficient example.com/gpu"], code: .unschedulableAndUnresolvable),
        Case(name: "extended resource the node lacks entirely",
             pod: F.pod(containers: [F.container(scalar: ["example.com/fpga": "1"])]), node: F.node(),
             reasons: ["Insufficient example.com/fpga"], code: .unschedulableAndUnresolvable),
        Case(name: "ignoredResources skips an extended resource",
             pod: F.pod(containers: [F.container(scalar: ["example.com/gpu": "3"])]), node: F.node(extra: ["example.com/gpu": "2"]),
             args: NodeResourcesFitArgs(ignoredResources: ["example.com/gpu"]), reasons: [], code: .success),
        Case(name: "ignoredResourceGroups skips a whole vendor group",
             pod: F.pod(containers: [F.container(scalar: ["example.com/gpu": "3"])]), node: F.node(extra: ["example.com/gpu": "2"]),
             args: NodeResourcesFitArgs(ignoredResourceGroups: ["example.com"]), reasons: [], code: .success),
        Case(name: "hugepages are never ignored",
             pod: F.pod(containers: [F.container(scalar: ["hugepages-2Mi": "4Mi"])]), node: F.node(),
             args: NodeResourcesFitArgs(ignoredResourceGroups: ["hugepages-2Mi"]),
             reasons: ["Insufficient hugepages-2Mi"], code: .unschedulableAndUnresolvable),
        Case(name: "pod slots run out", pod: F.pod(), node: F.node(pods: 1, existing: [busy]),
             reasons: ["Too many pods"], code: .unschedulable),
        Case(name: "the largest init container counts when it exceeds the app containers",
             pod: F.pod(containers: [F.container(cpu: "1")], initContainers: [F.container(cpu: "4500m")]), node: F.node(),
             reasons: ["Insufficient cpu"], code: .unschedulableAndUnresolvable),
        Case(name: "a small init container does not add to the app containers",
             pod: F.pod(containers: [F.container(cpu: "3")], initContainers: [F.container(cpu: "2")]), node: F.node(),
             reasons: [], code: .success),
        Case(name: "sidecar init containers run alongside the app containers",
             pod: F.pod(containers: [F.container(cpu: "2500m")], initContainers: [F.container(cpu: "2", restartPolicy: "Always")]),
             node: F.node(), reasons: ["Insufficient cpu"], code: .unschedulableAndUnresolvable),
        Case(name: "pod overhead is added to the requests",
             pod: F.pod(containers: [F.container(cpu: "3")], spec: ["overhead": ["cpu": "1500m"]]), node: F.node(),
             reasons: ["Insufficient cpu"], code: .unschedulableAndUnresolvable),
    ]

    @Test(arguments: cases)
    func filterReportsEachInsufficientResource(_ c: Case) {
        let plugin = NodeResourcesFit(args: c.args)
        let state = CycleState()
        #expect(plugin.preFilter(state, c.pod, [c.node]).1.isSuccess)
        let status = plugin.filter(state, c.pod, c.node)
        #expect(status.code == c.code)
        #expect(status.reasons == c.reasons)
    }

    @Test func insufficientResourcesCarryTheAmounts() {
        let pod = F.pod(containers: [F.container(cpu: "2")])
        let found = NodeResourcesFit.insufficientResources(pod.requests, F.node(existing: [Self.busy]))
        #expect(found == [InsufficientResource(resourceName: "cpu", reason: "Insufficient cpu", requested: 2000, used: 3000,
                                               capacity: 4000, unresolvable: false)])
    }
}
