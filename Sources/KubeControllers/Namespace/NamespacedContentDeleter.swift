import KubeAPI
import KubeClient
import KubeMachinery

/// What one pass over a terminating namespace's content found.
struct NamespaceContentReport: Sendable {
    /// `resource.group` (upstream's spelling, `pods.` for the core group) → instances left.
    var remainingByResource: [String: Int] = [:]
    /// Finalizer → instances still carrying it.
    var remainingByFinalizer: [String: Int] = [:]
    /// Deletes or lists that failed, one message per resource.
    var errors: [String] = []
    /// Seconds until the remaining content is expected to be gone (pods' grace periods).
    var estimateSeconds: Int64 = 0

    var isEmpty: Bool { errors.isEmpty && remainingByResource.values.allSatisfy { $0 == 0 } }
}

/// Deletes everything in a namespace through the API, resource by resource: one
/// deletecollection where the resource supports it, otherwise one delete per object; then
/// counts what is left (objects held by finalizers or graceful termination).
struct NamespacedContentDeleter: Sendable {
    let client: KubeClient

    func deleteAll(in namespace: String, resources: [DiscoveredResource]) async -> NamespaceContentReport {
        var report = NamespaceContentReport()
        // Pods go first, so that workloads stop before the objects they depend on disappear.
        let ordered = resources.filter { $0.resource.namespaced && $0.supports("list", "delete") }
            .sorted { a, b in (a.resource.group.isEmpty && a.resource.resource == "pods") && !(b.resource.group.isEmpty && b.resource.resource == "pods") }
        for d in ordered {
            await deleteContent(of: d, in: namespace, into: &report)
        }
        return report
    }

    private func deleteContent(of d: DiscoveredResource, in namespace: String, into report: inout NamespaceContentReport) async {
        let r = d.resource
        let background = DeleteOptions(propagationPolicy: .background)
        do {
            var collected = false
            if d.supports("deletecollection") {
                do {
                    try await client.deleteCollection(r, namespace: namespace, options: background)
                    collected = true
                } catch let e as APIError where e.code == 405 || e.isNotFound {
                    // Advertised but not served: fall back to deleting one by one.
                }
            }
            if !collected {
                for item in try await client.listAll(r, namespace: namespace).items {
                    let name = item["metadata"]?["name"]?.stringValue ?? ""
                    if item["metadata"]?["deletionTimestamp"] != nil { continue }
                    do {
                        try await client.delete(r, namespace: namespace, name: name, options: background)
                    } catch let e as APIError where e.isNotFound || e.isConflict {
                        continue
                    }
                }
            }
            let left = try await client.listAll(r, namespace: namespace).items
            guard !left.isEmpty else { return }
            report.remainingByResource["\(r.resource).\(r.group)", default: 0] += left.count
            for item in left {
                for f in (item["metadata"]?["finalizers"]?.arrayValue ?? []).compactMap(\.stringValue) {
                    report.remainingByFinalizer[f, default: 0] += 1
                }
                if r.group.isEmpty && r.resource == "pods" {
                    let grace = item["metadata"]?["deletionGracePeriodSeconds"]?.intValue
                        ?? item["spec"]?["terminationGracePeriodSeconds"]?.intValue ?? 30
                    report.estimateSeconds = max(report.estimateSeconds, grace)
                }
            }
        } catch {
            let message = (error as? APIError)?.message ?? String(describing: error)
            report.errors.append("\(r.resource).\(r.group): \(message)")
        }
    }
}
