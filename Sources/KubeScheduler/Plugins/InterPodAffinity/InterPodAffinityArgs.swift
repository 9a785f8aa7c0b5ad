import KubeMachinery

/// `InterPodAffinityArgs` from a profile's `pluginConfig`, with upstream's defaults and range checks.
public struct InterPodAffinityArgs: Sendable, Equatable {
    /// The score an existing pod's *required* affinity term adds to nodes in its topology when the
    /// incoming pod matches it (0 turns that symmetry off).
    public var hardPodAffinityWeight: Int32 = 1
    /// Skip existing pods' preferred terms when the incoming pod has no preferred terms of its own
    /// (a performance knob for large clusters).
    public var ignorePreferredTermsOfExistingPods = false

    public init(hardPodAffinityWeight: Int32 = 1, ignorePreferredTermsOfExistingPods: Bool = false) {
        self.hardPodAffinityWeight = hardPodAffinityWeight
        self.ignorePreferredTermsOfExistingPods = ignorePreferredTermsOfExistingPods
    }

    /// Decodes and validates; nil or `{}` gives the defaults.
    public init(json: JSONValue?) throws {
        guard let json, json != .null else { return }
        if let w = json["hardPodAffinityWeight"], w != .null {
            guard let v = w.intValue else {
                throw FieldError.invalid("hardPodAffinityWeight", w, "must be an integer")
            }
            guard (0...100).contains(v) else {
                throw FieldError.invalid("hardPodAffinityWeight", w, "not in valid range [0-100]")
            }
            hardPodAffinityWeight = Int32(v)
        }
        if let b = json["ignorePreferredTermsOfExistingPods"]?.boolValue {
            ignorePreferredTermsOfExistingPods = b
        }
    }
}
