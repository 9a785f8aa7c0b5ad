import Foundation
import KubeMachinery
import KubeResources

extension ResourceContext {
    /// A watch stream: newline-delimited `{"type":...,"object":...}` frames (or Table frames for
    /// `kubectl get -w`), from the resource's watch cache.
    func watch() async throws(APIError) -> APIResponse {
        let q = request.query
        let filter = try SelectorFilter.make(request: request, type: type, nameFromPath: info.name, namespace: info.namespace)
        let rv = q["resourceVersion"] ?? ""
        let sendInitial = q["sendInitialEvents"].map { $0 == "true" }
        let bookmarks = q.bool("allowWatchBookmarks")
        let timeout = Int(q["timeoutSeconds"] ?? "").map { Duration.seconds($0) }
        if sendInitial != nil && q["resourceVersionMatch"] != "NotOlderThan" {
            throw APIError.invalid(kind: "ListOptions", group: "meta.k8s.io", name: "", [
                .forbidden("resourceVersionMatch", "sendInitialEvents requires setting resourceVersionMatch to NotOlderThan")])
        }
        if sendInitial == true && !bookmarks {
            throw APIError.invalid(kind: "ListOptions", group: "meta.k8s.io", name: "", [
                .forbidden("allowWatchBookmarks", "allowWatchBookmarks required when sendInitialEvents is true")])
        }
        guard rv.isEmpty || Int64(rv) != nil else {
            throw APIError.badRequest("resourceVersion: Invalid value: \"\(rv)\": must be a non-negative integer")
        }

        let start: WatchCache.WatchStart
        if sendInitial == true {
            if let n = Int64(rv), n > 0 { try await waitForFutureRevision(n) } else if rv.isEmpty { await consistentRead() }
            start = .currentState
        } else if rv.isEmpty || rv == "0" {
            if rv.isEmpty { await consistentRead() }
            start = .currentState
        } else {
            let n = Int64(rv)!
            try await waitForFutureRevision(n)
            start = .after(n)
        }
        let (events, startRevision, initialCount, cancel) = try cache.watch(from: start, filter: filter, bookmarks: bookmarks)
        server.metrics.watchStarted(resource: type.plural)
        let timer: Task<Void, Never>? = timeout.map { t in
            Task {
                try? await Task.sleep(for: t)
                if !Task.isCancelled { cancel() }
            }
        }
        let body = WatchFrames(events: events, type: type, table: TableRequest(request),
                               initialEnd: sendInitial == true ? (startRevision, initialCount) : nil,
                               onEnd: WatchEnd { timer?.cancel(); cancel() })
        var headers = headers(warnings: [])
        headers.replaceOrAdd(name: "Content-Type", value: "application/json")
        return APIResponse(status: .ok, headers: headers, body: .stream(body))
    }

    static func frame(_ e: CacheEvent, type: ResourceType, table: TableRequest?, sentColumns: inout Bool) -> [UInt8] {
        var out: [UInt8] = []
        out.append(contentsOf: "{\"type\":\"\(e.kind.rawValue)\",\"object\":".utf8)
        if let table {
            let t = table.table(for: [e.object.object], type: type, resourceVersion: String(e.revision), continueToken: nil, remaining: nil, includeColumns: !sentColumns)
            sentColumns = true
            t.write(to: &out)
        } else {
            out.append(contentsOf: e.object.bytes)
        }
        out.append(contentsOf: "}\n".utf8)
        return out
    }

    static func bookmarkFrame(revision: Int64, type: ResourceType, initialEventsEnd: Bool) -> [UInt8] {
        var meta: JSONValue = ["resourceVersion": .string(String(revision))]
        if initialEventsEnd { meta["annotations"] = ["k8s.io/initial-events-end": "true"] }
        let obj: JSONValue = ["kind": .string(type.kind), "apiVersion": .string(type.apiVersion), "metadata": meta]
        let frame: JSONValue = ["type": "BOOKMARK", "object": obj]
        return frame.serialized() + [UInt8(ascii: "\n")]
    }
}

/// Runs once when a watch's frames are no longer iterated (ended, timed out, or disconnected).
final class WatchEnd: Sendable {
    private let action: @Sendable () -> Void
    init(_ action: @escaping @Sendable () -> Void) { self.action = action }
    deinit { action() }
}

/// The watch response body: cache items turned into frames as the connection pulls them.
struct WatchFrames: AsyncSequence, Sendable {
    typealias Element = [UInt8]
    typealias Failure = Never
    let events: AsyncStream<WatchCache.WatchItem>
    let type: ResourceType
    let table: TableRequest?
    /// For sendInitialEvents: the revision and number of initial events, after which the
    /// `k8s.io/initial-events-end` bookmark goes out.
    let initialEnd: (revision: Int64, count: Int)?
    let onEnd: WatchEnd

    func makeAsyncIterator() -> Iterator {
        Iterator(base: events.makeAsyncIterator(), type: type, table: table, initialEnd: initialEnd, onEnd: onEnd)
    }

    struct Iterator: AsyncIteratorProtocol {
        var base: AsyncStream<WatchCache.WatchItem>.Iterator
        let type: ResourceType
        let table: TableRequest?
        var initialEnd: (revision: Int64, count: Int)?
        let onEnd: WatchEnd
        var sentColumns = false
        var sent = 0

        mutating func next() async -> [UInt8]? {
            if let end = initialEnd, sent == end.count {
                initialEnd = nil
                return ResourceContext.bookmarkFrame(revision: end.revision, type: type, initialEventsEnd: true)
            }
            guard let item = await base.next() else { return nil }
            switch item {
            case .event(let e):
                sent += 1
                return ResourceContext.frame(e, type: type, table: table, sentColumns: &sentColumns)
            case .bookmark(let rev):
                return ResourceContext.bookmarkFrame(revision: rev, type: type, initialEventsEnd: false)
            }
        }
    }
}
