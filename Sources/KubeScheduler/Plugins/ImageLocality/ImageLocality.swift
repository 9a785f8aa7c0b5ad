/// Prefers nodes that already have the pod's images, so the pod starts without a pull. An
/// image counts by its size scaled by how many nodes have it: an image present everywhere says
/// nothing about where to go, and favouring it would pile pods onto few nodes.
public struct ImageLocality: PreScorePlugin, ScorePlugin {
    public static let name = "ImageLocality"
    public var name: String { Self.name }

    static let mb: Int64 = 1024 * 1024
    /// Below this the sum is treated as no image at all (small images pull fast anyway).
    static let minThreshold: Int64 = 23 * mb
    /// Per container: the sum is capped at this times the number of containers.
    static let maxContainerThreshold: Int64 = 1000 * mb

    static let preScoreStateKey = "PreScore" + name
    struct PreScoreState: Sendable {
        var totalNodes: Int
        /// Every name each of the pod's images may be known by on a node, worked out once per cycle.
        var lookupForms: [[String]]
    }

    let handle: any FrameworkHandle

    public init(handle: any FrameworkHandle) { self.handle = handle }

    /// Not an upstream extension point for this plugin: it only reads the cluster size once per
    /// cycle instead of once per scored node. Score works without it.
    public func preScore(_ state: CycleState, _ pod: PodInfo, _ nodes: [NodeInfo]) -> Status {
        state.write(Self.preScoreStateKey, PreScoreState(totalNodes: handle.snapshotNodeInfos().count,
                                                         lookupForms: pod.images.map(ImageName.lookupForms)))
        return .success
    }

    public func score(_ state: CycleState, _ pod: PodInfo, _ node: NodeInfo) -> (Int64, Status) {
        // A node without images scores the minimum whatever the pod runs: no name work needed.
        if node.imageStates.isEmpty { return (Self.calculatePriority(0, containers: pod.images.count), .success) }
        let pre = state.read(Self.preScoreStateKey, as: PreScoreState.self)
        let totalNodes = pre?.totalNodes ?? handle.snapshotNodeInfos().count
        let forms = pre?.lookupForms ?? pod.images.map(ImageName.lookupForms)
        let sum = Self.sumImageScores(node, lookupForms: forms, totalNodes: totalNodes)
        return (Self.calculatePriority(sum, containers: pod.images.count), .success)
    }

    static func sumImageScores(_ node: NodeInfo, images: [String], totalNodes: Int) -> Int64 {
        sumImageScores(node, lookupForms: images.map(ImageName.lookupForms), totalNodes: totalNodes)
    }

    static func sumImageScores(_ node: NodeInfo, lookupForms: [[String]], totalNodes: Int) -> Int64 {
        guard totalNodes > 0 else { return 0 }
        var sum: Int64 = 0
        for forms in lookupForms {
            guard let state = forms.lazy.compactMap({ node.imageStates[$0] }).first else { continue }
            let spread = Double(state.numNodes) / Double(totalNodes)
            sum += Int64(Double(state.size) * spread)
        }
        return sum
    }

    /// Maps the clamped sum linearly onto 0...maxNodeScore.
    static func calculatePriority(_ sum: Int64, containers: Int) -> Int64 {
        let maxThreshold = maxContainerThreshold * Int64(Swift.max(containers, 1))
        let clamped = Swift.min(Swift.max(sum, minThreshold), maxThreshold)
        return maxNodeScore * (clamped - minThreshold) / (maxThreshold - minThreshold)
    }
}
