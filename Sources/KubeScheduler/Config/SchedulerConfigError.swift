/// Why a scheduler configuration was refused: every problem found, each naming its field path
/// (`profiles[1].plugins.queueSort`), as upstream's validation reports them.
public struct SchedulerConfigError: Error, Sendable, Equatable, CustomStringConvertible {
    public var problems: [String]
    public init(_ problems: [String]) { self.problems = problems }
    public init(_ problem: String) { self.problems = [problem] }
    public var description: String { "invalid KubeSchedulerConfiguration: " + problems.joined(separator: "; ") }
}
