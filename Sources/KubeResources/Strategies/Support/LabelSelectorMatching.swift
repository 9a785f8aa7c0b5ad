import KubeMachinery

/// A workload's `metav1.LabelSelector` as the strategies use it, over the shared `LabelSelector`
/// (upstream's parsing, operators and validation messages).
struct LabelSelectorMatcher {
    private let selector: LabelSelector?
    private let json: JSONValue?

    init(_ json: JSONValue?) {
        self.json = json
        self.selector = try? LabelSelector(metav1: json)
    }

    /// No matchLabels and no matchExpressions (or no selector at all).
    var isEmpty: Bool {
        (json?["matchLabels"]?.objectValue ?? [:]).isEmpty && (json?["matchExpressions"]?.arrayValue ?? []).isEmpty
    }

    /// False for a selector that does not parse (invalid operators select nothing).
    func matches(_ labels: [String: String]) -> Bool { selector?.matches(labels) ?? false }

    /// Validation of the selector's own shape, at `p`.
    static func validate(_ selector: JSONValue?, _ p: FieldPath) -> [FieldError] {
        LabelSelector.validateMetav1(selector, path: p.description)
    }
}
