import KubeClient
import KubeMachinery
import Synchronization

/// Records what a handler was told, as short lines such as `add ns/a v=1 initial`,
/// `update ns/a v=1->v=2`, `delete ns/a v=2` (`v` is the object's `data.v`, or `-`).
final class EventLog: Sendable {
    private let lines = Mutex<[String]>([])

    var entries: [String] { lines.withLock { $0 } }

    /// Entries about one key, in order.
    func entries(for key: String) -> [String] { entries.filter { $0.split(separator: " ")[1] == key } }

    var handler: ResourceEventHandler {
        ResourceEventHandler(
            onAdd: { o, initial in self.append("add \(Self.describe(o))\(initial ? " initial" : "")") },
            onUpdate: { old, new in self.append("update \(Indexer.key(of: new)) v=\(Self.v(old))->v=\(Self.v(new))") },
            onDelete: { o in self.append("delete \(Self.describe(o))") })
    }

    private func append(_ line: String) { lines.withLock { $0.append(line) } }

    private static func v(_ o: JSONValue) -> String { o["data"]?["v"]?.stringValue ?? "-" }

    private static func describe(_ o: JSONValue) -> String { "\(Indexer.key(of: o)) v=\(v(o))" }
}
