/// Every in-tree plugin factory by upstream plugin name. The basic and advanced halves live
/// beside their plugins (InTreeRegistry+Basic.swift, InTreeRegistry+Advanced.swift); a profile
/// may only enable names found here (or in a registry passed to `Framework` by tests).
public enum InTreeRegistry {
    public static var all: [String: PluginFactory] {
        basic.merging(advanced) { a, _ in a }
    }
}
