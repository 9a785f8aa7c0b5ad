import KubeAPI
import KubeClient
import KubeMachinery

/// Creates and deletes pods on behalf of a controller and records the events upstream's
/// `RealPodControl` records on the owner (`SuccessfulCreate`, `FailedCreate`,
/// `SuccessfulDelete`, `FailedDelete`).
public struct PodControl: Sendable {
    public let client: KubeClient
    public let recorder: EventRecorder

    public init(client: KubeClient, recorder: EventRecorder) {
        self.client = client
        self.recorder = recorder
    }

    /// Creates a pod from `template` (a PodTemplateSpec: `metadata` + `spec`) in the owner's
    /// namespace, controlled by `owner` and named `<owner>-<random>` by the server.
    @discardableResult
    public func createPod<Owner: KubeObject>(from template: JSONValue, owner: Owner) async throws -> Pod {
        let pod: Pod
        do {
            pod = try Self.pod(from: template, owner: owner)
        } catch {
            recorder.event(regarding: owner, type: .warning, reason: "FailedCreate", message: "Error creating: \(error)")
            throw error
        }
        do {
            let created = try await client.create(pod)
            recorder.event(regarding: owner, type: .normal, reason: "SuccessfulCreate", message: "Created pod: \(created.name)")
            return created
        } catch {
            recorder.event(regarding: owner, type: .warning, reason: "FailedCreate", message: "Error creating: \(Self.message(error))")
            throw error
        }
    }

    /// Deletes a pod the owner controls. The uid precondition keeps a pod recreated under the
    /// same name (by someone else) from being deleted in its predecessor's place.
    /// A pod already gone throws `APIError` NotFound without an event.
    public func deletePod<Owner: KubeObject>(_ pod: Pod, owner: Owner) async throws {
        do {
            try await client.delete(Pod.self, namespace: pod.namespace, name: pod.name,
                                    options: DeleteOptions(preconditionUID: pod.uid.isEmpty ? nil : pod.uid))
            recorder.event(regarding: owner, type: .normal, reason: "SuccessfulDelete", message: "Deleted pod: \(pod.name)")
        } catch let e as APIError where e.isNotFound {
            throw e
        } catch {
            recorder.event(regarding: owner, type: .warning, reason: "FailedDelete", message: "Error deleting: \(Self.message(error))")
            throw error
        }
    }

    /// The pod a template describes for `owner` (upstream's `GetPodFromTemplate`): the
    /// template's labels, annotations, finalizers and spec, `generateName: <owner>-`, and the
    /// owner's controllerRef.
    public static func pod<Owner: KubeObject>(from template: JSONValue, owner: Owner) throws -> Pod {
        let labels = template["metadata"]?["labels"]?.stringMap ?? [:]
        if labels.isEmpty { throw PodTemplateError("unable to create pods, no labels") }
        var pod = Pod(namespace: owner.namespace, name: "")
        pod.json.set(["metadata", "name"], to: nil)
        pod.generateName = "\(owner.name)-"
        pod.labels = labels
        pod.annotations = template["metadata"]?["annotations"]?.stringMap ?? [:]
        if let finalizers = template["metadata"]?["finalizers"], !(finalizers.arrayValue ?? []).isEmpty {
            pod.json.set(["metadata", "finalizers"], to: finalizers)
        }
        pod.ownerReferences = [.controllerRef(to: owner)]
        pod.spec = template["spec"] ?? .object([:])
        return pod
    }

    static func message(_ error: any Error) -> String {
        if let e = error as? APIError { return e.message.isEmpty ? "\(e)" : e.message }
        return "\(error)"
    }
}

/// A pod template that cannot produce a pod.
public struct PodTemplateError: Error, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}
