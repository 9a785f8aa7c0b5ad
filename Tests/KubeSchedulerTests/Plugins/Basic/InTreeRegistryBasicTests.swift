import KubeMachinery
import Testing
@testable import KubeScheduler

@Suite struct InTreeRegistryBasicTests {
    static let names = ["PrioritySort", "SchedulingGates", "NodeName", "NodeUnschedulable", "NodePorts", "NodeResourcesFit",
                        "NodeResourcesBalancedAllocation", "NodeAffinity", "TaintToleration", "ImageLocality", "DefaultBinder"]

    @Test(arguments: names)
    func everyBasicPluginIsRegisteredUnderItsUpstreamName(_ name: String) throws {
        let factory = try #require(InTreeRegistry.basic[name])
        let plugin = try factory(nil, BasicFakeHandle())
        #expect(plugin.name == name)
    }

    @Test func nodeResourcesFitArgsSelectTheStrategy() throws {
        let args: JSONValue = ["scoringStrategy": [
            "type": "RequestedToCapacityRatio",
            "resources": [["name": "cpu", "weight": 3], ["name": "memory"]],
            "requestedToCapacityRatio": ["shape": [["utilization": 0, "score": 0], ["utilization": 100, "score": 10]]],
        ], "ignoredResources": ["example.com/foo"]]
        let plugin = try #require(try InTreeRegistry.basic["NodeResourcesFit"]?(args, BasicFakeHandle()) as? NodeResourcesFit)
        #expect(plugin.args.scoringStrategy.type == .requestedToCapacityRatio)
        #expect(plugin.args.scoringStrategy.resources == [ResourceSpec(name: "cpu", weight: 3), ResourceSpec(name: "memory", weight: 1)])
        #expect(plugin.args.scoringStrategy.shape.count == 2)
        #expect(plugin.args.ignoredResources == ["example.com/foo"])
    }

    @Test func emptyArgsGiveLeastAllocatedOverCpuAndMemory() throws {
        let args = try NodeResourcesFitArgs(json: [:])
        #expect(args.scoringStrategy == ScoringStrategy(type: .leastAllocated, resources: ResourceSpec.defaults))
    }

    static let shape: JSONValue = ["type": "RequestedToCapacityRatio"]
    static func rtc(_ points: JSONValue) -> JSONValue {
        ["scoringStrategy": ["type": "RequestedToCapacityRatio", "requestedToCapacityRatio": ["shape": points]]]
    }
    static let badFitArgs: [(JSONValue, String)] = [
        (["scoringStrategy": ["type": "Spread"]], "scoringStrategy.type"),
        (["scoringStrategy": ["resources": [["name": "cpu", "weight": 200]]]], "scoringStrategy.resources[0].weight"),
        (["scoringStrategy": ["resources": [["name": "cpu"], ["name": "cpu"]]]], "scoringStrategy.resources[1].name"),
        (["scoringStrategy": shape], "scoringStrategy.requestedToCapacityRatio.shape"),
        (rtc([["utilization": 50, "score": 1], ["utilization": 40, "score": 2]]), "scoringStrategy.requestedToCapacityRatio.shape[1].utilization"),
        (rtc([["utilization": 50, "score": 11]]), "scoringStrategy.requestedToCapacityRatio.shape[0].score"),
        (["ignoredResourceGroups": ["example.com/gpu"]], "ignoredResourceGroups"),
        (["ignoredResources": "example.com/gpu"], "ignoredResources"),
    ]

    @Test(arguments: badFitArgs)
    func badNodeResourcesFitArgsNameTheField(_ args: JSONValue, field: String) {
        do {
            _ = try NodeResourcesFitArgs(json: args)
            Issue.record("expected an error for \(args)")
        } catch let e as PluginArgsError {
            #expect(e.plugin == "NodeResourcesFit")
            #expect(e.field == field)
        } catch {
            Issue.record("unexpected error \(error)")
        }
    }
}
