import KubeMachinery

/// Drops fields a schema does not declare, as decoding into Go structs does upstream: with
/// `fieldValidation=Warn` or `Ignore` an unknown field is reported (or not) and never stored.
public enum SchemaPruner {
    public static func prune(_ value: inout JSONValue, schema: Schema) {
        switch (schema.kind, value) {
        case (.object, .object(var members)):
            value = .null  // release our reference so `members` is mutated in place
            for key in Array(members.keys) {
                guard let child = schema.field(key) else {
                    members[key] = nil
                    continue
                }
                if child.kind == .object || child.kind == .array {
                    prune(&members[key]!, schema: child)
                }
            }
            value = .object(members)
        case (.array, .array(var elements)):
            guard let items = schema.items, items.kind == .object || items.kind == .array else { return }
            value = .null
            for i in elements.indices { prune(&elements[i], schema: items) }
            value = .array(elements)
        default:
            return
        }
    }
}
