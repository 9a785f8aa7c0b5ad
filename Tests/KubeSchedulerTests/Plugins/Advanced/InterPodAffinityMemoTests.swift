import KubeAPI
import KubeMachinery
import Testing
@testable import KubeScheduler

/// The per-node memos (InterPodAffinity's PreFilter, PodTopologySpread's PreScore) must give
/// exactly what a full recount gives, however the nodes change between cycles: one plugin
/// instance (with its memo) is run through a sequence of cluster states and compared, state
/// by state, with a fresh instance that counts from scratch.
@Suite struct InterPodAffinityMemoTests {
    typealias A = Advanced

    static let green = ["color": "green"]
    static func antiGreen(_ name: String, node: String = "", labels: [String: String] = green) -> PodInfo {
        A.pod(name, labels: labels, node: node, spec: A.affinity(requiredAnti: [A.term(green, A.hostname)]))
    }

    /// Incoming pods of different shapes.
    static let incoming: [PodInfo] = [
        Self.antiGreen("new-green"),
        A.pod("new-web", labels: ["app": "web"], spec: A.affinity(required: [A.term(["app": "web"], A.zone)], requiredAnti: [A.term(green, A.zone)])),
        A.pod("plain", labels: ["app": "db"]),
    ]

    struct Cluster {
        var nodes: [NodeInfo]
        var nextGeneration: Int64 = 100

        init() {
            let nodes = (0..<6).map { A.node("n\($0)", zone: $0 % 2 == 0 ? "a" : "b") }
            let pods = [
                InterPodAffinityMemoTests.antiGreen("g0", node: "n0"),
                A.pod("w1", labels: ["app": "web"], node: "n1"),
                InterPodAffinityMemoTests.antiGreen("g3", node: "n3", labels: ["color": "green", "app": "web"]),
            ]
            self.nodes = A.nodeInfos(nodes, pods)
            for i in self.nodes.indices { self.nodes[i].generation = Int64(i + 1) }
        }

        /// Changes node `i` the way the cache does: content and a new generation.
        mutating func change(_ i: Int, stamp: Bool = true, _ edit: (inout NodeInfo) -> Void) {
            edit(&nodes[i])
            if stamp {
                nextGeneration += 1
                nodes[i].generation = nextGeneration
            }
        }
    }

    static func counts(_ plugin: InterPodAffinity, _ pod: PodInfo, _ nodes: [NodeInfo]) -> [[String: [String: Int64]]]? {
        let state = CycleState()
        let (_, status) = plugin.preFilter(state, pod, nodes)
        guard !status.isSkip else { return nil }
        guard let s = state.read(InterPodAffinity.preFilterStateKey, as: FrozenState<InterPodAffinity.PreFilterState>.self)?.value else { return [] }
        return [s.existingAntiAffinityCounts.byKey, s.affinityCounts.byKey, s.antiAffinityCounts.byKey]
    }

    /// Cluster changes, applied one after another.
    static var steps: [(String, (inout Cluster) -> Void)] {
        var steps: [(String, (inout Cluster) -> Void)] = [
            ("unchanged", { _ in }),
            ("a pod with anti-affinity lands on n2", { c in c.change(2) { $0.addPod(Self.antiGreen("g2", node: "n2")) } }),
            ("a web pod lands on n4", { c in c.change(4) { $0.addPod(A.pod("w4", labels: ["app": "web"], node: "n4")) } }),
            ("n0's pod leaves", { c in c.change(0) { _ = $0.removePod(Self.antiGreen("g0", node: "n0")) } }),
            ("n5 is removed", { c in c.nodes.remove(at: 5) }),
            ("n6 joins with a green pod", { c in
                var n = A.nodeInfos([A.node("n6", zone: "a")], [Self.antiGreen("g6", node: "n6")])[0]
                n.generation = 500
                c.nodes.append(n)
            }),
            ("n1 is relabelled into zone a", { c in c.change(1) { $0.setNode(A.node("n1", zone: "a")) } }),
        ]
        // Unstamped nodes (generation 0, as in tests without a cache) are never trusted.
        steps.append(("n3 changes without a generation", { c in
            c.nodes[3].generation = 0
            c.change(3, stamp: false) { $0.addPod(Self.antiGreen("g3b", node: "n3")) }
        }))
        steps.append(("n3 changes again without a generation", { c in
            c.change(3, stamp: false) { $0.addPod(Self.antiGreen("g3c", node: "n3")) }
        }))
        return steps
    }

    @Test(arguments: incoming.indices)
    func memoizedCountsEqualAFullRecountAfterEveryChange(_ which: Int) {
        let pod = Self.incoming[which]
        var cluster = Cluster()
        let memoized = InterPodAffinity(handle: AdvancedFakeHandle(nodes: cluster.nodes))
        for (name, step) in Self.steps {
            step(&cluster)
            let fresh = InterPodAffinity(handle: AdvancedFakeHandle(nodes: cluster.nodes))
            let got = Self.counts(memoized, pod, cluster.nodes)
            let want = Self.counts(fresh, pod, cluster.nodes)
            #expect(got == want, "after: \(name)")
        }
    }

    static func scores(_ plugin: InterPodAffinity, _ pod: PodInfo, _ nodes: [NodeInfo]) -> [String: [String: Int64]]? {
        let state = CycleState()
        guard plugin.preScore(state, pod, nodes).isSuccess else { return nil }
        return state.read(InterPodAffinity.preScoreStateKey, as: FrozenState<InterPodAffinity.PreScoreState>.self)?.value.topologyScore
    }

    static let preferring: [PodInfo] = [
        A.pod("likes-web", labels: ["app": "api"], spec: A.affinity(preferred: [A.weighted(5, A.term(["app": "web"], A.zone))],
                                                                  preferredAnti: [A.weighted(3, A.term(green, A.hostname))])),
        // No preferences of its own: only existing pods' terms count.
        A.pod("green-plain", labels: green),
    ]

    @Test(arguments: preferring.indices)
    func preScoreSumsEqualAFullRecountAfterEveryChange(_ which: Int) {
        let pod = Self.preferring[which]
        var cluster = Cluster()
        // Existing pods with preferences and required affinity, so both kinds of pod score.
        cluster.change(1) { $0.addPod(A.pod("pref1", labels: ["app": "web"], node: "n1",
                                            spec: A.affinity(required: [A.term(["app": "web"], A.zone)], preferredAnti: [A.weighted(7, A.term(Self.green, A.zone))]))) }
        let handle = AdvancedFakeHandle(nodes: cluster.nodes)
        let memoized = InterPodAffinity(handle: handle)
        for (name, step) in [("start", { (_: inout Cluster) in })] + Self.steps {
            step(&cluster)
            handle.setNodes(cluster.nodes)
            let fresh = InterPodAffinity(handle: AdvancedFakeHandle(nodes: cluster.nodes))
            #expect(Self.scores(memoized, pod, cluster.nodes) == Self.scores(fresh, pod, cluster.nodes), "after: \(name)")
        }
    }

    /// Several shapes share one memo (it keeps the most recent few): entries go stale while
    /// others are asked, and must catch up exactly when asked again.
    @Test func shapesTakingTurnsThroughOneMemoStayExact() {
        var cluster = Cluster()
        let handle = AdvancedFakeHandle(nodes: cluster.nodes)
        let affinity = InterPodAffinity(handle: handle)
        let spread = PodTopologySpread(handle: handle)
        for (name, step) in [("start", { (_: inout Cluster) in })] + Self.steps {
            step(&cluster)
            handle.setNodes(cluster.nodes)
            let freshHandle = AdvancedFakeHandle(nodes: cluster.nodes)
            for pod in Self.incoming {
                #expect(Self.counts(affinity, pod, cluster.nodes) == Self.counts(InterPodAffinity(handle: freshHandle), pod, cluster.nodes),
                        "after: \(name), \(pod.name)")
            }
            for pod in Self.preferring {
                #expect(Self.scores(affinity, pod, cluster.nodes) == Self.scores(InterPodAffinity(handle: freshHandle), pod, cluster.nodes),
                        "after: \(name), \(pod.name)")
            }
            for pod in Self.hardSpreadPods {
                #expect(Self.spreadFilterCounts(spread, pod, cluster.nodes) == Self.spreadFilterCounts(PodTopologySpread(handle: freshHandle), pod, cluster.nodes),
                        "after: \(name), \(pod.name)")
            }
        }
    }

    @Test func alternatingShapesStayExact() {
        let cluster = Cluster()
        let memoized = InterPodAffinity(handle: AdvancedFakeHandle(nodes: cluster.nodes))
        let fresh = { InterPodAffinity(handle: AdvancedFakeHandle(nodes: cluster.nodes)) }
        for round in 0..<3 {
            for pod in Self.incoming {
                #expect(Self.counts(memoized, pod, cluster.nodes) == Self.counts(fresh(), pod, cluster.nodes), "round \(round), \(pod.name)")
            }
        }
    }

    /// PodTopologySpread reads every node through the handle, so each state gets a handle of
    /// its own while the plugin's memo carries over through a shared plugin-less memo object.
    static func spreadCounts(_ memo: PerNodeMemo<SpreadShape, [DomainCount], [[String: Int64]]>?, _ pod: PodInfo,
                             _ nodes: [NodeInfo], owners: [LabelSelector]) -> [[String: Int64]]? {
        let handle = AdvancedFakeHandle(nodes: nodes, owners: owners)
        let plugin = memo.map { PodTopologySpread(handle: handle, memo: $0) } ?? PodTopologySpread(handle: handle)
        let state = CycleState()
        guard plugin.preScore(state, pod, nodes).isSuccess else { return nil }
        return state.read(PodTopologySpread.preScoreStateKey, as: FrozenState<PodTopologySpread.PreScoreState>.self)?.value.counts
    }

    static func spreadFilterCounts(_ plugin: PodTopologySpread, _ pod: PodInfo, _ nodes: [NodeInfo]) -> [[String: Int]]? {
        let state = CycleState()
        guard plugin.preFilter(state, pod, nodes).1.isSuccess else { return nil }
        return state.read(PodTopologySpread.preFilterStateKey, as: FrozenState<PodTopologySpread.PreFilterState>.self)?.value.counts
    }

    static let hardSpreadPods: [PodInfo] = [
        A.pod("hard-zone", labels: ["app": "web"], spec: ["topologySpreadConstraints": [A.spread(A.zone, matchLabels: ["app": "web"])]]),
        A.pod("hard-both", labels: green, spec: ["topologySpreadConstraints": [
            A.spread(A.zone, matchLabels: green), A.spread(A.hostname, maxSkew: 2, matchLabels: green)]]),
        // Node affinity honoured by default: only zone-a nodes open domains.
        A.pod("hard-pinned", labels: green, spec: ["nodeSelector": [A.zone: "a"], "topologySpreadConstraints": [A.spread(A.hostname, matchLabels: green)]]),
    ]

    @Test(arguments: hardSpreadPods.indices)
    func spreadFilterCountsEqualAFullRecountAfterEveryChange(_ which: Int) {
        let pod = Self.hardSpreadPods[which]
        var cluster = Cluster()
        let handle = AdvancedFakeHandle(nodes: cluster.nodes)
        let memoized = PodTopologySpread(handle: handle)
        for (name, step) in [("start", { (_: inout Cluster) in })] + Self.steps {
            step(&cluster)
            handle.setNodes(cluster.nodes)
            let got = Self.spreadFilterCounts(memoized, pod, cluster.nodes)
            #expect(got != nil, "after: \(name)")
            #expect(got == Self.spreadFilterCounts(PodTopologySpread(handle: AdvancedFakeHandle(nodes: cluster.nodes)), pod, cluster.nodes), "after: \(name)")
        }
    }

    static let spreadPods: [(PodInfo, [LabelSelector])] = [
        // Explicit ScheduleAnyway constraints over zones.
        (A.pod("s-web", labels: ["app": "web"], spec: ["topologySpreadConstraints": [A.spread(A.zone, maxSkew: 1, "ScheduleAnyway", matchLabels: ["app": "web"])]]), []),
        // System defaults, selecting through the owners' selector.
        (A.pod("d-green", labels: green), [try! LabelSelector(matchLabels: green)]),
    ]

    @Test(arguments: spreadPods.indices)
    func spreadCountsEqualAFullRecountAfterEveryChange(_ which: Int) {
        let (pod, owners) = Self.spreadPods[which]
        var cluster = Cluster()
        let memo = PerNodeMemo<SpreadShape, [DomainCount], [[String: Int64]]>()
        for (name, step) in [("start", { (_: inout Cluster) in })] + Self.steps {
            step(&cluster)
            let got = Self.spreadCounts(memo, pod, cluster.nodes, owners: owners)
            #expect(got != nil, "after: \(name)")
            #expect(got == Self.spreadCounts(nil, pod, cluster.nodes, owners: owners), "after: \(name)")
        }
    }
}
