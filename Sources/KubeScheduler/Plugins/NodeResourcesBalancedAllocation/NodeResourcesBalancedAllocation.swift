import KubeMachinery

/// Favours nodes whose resources stay evenly used once the pod lands: a node with cpu 90% and
/// memory 10% used strands capacity that nobody can use. Score = (1 - standard deviation of
/// the requested fractions) × 100, fractions capped at 1.
///
/// Compares real requests (no non-zero defaults), as upstream: a pod that requests nothing
/// changes no fraction, so it is not scored at all (PreScore skips it), which keeps best-effort
/// pods from piling onto one node that happens to look balanced.
public struct NodeResourcesBalancedAllocation: PreScorePlugin, ScorePlugin {
    public static let name = "NodeResourcesBalancedAllocation"
    public var name: String { Self.name }

    static let preScoreStateKey = "PreScore" + name
    struct PreScoreState: Sendable { var podRequests: [Int64] }

    public let resources: [ResourceSpec]
    let scorer: ResourceAllocationScorer

    public init(resources: [ResourceSpec] = ResourceSpec.defaults) {
        self.resources = resources
        scorer = ResourceAllocationScorer(resources: resources, useRequested: true, strategy: Self.balancedScore)
    }

    /// `NodeResourcesBalancedAllocationArgs`: `{resources: [{name, weight}]}`.
    public init(json: JSONValue?) throws {
        guard let json, json != .null else { self.init(); return }
        guard json.objectValue != nil else {
            throw PluginArgsError(plugin: Self.name, field: "args", "must be an object, got \(json.typeName)")
        }
        self.init(resources: try ResourceSpec.parseList(json["resources"], plugin: Self.name, field: "resources"))
    }

    public func preScore(_ state: CycleState, _ pod: PodInfo, _ nodes: [NodeInfo]) -> Status {
        let requests = scorer.podRequests(pod)
        if requests.allSatisfy({ $0 == 0 }) { return .skip }
        state.write(Self.preScoreStateKey, PreScoreState(podRequests: requests))
        return .success
    }

    public func score(_ state: CycleState, _ pod: PodInfo, _ node: NodeInfo) -> (Int64, Status) {
        let requests = state.read(Self.preScoreStateKey, as: PreScoreState.self)?.podRequests ?? scorer.podRequests(pod)
        return (scorer.score(node, podRequests: requests), .success)
    }

    /// Weights do not enter the formula (upstream ignores them here too); resources the node
    /// lacks are left out.
    static func balancedScore(_ requested: [Int64], _ allocatable: [Int64]) -> Int64 {
        var fractions: [Double] = []
        for i in requested.indices where allocatable[i] != 0 {
            fractions.append(min(Double(requested[i]) / Double(allocatable[i]), 1))
        }
        var std = 0.0
        if fractions.count == 2 {
            std = abs(fractions[0] - fractions[1]) / 2
        } else if fractions.count > 2 {
            let mean = fractions.reduce(0, +) / Double(fractions.count)
            let variance = fractions.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(fractions.count)
            std = variance.squareRoot()
        }
        return Int64((1 - std) * Double(maxNodeScore))
    }
}
