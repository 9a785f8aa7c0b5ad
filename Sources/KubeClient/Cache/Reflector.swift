import KubeAPI
import KubeMachinery
import Logging
import Synchronization

/// Keeps a `ReflectorStore` equal to one resource's objects on the server (client-go's
/// `cache.Reflector`): it lists (in pages), replaces the store, then watches from the list's
/// resourceVersion and applies each event.
///
/// Recovery follows upstream:
/// - a watch the server ends normally (its `timeoutSeconds` ran out) is reopened from the last
///   resourceVersion seen, bookmarks included, so nothing is missed and nothing re-listed;
/// - 410 Gone/Expired, as an HTTP answer or an `ERROR` event, means that resourceVersion has left
///   the server's history: the reflector lists again and the store is replaced;
/// - any other failure waits an exponential, jittered backoff and retries where it failed.
///
/// `run()` returns when its task is cancelled; nothing is retried after that.
public final class Reflector: Sendable {
    public struct Options: Sendable {
        public var namespace: String?
        public var labelSelector: String?
        public var fieldSelector: String?
        /// Items per list page (`limit`); pages are followed with `continue`.
        public var pageSize: Int
        /// Each watch asks the server to close it after a random number of seconds in this
        /// range, so that many clients do not reconnect in lockstep (client-go: 5–10 minutes).
        public var watchTimeoutSeconds: ClosedRange<Int>
        public var backoff: Backoff

        public init(namespace: String? = nil, labelSelector: String? = nil, fieldSelector: String? = nil, pageSize: Int = 500,
                    watchTimeoutSeconds: ClosedRange<Int> = 300...600, backoff: Backoff = Backoff()) {
            self.namespace = namespace
            self.labelSelector = labelSelector
            self.fieldSelector = fieldSelector
            self.pageSize = pageSize
            self.watchTimeoutSeconds = watchTimeoutSeconds
            self.backoff = backoff
        }
    }

    public let client: KubeClient
    public let resource: APIResource
    public let options: Options
    let store: any ReflectorStore
    let logger: Logger

    private struct State {
        var synced = false
        var lastResourceVersion = ""
        var running = false
        var lists = 0
    }
    private let state = Mutex(State())
    private let syncGate = SyncGate()

    public init(client: KubeClient, resource: APIResource, options: Options = Options(), store: any ReflectorStore,
                logger: Logger = Logger(label: "bosun.reflector", factory: { _ in SwiftLogNoOpLogHandler() })) {
        self.client = client
        self.resource = resource
        self.options = options
        self.store = store
        self.logger = logger
    }

    /// True once the first list has been put in the store.
    public var hasSynced: Bool { state.withLock { $0.synced } }

    /// The newest resourceVersion the store reflects: the last list's, then each event's.
    public var lastSyncResourceVersion: String { state.withLock { $0.lastResourceVersion } }

    /// How many complete lists have replaced the store (1 after the initial sync; more after
    /// 410 Gone). For tests and metrics.
    public var listCount: Int { state.withLock { $0.lists } }

    /// Waits for the first list to reach the store: true then, false if this task is cancelled
    /// or the reflector stops first.
    public func waitForSync() async -> Bool { await syncGate.wait() }

    /// Lists and watches until the calling task is cancelled. A second concurrent call
    /// returns at once.
    public func run() async {
        let already = state.withLock { s in
            defer { s.running = true }
            return s.running
        }
        if already { return }
        defer {
            state.withLock { $0.running = false }
            if !hasSynced { syncGate.decide(false) }
        }

        var backoff = options.backoff
        var needList = true
        var consecutiveGone = 0
        while !Task.isCancelled {
            do {
                if needList {
                    try await listAndReplace()
                    needList = false
                }
                let started = ContinuousClock.now
                let events = try await watch(from: lastSyncResourceVersion)
                consecutiveGone = 0
                if events > 0 {
                    backoff.reset()
                } else if ContinuousClock.now - started < .seconds(1), !Task.isCancelled {
                    // A watch that closes at once with nothing in it would otherwise be
                    // reopened in a tight loop.
                    logger.debug("very short watch", metadata: ["resource": "\(resource)"])
                    try await Task.sleep(for: backoff.next())
                }
            } catch let error as APIError where error.isGone {
                // The resourceVersion left the server's history: only a new list can tell what
                // changed meanwhile. A list whose own version is already gone would loop, so
                // the second Gone in a row waits first.
                consecutiveGone += 1
                needList = true
                logger.info("resourceVersion expired; re-listing", metadata: ["resource": "\(resource)", "error": "\(error.message)"])
                if consecutiveGone > 1 { try? await Task.sleep(for: backoff.next()) }
            } catch {
                if Task.isCancelled { break }
                let delay = backoff.next()
                logger.warning("list/watch failed; retrying", metadata: [
                    "resource": "\(resource)", "error": "\(error)", "retryIn": "\(delay)"])
                try? await Task.sleep(for: delay)
            }
        }
    }

    // MARK: List

    /// Lists every page and replaces the store. A continue token that expires mid-way (410)
    /// falls back to one unpaged list rather than mixing two snapshots.
    ///
    /// The list names no resourceVersion, so it is a consistent read: a cache must never start
    /// older than what its own process just wrote (client-go's `resourceVersion=0` start trades
    /// that for server load, which an in-process server does not need).
    private func listAndReplace() async throws {
        var query = ListOptions(labelSelector: options.labelSelector, fieldSelector: options.fieldSelector,
                                limit: options.pageSize > 0 ? options.pageSize : nil)
        var page = try await client.list(resource, namespace: options.namespace, options: query)
        var items = page.items
        var resourceVersion = page.resourceVersion
        while let token = page.continueToken {
            try Task.checkCancellation()
            query.continueToken = token
            do {
                page = try await client.list(resource, namespace: options.namespace, options: query)
            } catch let error as APIError where error.isGone {
                let whole = try await client.list(resource, namespace: options.namespace,
                                                  options: ListOptions(labelSelector: options.labelSelector, fieldSelector: options.fieldSelector))
                items = whole.items
                resourceVersion = whole.resourceVersion
                break
            }
            items.append(contentsOf: page.items)
        }
        try Task.checkCancellation()
        stampTypeMeta(&items)
        store.replace(items, resourceVersion: resourceVersion)
        state.withLock { s in
            s.synced = true
            s.lastResourceVersion = resourceVersion
            s.lists += 1
        }
        syncGate.decide(true)
    }

    /// List items come without `apiVersion`/`kind` (the list carries them); watch events have
    /// them. Filling them in gives handlers the same shape of object from both.
    private func stampTypeMeta(_ items: inout [JSONValue]) {
        let apiVersion = JSONValue.string(resource.apiVersion)
        let kind = JSONValue.string(resource.kind)
        for i in items.indices where items[i]["kind"] == nil || items[i]["apiVersion"] == nil {
            guard case .object(var o) = items[i] else { continue }
            items[i] = .null  // drop the array's reference so the edit below does not copy
            if o["apiVersion"] == nil { o["apiVersion"] = apiVersion }
            if o["kind"] == nil { o["kind"] = kind }
            items[i] = .object(o)
        }
    }

    // MARK: Watch

    /// Watches from `resourceVersion` until the server ends the stream; returns how many
    /// object events were applied. Throws the server's error for an `ERROR` event.
    private func watch(from resourceVersion: String) async throws -> Int {
        let query = ListOptions(labelSelector: options.labelSelector, fieldSelector: options.fieldSelector,
                                resourceVersion: resourceVersion,
                                timeoutSeconds: Int.random(in: options.watchTimeoutSeconds), allowWatchBookmarks: true)
        let stream = try await client.watch(resource, namespace: options.namespace, options: query)
        var applied = 0
        for try await event in stream {
            if let rv = event.object["metadata"]?["resourceVersion"]?.stringValue, !rv.isEmpty {
                state.withLock { $0.lastResourceVersion = rv }
            }
            if let ns = options.namespace, event.type != .bookmark, event.type != .error,
               event.object["metadata"]?["namespace"]?.stringValue != ns {
                // Not ours: a server that scopes a namespaced watch loosely must not leak
                // other namespaces into this cache. (The revision is resource-wide, so
                // remembering it above is still right.)
                continue
            }
            switch event.type {
            case .added: store.add(event.object)
            case .modified: store.update(event.object)
            case .deleted: store.delete(event.object)
            case .bookmark: break
            case .error:
                throw event.error ?? APIError(code: 500, reason: "InternalError", message: "watch ERROR event without a Status")
            }
            if event.type != .bookmark { applied += 1 }
        }
        return applied
    }
}
