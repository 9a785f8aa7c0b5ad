import Foundation
import KubeMachinery

extension BuiltinPrinters {
    /// `kubectl get events`, for both core/v1 and events.k8s.io/v1 Events (upstream prints both
    /// through one internal type; we read either field spelling).
    public static let event = TablePrinter(
        columns: [
            TableColumn("Last Seen", description: "Time since the event was last observed."),
            TableColumn("Type", description: "Normal or Warning."),
            TableColumn("Reason", description: "A short machine-readable cause."),
            TableColumn("Object", description: "The object the event is about, as kind/name."),
            TableColumn("Subobject", description: "The part of the object concerned, e.g. a container.", priority: 1),
            TableColumn("Source", description: "The component, and host, that reported the event.", priority: 1),
            TableColumn("Message", description: "The human-readable description."),
            TableColumn("First Seen", description: "Time since the event was first observed.", priority: 1),
            TableColumn("Count", description: "How many times the event has occurred.", priority: 1),
            TableColumn("Name", format: "name", description: "Name of the event object.", priority: 1),
        ],
        cells: { object, now in EventRow(PrinterFields(object)).cells(now: now) }
    )
}

/// An Event's printable fields, whichever API version spelled them.
struct EventRow {
    let event: PrinterFields
    /// events.k8s.io/v1 renames the core fields (`regarding`, `note`, `deprecated*`).
    let isEventsAPI: Bool

    init(_ event: PrinterFields) {
        self.event = event
        self.isEventsAPI = event.string("apiVersion").hasPrefix("events.k8s.io/")
    }

    private func field(core: String, events: String) -> PrinterFields { event[isEventsAPI ? events : core] }

    func cells(now: Date) -> [JSONValue] {
        let first = field(core: "firstTimestamp", events: "deprecatedFirstTimestamp").json
        let last = field(core: "lastTimestamp", events: "deprecatedLastTimestamp").json

        var firstSeen = HumanDuration.since(JSONTimestamp(first), now: now)
        if JSONTimestamp(first) == nil {
            firstSeen = HumanDuration.since(event.timestamp("eventTime"), now: now)
        }
        var lastSeen = HumanDuration.since(JSONTimestamp(last), now: now)
        if JSONTimestamp(last) == nil { lastSeen = firstSeen }

        var count = field(core: "count", events: "deprecatedCount").json.intValue ?? 0
        let series = event["series"]
        if series.exists() {
            lastSeen = HumanDuration.since(series.timestamp("lastObservedTime"), now: now)
            count = series.int("count")
        } else if count == 0 {
            // Events from the new API are singletons without a count.
            count = 1
        }

        let regarding = field(core: "involvedObject", events: "regarding")
        let kind = regarding.string("kind").lowercased()
        let name = regarding.string("name")
        let target = name.isEmpty ? kind : "\(kind)/\(name)"

        let source = field(core: "source", events: "deprecatedSource")
        let component = firstNonEmpty(source.string("component"), event.string("reportingController"))
        let host = firstNonEmpty(source.string("host"), event.string("reportingInstance"))
        let sourceCell = host.isEmpty ? component : "\(component), \(host)"

        let message = field(core: "message", events: "note").json.stringValue ?? ""
        return [
            .string(lastSeen),
            .string(event.string("type")),
            .string(event.string("reason")),
            .string(target),
            .string(regarding.string("fieldPath")),
            .string(sourceCell),
            .string(message.trimmingCharacters(in: .whitespacesAndNewlines)),
            .string(firstSeen),
            .int(count),
            .string(event.name),
        ]
    }

    private func firstNonEmpty(_ a: String, _ b: String) -> String { a.isEmpty ? b : a }
}
