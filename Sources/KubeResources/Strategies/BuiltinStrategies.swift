import KubeMachinery

/// Defaulting and validation of the built-in kinds, looked up by group and kind.
public enum BuiltinStrategies {
    public static func strategy(group: String, kind: String) -> any ResourceStrategy { DefaultStrategy() }
}
