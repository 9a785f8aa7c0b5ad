import KubeAPI
import KubeClient
import KubeMachinery
import Logging

/// One list+watch of every pod bound to some node, shared by all hollow nodes (which pick
/// their own pods out by `spec.nodeName`). Re-lists when the watch's revision has expired.
///
/// A minimal reflector: the shared informers in KubeClient can replace it, but hollow nodes need
/// no cache, only the events, and must stay cheap at thousands of nodes.
struct PodListWatch: Sendable {
    enum Event: Sendable {
        /// A pod as listed, added or modified.
        case upsert(JSONValue)
        case deleted(JSONValue)
        /// A (re-)list finished: these uids are all the pods that exist now.
        case listed(Set<String>)
    }

    let client: KubeClient
    let logger: Logger
    /// Pods that have a node; unscheduled pods are no kubelet's business.
    static let fieldSelector = "spec.nodeName!="

    /// Delivers events to `handle` in order until the task is cancelled.
    func run(_ handle: @Sendable (Event) async -> Void) async {
        var resourceVersion: String?
        var failures = 0
        while !Task.isCancelled {
            do {
                if resourceVersion == nil {
                    let list = try await client.listAll(Pod.resource, options: ListOptions(fieldSelector: Self.fieldSelector))
                    var alive = Set<String>()
                    for item in list.items {
                        alive.insert(item[path: ["metadata", "uid"]]?.stringValue ?? "")
                        await handle(.upsert(item))
                    }
                    await handle(.listed(alive))
                    resourceVersion = list.resourceVersion
                }
                let options = ListOptions(fieldSelector: Self.fieldSelector, resourceVersion: resourceVersion,
                                          timeoutSeconds: 300 + Int.random(in: 0..<300), allowWatchBookmarks: true)
                let events = try await client.watch(Pod.resource, options: options)
                for try await event in events {
                    failures = 0
                    if let rv = event.object[path: ["metadata", "resourceVersion"]]?.stringValue, event.type != .error {
                        resourceVersion = rv
                    }
                    switch event.type {
                    case .added, .modified: await handle(.upsert(event.object))
                    case .deleted: await handle(.deleted(event.object))
                    case .bookmark: break
                    case .error:
                        if event.error?.isGone == true {
                            resourceVersion = nil
                        } else if let e = event.error {
                            throw e
                        }
                    }
                    if resourceVersion == nil { break }
                }
            } catch {
                if Task.isCancelled { return }
                if let e = error as? APIError, e.isGone { resourceVersion = nil; continue }
                failures += 1
                logger.warning("hollow nodes: pod watch failed, retrying", metadata: ["error": "\(error)"])
                // Back off up to 5 s, and re-list: events may have been missed.
                resourceVersion = nil
                try? await Task.sleep(for: .milliseconds(min(5000, 100 << min(failures, 6))))
            }
        }
    }
}
