import KubeMachinery

/// Namespaces (core/v1, cluster-scoped).
public struct NamespaceStrategy: ResourceStrategy {
    public init() {}

    static let kubernetesFinalizer = "kubernetes"
    static let nameLabel = "kubernetes.io/metadata.name"

    /// A new namespace is Active and carries the `kubernetes` finalizer, which the namespace
    /// controller removes once the namespace's contents are gone.
    public func prepareForCreate(_ object: inout JSONValue) {
        object["status"] = ["phase": "Active"]
        object.editField("spec", create: true) { spec in
            var finalizers = spec.items("finalizers")
            if !finalizers.contains(.string(Self.kubernetesFinalizer)) { finalizers.append(.string(Self.kubernetesFinalizer)) }
            spec["finalizers"] = .array(finalizers)
        }
    }

    /// Finalizers change only through the `finalize` subresource.
    public func prepareForUpdate(_ object: inout JSONValue, old: JSONValue) {
        let finalizers = old[path: ["spec", "finalizers"]]
        object.editField("spec", create: true) { $0["finalizers"] = finalizers }
    }

    public func applyDefaults(_ object: inout JSONValue) {
        // The immutable name label lets namespace selectors pick namespaces by name.
        if let name = object[path: ["metadata", "name"]]?.stringValue, !name.isEmpty {
            object.editField("metadata", create: true) { m in
                var labels = m.members("labels")
                labels[Self.nameLabel] = .string(name)
                m["labels"] = .object(labels)
            }
        }
        object.editField("status", create: true) { $0.defaultField("phase", to: "Active") }
    }

    public func validate(_ object: JSONValue) -> [FieldError] {
        // metadata.name (a DNS-1123 label) is checked with the rest of the metadata by the API server.
        var errs: [FieldError] = []
        for (i, f) in (object[path: ["spec", "finalizers"]]?.arrayValue ?? []).enumerated() {
            let s = f.stringValue ?? ""
            if s.isEmpty { errs.append(FieldErr.required(FieldPath("spec.finalizers").index(i))) }
        }
        return errs
    }
}
