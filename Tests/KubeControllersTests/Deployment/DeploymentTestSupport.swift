import KubeAPI
import KubeClient
import KubeMachinery
import Synchronization
@testable import KubeControllers

/// Deployments to create in tests and reads of what the controllers made of them.
enum DeploymentFixture {
    static func deployment(_ name: String, replicas: Int, image: String = "nginx:1.25",
                           strategy: JSONValue? = nil, extraSpec: [String: JSONValue] = [:]) -> Deployment {
        var d = Deployment(namespace: "default", name: name)
        var spec: [String: JSONValue] = [
            "replicas": .int(Int64(replicas)),
            "selector": ["matchLabels": ["app": .string(name)]],
            "template": [
                "metadata": ["labels": ["app": .string(name)]],
                "spec": ["containers": [["name": "main", "image": .string(image)]]],
            ],
        ]
        if let strategy { spec["strategy"] = strategy }
        for (k, v) in extraSpec { spec[k] = v }
        d.spec = .object(spec)
        return d
    }

    static func rolling(maxSurge: JSONValue, maxUnavailable: JSONValue) -> JSONValue {
        ["type": "RollingUpdate", "rollingUpdate": ["maxSurge": maxSurge, "maxUnavailable": maxUnavailable]]
    }

    /// A strategic-merge patch setting the one container's image (as `kubectl set image`).
    static func imagePatch(_ image: String) -> JSONValue {
        ["spec": ["template": ["spec": ["containers": [["name": "main", "image": .string(image)]]]]]]
    }
}

extension ControllerTestCluster {
    func deployment(_ name: String) async throws -> Deployment {
        try await client.get(Deployment.self, namespace: "default", name: name)
    }

    /// The ReplicaSets a Deployment controls, read from the API.
    func replicaSets(of d: String) async throws -> [RolloutReplicaSet] {
        let dep = try await deployment(d)
        return try await client.list(ReplicaSet.self, namespace: "default").items
            .filter { $0.controllerRef?.uid == dep.uid }.map(RolloutReplicaSet.init)
    }

    /// The rollout finished the way `kubectl rollout status` decides it: the status is of the
    /// current generation, every replica is updated and available, and no old pods remain.
    func rolloutComplete(_ name: String) async throws -> Bool {
        let d = try await deployment(name)
        let status = DeploymentRolloutStatus(json: d.json["status"])
        let replicas = Int(d.json["spec"]?["replicas"]?.intValue ?? 1)
        return status.observedGeneration >= d.generation && status.updatedReplicas == replicas
            && status.replicas == replicas && status.availableReplicas == replicas
            && status.conditions.condition("Progressing")?.reason == "NewReplicaSetAvailable"
    }

    func patchDeployment(_ name: String, _ body: JSONValue, _ kind: PatchKind = .strategicMerge) async throws {
        _ = try await client.patch(Deployment.self, namespace: "default", name: name, kind, body)
    }
}

/// Follows a namespace's pods through a watch and keeps what a test asserts over the whole
/// rollout, not just its end: the fewest ready pods seen and whether pods of two templates
/// ever existed at once.
final class PodWatchSampler: Sendable {
    struct State {
        var pods: [String: (ready: Bool, deleting: Bool, hash: String)] = [:]
        var minReady = Int.max
        var templatesAtOnce = 0
        var events = 0
    }
    private let state = Mutex(State())

    /// Starts sampling from the pods as they are now; the cluster cancels the task at teardown.
    static func start(_ cluster: ControllerTestCluster, app: String) async throws -> PodWatchSampler {
        let sampler = PodWatchSampler()
        let list = try await cluster.client.list(Pod.resource, namespace: "default", options: ListOptions(labelSelector: "app=\(app)"))
        // The starting point is the whole list, not each item of it one by one.
        for item in list.items { sampler.apply(type: .added, item, sample: false) }
        sampler.sample()
        let stream = try await cluster.client.watch(Pod.resource, namespace: "default",
                                                    options: ListOptions(labelSelector: "app=\(app)", resourceVersion: list.resourceVersion))
        cluster.keep(Task {
            do { for try await event in stream { sampler.apply(type: event.type, event.object) } } catch {}
        })
        return sampler
    }

    private func apply(type: WatchEvent.EventType, _ object: JSONValue, sample: Bool = true) {
        let pod = Pod(json: object)
        state.withLock { s in
            if type == .deleted {
                s.pods[pod.name] = nil
            } else if type == .added || type == .modified {
                s.pods[pod.name] = (pod.isReady, pod.isBeingDeleted, pod.labels[PodTemplateHash.labelKey] ?? "")
            } else {
                return
            }
            s.events += 1
        }
        if sample { self.sample() }
    }

    private func sample() {
        state.withLock { s in
            s.minReady = min(s.minReady, s.pods.values.filter { $0.ready && !$0.deleting }.count)
            s.templatesAtOnce = max(s.templatesAtOnce, Set(s.pods.values.map(\.hash)).count)
        }
    }

    var snapshot: State { state.withLock { $0 } }
}

/// Follows a Deployment's ReplicaSets through a watch and keeps the largest sum of their
/// `spec.replicas` seen: what `maxSurge` bounds. (Live pods may briefly exceed it while the
/// ReplicaSet controller catches up with a scale-down, in upstream as here.)
final class ReplicaSetWatchSampler: Sendable {
    private let state = Mutex<(sizes: [String: Int], maxTotal: Int)>(([:], 0))

    static func start(_ cluster: ControllerTestCluster, app: String) async throws -> ReplicaSetWatchSampler {
        let sampler = ReplicaSetWatchSampler()
        let options = ListOptions(labelSelector: "app=\(app)")
        let list = try await cluster.client.list(ReplicaSet.resource, namespace: "default", options: options)
        for item in list.items { sampler.apply(.added, item) }
        let stream = try await cluster.client.watch(ReplicaSet.resource, namespace: "default",
                                                    options: ListOptions(labelSelector: "app=\(app)", resourceVersion: list.resourceVersion))
        cluster.keep(Task {
            do { for try await event in stream { sampler.apply(event.type, event.object) } } catch {}
        })
        return sampler
    }

    private func apply(_ type: WatchEvent.EventType, _ object: JSONValue) {
        let rs = RolloutReplicaSet(ReplicaSet(json: object))
        state.withLock { s in
            switch type {
            case .added, .modified: s.sizes[rs.name] = rs.replicas
            case .deleted: s.sizes[rs.name] = nil
            default: return
            }
            s.maxTotal = max(s.maxTotal, s.sizes.values.reduce(0, +))
        }
    }

    var maxTotal: Int { state.withLock { $0.maxTotal } }
}
