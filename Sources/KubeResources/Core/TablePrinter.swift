import Foundation
import KubeMachinery

/// A column of a server-side `Table` (meta.k8s.io/v1 TableColumnDefinition).
public struct TableColumn: Sendable, Hashable {
    public var name: String
    /// `string`, `integer`, `number`, `boolean` or `date`.
    public var type: String
    /// `name` for the NAME column, otherwise usually empty.
    public var format: String
    public var description: String
    /// 0 for default columns, 1 for those shown only with `-o wide`.
    public var priority: Int

    public init(_ name: String, type: String = "string", format: String = "", description: String = "", priority: Int = 0) {
        self.name = name
        self.type = type
        self.format = format
        self.description = description
        self.priority = priority
    }
}

/// Server-side printing for one kind: the columns kubectl shows and how to compute each row.
public struct TablePrinter: Sendable {
    public var columns: [TableColumn]
    /// One cell per column for an object, given the current time (for AGE-like cells).
    public var cells: @Sendable (_ object: JSONValue, _ now: Date) -> [JSONValue]

    public init(columns: [TableColumn], cells: @escaping @Sendable (_ object: JSONValue, _ now: Date) -> [JSONValue]) {
        self.columns = columns
        self.cells = cells
    }

    /// NAME and AGE, as upstream prints kinds without their own printer.
    public static let `default` = TablePrinter(
        columns: [
            TableColumn("Name", format: "name", description: "Name must be unique within a namespace."),
            TableColumn("Created At", type: "date", description: "CreationTimestamp is a timestamp representing the server time when this object was created."),
        ],
        cells: { obj, _ in
            [obj[path: ["metadata", "name"]] ?? "", obj[path: ["metadata", "creationTimestamp"]] ?? .null]
        }
    )
}
