/// An Event's `type`: `Normal` or `Warning` (core/v1 accepts no others from recorders).
public struct EventType: RawRepresentable, Sendable, Hashable, ExpressibleByStringLiteral, CustomStringConvertible {
    public var rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public init(stringLiteral value: String) { self.rawValue = value }

    /// Information only; nothing needs attention.
    public static let normal = EventType(rawValue: "Normal")
    /// Something may need attention.
    public static let warning = EventType(rawValue: "Warning")

    public var description: String { rawValue }
}
