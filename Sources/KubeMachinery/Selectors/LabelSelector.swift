/// A query over labels: a conjunction of requirements, as in `?labelSelector=` and in
/// `metav1.LabelSelector` fields (`spec.selector` of workloads).
///
/// Two selectors need telling apart: one with no requirements matches everything (an empty
/// query string, or `selector: {}`), while "nothing" matches no object (a missing
/// `metav1.LabelSelector`).
public struct LabelSelector: Sendable, Hashable, CustomStringConvertible {
    /// Sorted by key, as upstream keeps them so that equal selectors print the same.
    public private(set) var requirements: [LabelSelectorRequirement]
    /// True only for `LabelSelector.nothing`.
    public private(set) var matchesNothing: Bool

    public init(_ requirements: [LabelSelectorRequirement]) {
        self.requirements = LabelSelector.sortedByKey(requirements)
        self.matchesNothing = false
    }

    public static let everything = LabelSelector([])
    public static let nothing: LabelSelector = {
        var s = LabelSelector([])
        s.matchesNothing = true
        return s
    }()

    /// Equality requirements for each pair, the selector a controller derives from its labels.
    public init(matchLabels: [String: String]) throws(SelectorParseError) {
        var reqs: [LabelSelectorRequirement] = []
        for (k, v) in matchLabels {
            reqs.append(try LabelSelectorRequirement(key: k, operator: .equals, values: [v]))
        }
        self.init(reqs)
    }

    /// Parses the string form (`app=web,tier!=db,env in (a,b),!legacy`). Empty or blank
    /// strings give `everything`. Errors carry upstream's messages.
    public init(parsing text: String) throws(SelectorParseError) {
        var parser = LabelSelectorParser(text)
        self.init(try parser.parse())
    }

    /// True when this selects every object: no requirements and not `nothing`.
    public var isEverything: Bool { !matchesNothing && requirements.isEmpty }

    public func matches(_ labels: [String: String]) -> Bool {
        if matchesNothing { return false }
        return requirements.allSatisfy { $0.matches(labels) }
    }

    /// The selector in string form; `everything` prints as the empty string.
    public var description: String { requirements.map(\.description).joined(separator: ",") }

    /// Adds requirements (AND), keeping key order.
    public func adding(_ more: [LabelSelectorRequirement]) -> LabelSelector {
        var s = self
        s.requirements = LabelSelector.sortedByKey(requirements + more)
        return s
    }

    /// When every requirement is an equality, the labels an object must carry to match
    /// (what controllers stamp onto objects they create); `nil` otherwise.
    public var exactMatchLabels: [String: String]? {
        var out: [String: String] = [:]
        for r in requirements {
            guard [.equals, .doubleEquals].contains(r.operator) || (r.operator == .in && r.values.count == 1) else { return nil }
            out[r.key] = r.values[0]
        }
        return out
    }

    static func sortedByKey(_ reqs: [LabelSelectorRequirement]) -> [LabelSelectorRequirement] {
        // Stable on equal keys so that `a=b,a!=c` keeps its written order.
        reqs.enumerated().sorted { l, r in l.element.key != r.element.key ? l.element.key < r.element.key : l.offset < r.offset }
            .map(\.element)
    }
}
