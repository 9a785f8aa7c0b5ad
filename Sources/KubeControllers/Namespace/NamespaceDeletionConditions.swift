import Foundation
import KubeClient
import KubeMachinery

/// The five conditions the namespace controller keeps on a terminating namespace, with
/// upstream's types, reasons and messages. A condition with nothing wrong is reported in its
/// "ok" form (status False).
struct NamespaceDeletionConditions: Sendable {
    static let discoveryFailure = "NamespaceDeletionDiscoveryFailure"
    static let groupVersionParsingFailure = "NamespaceDeletionGroupVersionParsingFailure"
    static let contentFailure = "NamespaceDeletionContentFailure"
    static let contentRemaining = "NamespaceContentRemaining"
    static let finalizersRemaining = "NamespaceFinalizersRemaining"

    /// In upstream's order, with the reason and message each reports when all is well.
    static let okForms: [(type: String, reason: String, message: String)] = [
        (discoveryFailure, "ResourcesDiscovered", "All resources successfully discovered"),
        (groupVersionParsingFailure, "ParsedGroupVersions", "All legacy kube types successfully parsed"),
        (contentFailure, "ContentDeleted", "All content successfully deleted, may be waiting on finalization"),
        (contentRemaining, "ContentRemoved", "All content successfully removed"),
        (finalizersRemaining, "ContentHasNoFinalizers", "All content-preserving finalizers finished"),
    ]

    /// Failing conditions by type: (reason, message).
    private(set) var failing: [String: (reason: String, message: String)] = [:]

    /// Discovery could not read some group versions (`group/version` → error).
    mutating func discoveryFailed(_ failures: [String: String]) {
        guard !failures.isEmpty else { return }
        let detail = failures.keys.sorted().map { "\($0): \(failures[$0]!)" }.joined(separator: ", ")
        failing[Self.discoveryFailure] = ("DiscoveryFailed",
            "Discovery failed for some groups, \(failures.count) failing: unable to retrieve the complete list of server APIs: \(detail)")
    }

    /// Deletes or lists that failed, one message per resource.
    mutating func contentDeletionFailed(_ errors: [String]) {
        guard !errors.isEmpty else { return }
        failing[Self.contentFailure] = ("ContentDeletionFailed",
            "Failed to delete all resource types, \(errors.count) remaining: \(errors.sorted().joined(separator: ", "))")
    }

    /// What is still in the namespace: instances per resource and per finalizer.
    mutating func contentRemains(byResource: [String: Int], byFinalizer: [String: Int]) {
        let resources = byResource.filter { $0.value > 0 }.map { "\($0.key) has \($0.value) resource instances" }.sorted()
        if !resources.isEmpty {
            failing[Self.contentRemaining] = ("SomeResourcesRemain", "Some resources are remaining: \(resources.joined(separator: ", "))")
        }
        let finalizers = byFinalizer.filter { $0.value > 0 }.map { "\($0.key) in \($0.value) resource instances" }.sorted()
        if !finalizers.isEmpty {
            failing[Self.finalizersRemaining] = ("SomeFinalizersRemain",
                "Some content in the namespace has finalizers remaining: \(finalizers.joined(separator: ", "))")
        }
    }

    /// Merges these conditions into `status.conditions`: a condition's lastTransitionTime moves
    /// only when its status flips. Returns whether anything changed.
    func apply(to namespace: inout JSONValue, now: Date = Date()) -> Bool {
        var conditions = namespace["status"]?["conditions"]?.arrayValue ?? []
        var changed = false
        let timestamp = JSONValue.string(APITimestamp.time(now))
        for ok in Self.okForms {
            let (status, reason, message) = failing[ok.type].map { ("True", $0.reason, $0.message) } ?? ("False", ok.reason, ok.message)
            if let i = conditions.firstIndex(where: { $0["type"]?.stringValue == ok.type }) {
                var c = conditions[i]
                if c["status"]?.stringValue == status && c["reason"]?.stringValue == reason && c["message"]?.stringValue == message { continue }
                if c["status"]?.stringValue != status { c["lastTransitionTime"] = timestamp }
                c["status"] = .string(status)
                c["reason"] = .string(reason)
                c["message"] = .string(message)
                conditions[i] = c
            } else {
                conditions.append(["type": .string(ok.type), "status": .string(status), "lastTransitionTime": timestamp,
                                   "reason": .string(reason), "message": .string(message)])
            }
            changed = true
        }
        if changed { namespace.set(["status", "conditions"], to: .array(conditions)) }
        return changed
    }
}
