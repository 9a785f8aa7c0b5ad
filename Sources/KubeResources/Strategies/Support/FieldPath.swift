/// Upstream's field path notation (`spec.containers[0].name`, `data[key]`), built by appending.
struct FieldPath: Sendable, Hashable, CustomStringConvertible {
    let description: String

    init(_ root: String) { description = root }

    func child(_ names: String...) -> FieldPath {
        var s = description
        for n in names { s += s.isEmpty ? n : "." + n }
        return FieldPath(s)
    }

    func index(_ i: Int) -> FieldPath { FieldPath(description + "[\(i)]") }

    /// A map key, as upstream writes `metadata.labels[app]`.
    func key(_ k: String) -> FieldPath { FieldPath(description + "[\(k)]") }
}
