import KubeMachinery
import Testing
@testable import KubeScheduler

@Suite struct KubeSchedulerConfigurationTests {
    @Test func defaultsMatchUpstreamsDefaultProfile() {
        let c = KubeSchedulerConfiguration.default
        #expect(c.parallelism == 16)
        #expect(c.podInitialBackoffSeconds == 1)
        #expect(c.podMaxBackoffSeconds == 10)
        #expect(c.profiles.map(\.schedulerName) == ["default-scheduler"])
        let multi = c.profiles[0].plugins[.multiPoint].enabled
        #expect(multi.map(\.name) == ["PrioritySort", "SchedulingGates", "NodeUnschedulable", "NodeName", "TaintToleration", "NodeAffinity",
                                      "NodePorts", "NodeResourcesFit", "PodTopologySpread", "InterPodAffinity", "DefaultPreemption",
                                      "NodeResourcesBalancedAllocation", "ImageLocality", "DefaultBinder"])
        let weights = Dictionary(uniqueKeysWithValues: multi.map { ($0.name, $0.weight) })
        #expect(weights["TaintToleration"] == 3)
        #expect(weights["NodeAffinity"] == 2)
        #expect(weights["PodTopologySpread"] == 2)
        #expect(weights["InterPodAffinity"] == 2)
        #expect(weights["NodeResourcesFit"] == 1)
    }

    @Test func yamlFileIsParsedAndMergedOntoTheDefaults() throws {
        let yaml = """
        apiVersion: kubescheduler.config.k8s.io/v1
        kind: KubeSchedulerConfiguration
        parallelism: 8
        percentageOfNodesToScore: 30
        podMaxBackoffSeconds: 20
        profiles:
        - schedulerName: default-scheduler
        - schedulerName: no-scoring
          plugins:
            multiPoint:
              enabled:
              - name: TaintToleration
                weight: 7
            score:
              disabled:
              - name: "*"
          pluginConfig:
          - name: NodeResourcesFit
            args:
              scoringStrategy:
                type: MostAllocated
        """
        let c = try KubeSchedulerConfiguration(yaml: yaml)
        #expect(c.parallelism == 8)
        #expect(c.percentageOfNodesToScore == 30)
        #expect(c.podInitialBackoffSeconds == 1)
        #expect(c.podMaxBackoffSeconds == 20)
        #expect(c.profiles.map(\.schedulerName) == ["default-scheduler", "no-scoring"])
        let p = try #require(c.profile(named: "no-scoring"))
        // Re-listing a default replaces it in place (new weight), keeping upstream's order.
        let multi = p.plugins[.multiPoint].enabled
        #expect(multi[4] == PluginReference("TaintToleration", weight: 7))
        #expect(multi.count == 14)
        #expect(p.plugins[.score].disabled == ["*"])
        #expect(p.args(for: "NodeResourcesFit")?["scoringStrategy"]?["type"] == "MostAllocated")
    }

    @Test func disablingADefaultAndAddingACustomPluginKeepsOrder() {
        let custom = Plugins([.multiPoint: PluginSet(enabled: [PluginReference("MyPlugin", weight: 2)], disabled: ["ImageLocality"])])
        let merged = custom.mergedOnto(.defaults)[.multiPoint]
        #expect(!merged.enabled.contains { $0.name == "ImageLocality" })
        #expect(merged.enabled.last == PluginReference("MyPlugin", weight: 2))
        #expect(merged.enabled.first?.name == "PrioritySort")
    }

    @Test func disablingEverythingDropsAllDefaults() {
        let custom = Plugins([.multiPoint: PluginSet(enabled: [PluginReference("A")], disabled: ["*"])])
        #expect(custom.mergedOnto(.defaults)[.multiPoint].enabled.map(\.name) == ["A"])
    }

    @Test(arguments: [
        ("parallelism: 0", "parallelism: Invalid value: 0"),
        ("percentageOfNodesToScore: 150", "percentageOfNodesToScore: Invalid value: 150: not in valid range [0-100]"),
        ("podInitialBackoffSeconds: 5\npodMaxBackoffSeconds: 2", "podMaxBackoffSeconds: Invalid value: 2: must be greater than or equal to PodInitialBackoffSeconds"),
        ("profiles:\n- schedulerName: a\n- schedulerName: a", "profiles[1].schedulerName: Duplicate value: \"a\""),
        ("apiVersion: kubescheduler.config.k8s.io/v1beta3", "apiVersion: unsupported value"),
        ("profiles:\n- schedulerName: a\n  plugins:\n    nope: {}", "profiles[0].plugins.nope: unknown extension point"),
        ("profiles:\n- schedulerName: a\n- schedulerName: b\n  plugins:\n    queueSort:\n      enabled:\n      - name: OtherSort\n      disabled:\n      - name: '*'",
         "queueSort must be the same for all profiles"),
    ])
    func invalidConfigurationsAreRefusedWithTheirFieldPath(yaml: String, expected: String) {
        #expect {
            _ = try KubeSchedulerConfiguration(yaml: yaml)
        } throws: { error in
            "\(error)".contains(expected)
        }
    }
}
