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
        // The requests PreScore stored are the pod's own; reading them from the pod directly
        // spares a locked cycle-state read per node.
        return (scorer.score(node, pod: pod), .success)
    }

    /// Weights do not enter the formula (upstream ignores them here too); resources the node
    /// lacks are left out.
    static func balancedScore(_ requested: UnsafeBufferPointer<Int64>, _ allocatable: UnsafeBufferPointer<Int64>) -> Int64 {
        // Two passes over the inputs instead of collecting the fractions: this runs per node.
        func fraction(_ i: Int) -> Double { min(Double(requested[i]) / Double(allocatable[i]), 1) }
        var count = 0
        var sum = 0.0
        var first = 0.0, second = 0.0
        for i in requested.indices where allocatable[i] != 0 {
            let f = fraction(i)
            if count == 0 { first = f } else if count == 1 { second = f }
            sum += f
            count += 1
        }
        var std = 0.0
        if count == 2 {
            std = abs(first - second) / 2
        } else if count > 2 {
            let mean = sum / Double(count)
            var squares = 0.0
            for i in requested.indices where allocatable[i] != 0 {
                let d = fraction(i) - mean
                squares += d * d
            }
            std = (squares / Double(count)).squareRoot()
        }
        return Int64((1 - std) * Double(maxNodeScore))
    }
}
