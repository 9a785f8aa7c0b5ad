import KubeMachinery

/// The per-kind rules a schema cannot state: defaulting, validation, and what an update may change.
///
/// The API server calls, on create: `prepareForCreate`, `applyDefaults`, `validate`;
/// on update of the main resource: `prepareForUpdate`, `applyDefaults`, `validate`, `validateUpdate`;
/// on update of the `status` subresource: `prepareForStatusUpdate`, `validateUpdate`.
/// Objects passed in are whole objects (apiVersion, kind, metadata, spec, status).
public protocol ResourceStrategy: Sendable {
    /// Clears or sets fields a client may not choose on create (e.g. pod status phase).
    func prepareForCreate(_ object: inout JSONValue)
    /// Carries over what a main-resource update may not change (e.g. `status`).
    func prepareForUpdate(_ object: inout JSONValue, old: JSONValue)
    /// Carries over what a status update may not change (everything but `status`).
    func prepareForStatusUpdate(_ object: inout JSONValue, old: JSONValue)
    /// Fills in upstream's defaults.
    func applyDefaults(_ object: inout JSONValue)
    /// Validation of the whole object, with upstream's field paths and messages.
    func validate(_ object: JSONValue) -> [FieldError]
    /// Rules between old and new: immutable fields and allowed transitions.
    func validateUpdate(_ object: JSONValue, old: JSONValue) -> [FieldError]
    /// Whether a change between these two objects bumps metadata.generation.
    func specChanged(_ object: JSONValue, old: JSONValue) -> Bool
}

extension ResourceStrategy {
    public func prepareForCreate(_ object: inout JSONValue) {}
    public func prepareForUpdate(_ object: inout JSONValue, old: JSONValue) {}
    public func prepareForStatusUpdate(_ object: inout JSONValue, old: JSONValue) {
        let status = object["status"]
        object = old
        object["status"] = status
    }
    public func applyDefaults(_ object: inout JSONValue) {}
    public func validate(_ object: JSONValue) -> [FieldError] { [] }
    public func validateUpdate(_ object: JSONValue, old: JSONValue) -> [FieldError] { [] }
    /// By default everything but metadata and status is "spec".
    public func specChanged(_ object: JSONValue, old: JSONValue) -> Bool {
        var a = object, b = old
        a["metadata"] = nil; a["status"] = nil
        b["metadata"] = nil; b["status"] = nil
        return a != b
    }
}

/// For kinds with no rules of their own.
public struct DefaultStrategy: ResourceStrategy {
    public init() {}
}
