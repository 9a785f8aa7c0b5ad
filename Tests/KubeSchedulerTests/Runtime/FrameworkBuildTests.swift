import Testing
@testable import KubeScheduler

@Suite struct FrameworkBuildTests {
    let plugins: [any Plugin] = [FakeQueueSort(), FakeFilter(name: "F1"), FakeFilter(name: "F2"), FakeScore(name: "S1", scores: [:]),
                                 FakeScore(name: "S2", scores: [:]), FakeBinder(name: "B1"), FakePreFilter(name: "PF")]

    func build(_ plugins: Plugins) throws -> Framework {
        try Framework(profile: KubeSchedulerProfile(plugins: plugins), registry: CoreFixtures.registry(self.plugins), client: CoreFixtures.client())
    }

    @Test func multiPointExpandsToEveryExtensionPointAPluginImplements() throws {
        let f = try build(Plugins([.multiPoint: PluginSet(enabled: ["FakeQueueSort", "F1", "S1", "B1", "PF"].map { PluginReference($0) })]))
        #expect(f.queueSortPlugins.map(\.name) == ["FakeQueueSort"])
        #expect(f.filterPlugins.map(\.name) == ["F1"])
        #expect(f.scorePlugins.map(\.name) == ["S1"])
        #expect(f.preFilterPlugins.map(\.name) == ["PF"])
        #expect(f.bindPlugins.map(\.name) == ["B1"])
        #expect(f.reservePlugins.isEmpty)
        // No weight given means weight 1.
        #expect(f.scoreWeights["S1"] == 1)
    }

    @Test func explicitScoreWeightOverridesTheMultiPointWeight() throws {
        var p = Plugins([.multiPoint: PluginSet(enabled: [PluginReference("FakeQueueSort"), PluginReference("S1", weight: 2),
                                                         PluginReference("S2", weight: 3), PluginReference("B1")])])
        p[.score] = PluginSet(enabled: [PluginReference("S2", weight: 5)])
        let f = try build(p)
        // S2 is an override: it comes first, then MultiPoint's remaining plugins.
        #expect(f.scorePlugins.map(\.name) == ["S2", "S1"])
        #expect(f.scoreWeights == ["S1": 2, "S2": 5])
    }

    @Test func disablingAtOnePointRemovesAMultiPointPluginOnlyThere() throws {
        var p = Plugins([.multiPoint: PluginSet(enabled: ["FakeQueueSort", "F1", "F2", "B1"].map { PluginReference($0) })])
        p[.filter] = PluginSet(disabled: ["F1"])
        let f = try build(p)
        #expect(f.filterPlugins.map(\.name) == ["F2"])
    }

    @Test func explicitPluginsFollowMultiPointOnesUnlessOverriding() throws {
        var p = Plugins([.multiPoint: PluginSet(enabled: ["FakeQueueSort", "F1", "B1"].map { PluginReference($0) })])
        p[.filter] = PluginSet(enabled: [PluginReference("F2")])
        let f = try build(p)
        #expect(f.filterPlugins.map(\.name) == ["F1", "F2"])
    }

    @Test(arguments: [
        (["FakeQueueSort", "F1", "Nope", "B1"], [ExtensionPoint: [String]](), "plugin \"Nope\" does not exist"),
        (["FakeQueueSort", "F1"], [:], "at least one bind plugin is needed"),
        (["F1", "B1"], [:], "exactly one queue sort plugin is required"),
        (["FakeQueueSort", "B1"], [.filter: ["S1"]], "plugin \"S1\" does not extend filter plugin"),
        (["FakeQueueSort", "B1"], [.filter: ["F1", "F1"]], "plugin \"F1\" already registered as \"filter\""),
    ])
    func invalidProfilesAreRefused(multiPoint: [String], explicit: [ExtensionPoint: [String]], expected: String) {
        var p = Plugins([.multiPoint: PluginSet(enabled: multiPoint.map { PluginReference($0) })])
        for (point, names) in explicit { p[point] = PluginSet(enabled: names.map { PluginReference($0) }) }
        #expect {
            _ = try build(p)
        } throws: { "\($0)".contains(expected) }
    }
}
