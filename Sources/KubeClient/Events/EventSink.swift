import Foundation
import KubeAPI
import KubeMachinery
import Logging

/// Writes recorded events to the API, folding repeats into one Event (the part of client-go's
/// `EventCorrelator` that matters for `kubectl describe`): the same type, reason and message
/// about the same object within `aggregationWindow` bumps `count` and `lastTimestamp` of the
/// Event already written instead of creating another.
actor EventSink {
    let client: KubeClient
    let component: String
    let host: String?
    let logger: Logger
    /// Repeats older than this since the last occurrence start a new Event.
    let aggregationWindow: TimeInterval = 600
    /// Bounds the memory of past events, like client-go's LRU of 4096 entries.
    let maxRemembered = 4096

    struct AggregationKey: Hashable {
        var regarding: EventObjectReference
        var type: EventType
        var reason: String
        var message: String
    }

    struct Written {
        var namespace: String
        var name: String
        var count: Int64
        var firstTimestamp: Date
        var lastSeen: Date
    }

    private var written: [AggregationKey: Written] = [:]
    private var lastNameNanos: UInt64 = 0

    init(client: KubeClient, component: String, host: String?, logger: Logger) {
        self.client = client
        self.component = component
        self.host = host
        self.logger = logger
    }

    func record(_ e: EventRecorder.PendingEvent) async {
        let key = AggregationKey(regarding: e.regarding, type: e.type, reason: e.reason, message: e.message)
        if var prior = written[key], e.time.timeIntervalSince(prior.lastSeen) <= aggregationWindow {
            prior.count += 1
            prior.lastSeen = e.time
            written[key] = prior
            await writeRepeat(e, prior)
            return
        }
        let namespace = e.regarding.namespace.isEmpty ? "default" : e.regarding.namespace
        let entry = Written(namespace: namespace, name: uniqueName(for: e.regarding.name, at: e.time), count: 1,
                            firstTimestamp: e.time, lastSeen: e.time)
        if await create(e, entry) {
            remember(key, entry)
        }
    }

    // MARK: Writes

    private func create(_ e: EventRecorder.PendingEvent, _ w: Written) async -> Bool {
        let body = eventJSON(e, w)
        return await attempt("create", e) {
            _ = try await self.client.create(CoreEvent.resource, namespace: w.namespace, body)
        }
    }

    /// Patches the existing Event; if it is gone (deleted, or expired by the events TTL), writes
    /// it again under the same name with the running count, as client-go does.
    private func writeRepeat(_ e: EventRecorder.PendingEvent, _ w: Written) async {
        let patch: JSONValue = ["count": .int(w.count), "lastTimestamp": .string(APITimestamp.time(e.time))]
        do {
            _ = try await client.patch(CoreEvent.resource, namespace: w.namespace, name: w.name, .strategicMerge, patch)
        } catch let error as APIError where error.isNotFound {
            _ = await create(e, w)
        } catch {
            logger.warning("could not update event", metadata: ["event": "\(w.namespace)/\(w.name)", "error": "\(error)"])
        }
    }

    /// Runs `write`, retrying a few times on transport failures and server-side trouble (5xx,
    /// 429); other API errors (e.g. a terminating namespace) are final.
    private func attempt(_ what: String, _ e: EventRecorder.PendingEvent, _ write: @Sendable () async throws -> Void) async -> Bool {
        for tryNumber in 1...3 {
            do {
                try await write()
                return true
            } catch let error as APIError where error.code < 500 && error.code != 429 {
                logger.warning("could not \(what) event", metadata: ["reason": "\(e.reason)", "object": "\(e.regarding.name)", "error": "\(error)"])
                return false
            } catch {
                if tryNumber == 3 {
                    logger.warning("could not \(what) event; giving up", metadata: ["reason": "\(e.reason)", "error": "\(error)"])
                    return false
                }
                try? await Task.sleep(for: .milliseconds(100 * tryNumber))
            }
        }
        return false
    }

    // MARK: Shapes

    private func eventJSON(_ e: EventRecorder.PendingEvent, _ w: Written) -> JSONValue {
        var source: JSONValue = ["component": .string(component)]
        if let host, !host.isEmpty { source["host"] = .string(host) }
        return [
            "apiVersion": "v1", "kind": "Event",
            "metadata": ["name": .string(w.name), "namespace": .string(w.namespace)],
            "involvedObject": e.regarding.json,
            "reason": .string(e.reason),
            "message": .string(e.message),
            "source": source,
            "firstTimestamp": .string(APITimestamp.time(w.firstTimestamp)),
            "lastTimestamp": .string(APITimestamp.time(e.time)),
            "count": .int(w.count),
            "type": .string(e.type.rawValue),
            "reportingComponent": .string(component),
            "reportingInstance": .string(host ?? ""),
        ]
    }

    /// `<object name>.<16 hex digits>`: the event time in nanoseconds, bumped so that two
    /// events about one object in the same nanosecond still get different names.
    private func uniqueName(for objectName: String, at time: Date) -> String {
        let nanos = UInt64(Swift.max(0, time.timeIntervalSince1970 * 1e9))
        lastNameNanos = Swift.max(nanos, lastNameNanos &+ 1)
        let hex = String(lastNameNanos, radix: 16)
        return "\(objectName)." + String(repeating: "0", count: Swift.max(0, 16 - hex.count)) + hex
    }

    private func remember(_ key: AggregationKey, _ entry: Written) {
        if written.count >= maxRemembered {
            // Forget the least recently seen quarter: repeats of those start new Events.
            let stale = written.sorted { $0.value.lastSeen < $1.value.lastSeen }.prefix(maxRemembered / 4)
            for (k, _) in stale { written[k] = nil }
        }
        written[key] = entry
    }
}
