import KubeMachinery

/// `DefaultPreemptionArgs`: how many candidate nodes a preemption dry-runs before choosing.
/// The number is max(percentage × potential nodes, absolute), capped at the potential nodes.
public struct DefaultPreemptionArgs: Sendable, Equatable {
    public var minCandidateNodesPercentage: Int32 = 10
    public var minCandidateNodesAbsolute: Int32 = 100

    public init(minCandidateNodesPercentage: Int32 = 10, minCandidateNodesAbsolute: Int32 = 100) {
        self.minCandidateNodesPercentage = minCandidateNodesPercentage
        self.minCandidateNodesAbsolute = minCandidateNodesAbsolute
    }

    /// Decodes and validates as upstream does; nil or `{}` gives the defaults.
    public init(json: JSONValue?) throws {
        guard let json, json != .null else { return }
        if let p = json["minCandidateNodesPercentage"], p != .null {
            guard let v = p.intValue, (0...100).contains(v) else {
                throw FieldError.invalid("minCandidateNodesPercentage", p, "not in valid range [0, 100]")
            }
            minCandidateNodesPercentage = Int32(v)
        }
        if let a = json["minCandidateNodesAbsolute"], a != .null {
            guard let v = a.intValue, v >= 0, v <= Int64(Int32.max) else {
                throw FieldError.invalid("minCandidateNodesAbsolute", a, "not in valid range [0, inf)")
            }
            minCandidateNodesAbsolute = Int32(v)
        }
        if minCandidateNodesPercentage == 0 && minCandidateNodesAbsolute == 0 {
            throw FieldError.invalid("minCandidateNodesPercentage", .int(0), "cannot be zero at the same time as minCandidateNodesAbsolute")
        }
    }

    /// How many candidates to collect among `numNodes` potential nodes.
    public func numCandidates(_ numNodes: Int) -> Int {
        let n = max(numNodes * Int(minCandidateNodesPercentage) / 100, Int(minCandidateNodesAbsolute))
        return min(n, numNodes)
    }
}
