import KubeMachinery
@testable import KubeResources

/// Helpers shared by the strategy tests: objects written as JSON text, and errors as the
/// `field: message` lines upstream prints.
enum StrategyTest {
    static func json(_ text: String) -> JSONValue {
        do { return try JSONValue.parse(text) } catch { fatalError("bad test JSON: \(error)\n\(text)") }
    }

    static func messages(_ errors: [FieldError]) -> [String] { errors.map(\.description) }

    /// Create path: prepareForCreate, applyDefaults, validate.
    static func create(_ strategy: any ResourceStrategy, _ object: JSONValue) -> (JSONValue, [FieldError]) {
        var o = object
        strategy.prepareForCreate(&o)
        strategy.applyDefaults(&o)
        return (o, strategy.validate(o))
    }

    /// Update path: prepareForUpdate, applyDefaults, validate, validateUpdate.
    static func update(_ strategy: any ResourceStrategy, _ object: JSONValue, old: JSONValue) -> [FieldError] {
        var o = object
        strategy.prepareForUpdate(&o, old: old)
        strategy.applyDefaults(&o)
        return strategy.validate(o) + strategy.validateUpdate(o, old: old)
    }
}
