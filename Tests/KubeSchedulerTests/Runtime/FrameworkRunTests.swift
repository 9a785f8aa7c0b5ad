import Testing
@testable import KubeScheduler

@Suite struct FrameworkRunTests {
    let nodes = ["a", "b", "c"].map { CoreFixtures.nodeInfo($0) }
    let pod = CoreFixtures.pod("p")

    @Test(arguments: [
        ([["a", "b"], ["b", "c"]], Set(["b"]), ""),
        ([["a"], ["b"]], nil, "node(s) didn't satisfy plugin(s) [P0 P1] simultaneously"),
        ([[]], nil, "node(s) didn't satisfy plugin P0"),
    ] as [([[String]], Set<String>?, String)])
    func preFilterNodeSetsAreIntersected(sets: [[String]], expected: Set<String>?, message: String) throws {
        let pfs = sets.enumerated().map { FakePreFilter(name: "P\($0.offset)", nodes: Set($0.element)) }
        let f = try CoreFixtures.framework(pfs, nodes: nodes)
        let (result, status) = f.runPreFilterPlugins(CycleState(), pod, nodes)
        if let expected {
            #expect(status.isSuccess)
            #expect(result?.nodeNames == expected)
        } else {
            #expect(status.code == .unschedulableAndUnresolvable)
            #expect(status.message == message)
        }
    }

    @Test func preFilterSkipTurnsOffThatPluginsFilter() throws {
        struct SkippingPlugin: PreFilterPlugin, FilterPlugin {
            var name = "Skipper"
            func preFilter(_ state: CycleState, _ pod: PodInfo, _ nodes: [NodeInfo]) -> (PreFilterResult?, Status) { (nil, .skip) }
            func filter(_ state: CycleState, _ pod: PodInfo, _ node: NodeInfo) -> Status { .unschedulable("should not run") }
        }
        let f = try CoreFixtures.framework([SkippingPlugin()], nodes: nodes)
        let state = CycleState()
        #expect(f.runPreFilterPlugins(state, pod, nodes).1.isSuccess)
        #expect(state.skipFilterPlugins == ["Skipper"])
        #expect(f.runFilterPlugins(state, pod, nodes[0]).isSuccess)
    }

    @Test func filterStopsAtTheFirstRejectionAndNamesThePlugin() throws {
        let first = FakeFilter(name: "First", reject: ["a"])
        let second = FakeFilter(name: "Second", reject: ["a"], reason: "other")
        let f = try CoreFixtures.framework([first, second], nodes: nodes)
        let s = f.runFilterPlugins(CycleState(), pod, nodes[0])
        #expect(s.code == .unschedulable)
        #expect(s.plugin == "First")
        #expect(s.reasons == ["node(s) were unschedulable"])
        #expect(second.calls.current == 0)
        #expect(f.runFilterPlugins(CycleState(), pod, nodes[1]).isSuccess)
        #expect(second.calls.current == 1)
    }

    @Test func scoresAreNormalizedThenWeightedAndSummed() async throws {
        let s1 = FakeScore(name: "S1", scores: ["a": 10, "b": 20, "c": 40], normalize: true)  // → 25, 50, 100
        let s2 = FakeScore(name: "S2", scores: ["a": 100, "b": 0, "c": 0])
        let f = try CoreFixtures.framework([s1, s2], weights: ["S1": 2, "S2": 3], nodes: nodes)
        let (scores, status) = await f.runScorePlugins(CycleState(), pod, nodes)
        #expect(status.isSuccess)
        #expect(scores == [NodeScore(name: "a", score: 50 + 300), NodeScore(name: "b", score: 100), NodeScore(name: "c", score: 200)])
    }

    @Test func scoresOutsideZeroToHundredAreAnError() async throws {
        let f = try CoreFixtures.framework([FakeScore(name: "S1", scores: ["a": 101])], nodes: nodes)
        let (_, status) = await f.runScorePlugins(CycleState(), pod, nodes)
        #expect(status.code == .error)
        #expect(status.message.contains("invalid score 101"))
    }

    @Test func preScoreSkipTurnsOffThatPluginsScore() async throws {
        struct Both: PreScorePlugin, ScorePlugin {
            var name = "Both"
            func preScore(_ state: CycleState, _ pod: PodInfo, _ nodes: [NodeInfo]) -> Status { .skip }
            func score(_ state: CycleState, _ pod: PodInfo, _ node: NodeInfo) -> (Int64, Status) { (1000, .success) }
        }
        let f = try CoreFixtures.framework([Both()], nodes: nodes)
        let state = CycleState()
        #expect(f.runPreScorePlugins(state, pod, nodes).isSuccess)
        let (scores, status) = await f.runScorePlugins(state, pod, nodes)
        #expect(status.isSuccess)
        #expect(scores.allSatisfy { $0.score == 0 })
    }

    @Test func reserveFailureUnreservesEveryPluginInReverseOrder() async throws {
        let log = CallLog()
        let f = try CoreFixtures.framework([FakeReserve(name: "R1", log: log), FakeReserve(name: "R2", log: log, fail: true),
                                            FakeReserve(name: "R3", log: log)])
        let state = CycleState()
        let s = await f.runReservePluginsReserve(state, pod, nodeName: "a")
        #expect(s.code == .unschedulable)
        #expect(s.plugin == "R2")
        await f.runReservePluginsUnreserve(state, pod, nodeName: "a")
        #expect(log.all == ["reserve R1", "reserve R2", "unreserve R3", "unreserve R2", "unreserve R1"])
    }

    @Test func permitWaitEndsWhenEveryWaitingPluginAllows() async throws {
        let f = try CoreFixtures.framework([FakePermit(name: "W1", status: Status(.wait)), FakePermit(name: "W2", status: Status(.wait))])
        let s = await f.runPermitPlugins(CycleState(), pod, nodeName: "a")
        #expect(s.isWait)
        let waiting = try #require(f.waitingPods.get(pod.queueKey))
        #expect(waiting.pendingPlugins == ["W1", "W2"])
        async let outcome = f.waitOnPermit(pod)
        waiting.allow(plugin: "W1")
        waiting.allow(plugin: "W2")
        #expect(await outcome.isSuccess)
        #expect(f.waitingPods.get(pod.queueKey) == nil)
    }

    @Test func permitRejectionWhileWaitingFailsThePod() async throws {
        let f = try CoreFixtures.framework([FakePermit(name: "W1", status: Status(.wait))])
        _ = await f.runPermitPlugins(CycleState(), pod, nodeName: "a")
        async let outcome = f.waitOnPermit(pod)
        f.waitingPods.get(pod.queueKey)?.reject(plugin: "W1", message: "no")
        let s = await outcome
        #expect(s.code == .unschedulable)
        #expect(s.plugin == "W1")
    }

    @Test func permitTimeoutRejectsThePod() async throws {
        let f = try CoreFixtures.framework([FakePermit(name: "W1", status: Status(.wait), timeout: .milliseconds(20))])
        _ = await f.runPermitPlugins(CycleState(), pod, nodeName: "a")
        let s = await f.waitOnPermit(pod)
        #expect(s.code == .unschedulable)
        #expect(s.message.contains("rejected due to timeout"))
    }

    @Test func permitRejectionIsReturnedAtOnce() async throws {
        let f = try CoreFixtures.framework([FakePermit(name: "No", status: .unschedulable("denied"))])
        let s = await f.runPermitPlugins(CycleState(), pod, nodeName: "a")
        #expect(s.code == .unschedulable)
        #expect(s.plugin == "No")
        #expect(f.waitingPods.get(pod.queueKey) == nil)
    }

    @Test func theFirstBinderThatDoesNotSkipWins() async throws {
        let skipping = FakeBinder(name: "Skipper", status: .skip)
        let real = FakeBinder(name: "Real")
        var p = CoreFixtures.profile(["FakeQueueSort"])
        p.plugins[.bind] = PluginSet(enabled: [PluginReference("Skipper"), PluginReference("Real")])
        let f = try Framework(profile: p, registry: CoreFixtures.registry([FakeQueueSort(), skipping, real]), client: CoreFixtures.client())
        let s = await f.runBindPlugins(CycleState(), pod, nodeName: "b")
        #expect(s.isSuccess)
        #expect(s.plugin == "Real")
        #expect(real.log.all == ["default/p->b"])
    }

    @Test func allBindersSkippingIsSkip() async throws {
        var p = CoreFixtures.profile(["FakeQueueSort"])
        p.plugins[.bind] = PluginSet(enabled: [PluginReference("Skipper")])
        let f = try Framework(profile: p, registry: CoreFixtures.registry([FakeQueueSort(), FakeBinder(name: "Skipper", status: .skip)]),
                              client: CoreFixtures.client())
        #expect(await f.runBindPlugins(CycleState(), pod, nodeName: "b").isSkip)
    }

    @Test(arguments: [(Int64(10), false), (Int64(0), false), (Int64(-1), true)])
    func nominatedPodsOfHigherOrEqualPriorityCountOnTheirNode(nominatedPriority: Int64, fits: Bool) throws {
        let nominator = PodNominator()
        nominator.addNominatedPod(CoreFixtures.pod("n", priority: nominatedPriority), nodeName: "a")
        let f = try CoreFixtures.framework([FakePodCountFilter(maxPods: 1)], nodes: nodes, nominator: nominator)
        let s = f.runFilterPluginsWithNominatedPods(CycleState(), pod, nodes[0])
        #expect(s.isSuccess == fits)
        // Without nominations the node fits.
        #expect(f.runFilterPluginsWithNominatedPods(CycleState(), pod, nodes[1]).isSuccess)
    }
}
