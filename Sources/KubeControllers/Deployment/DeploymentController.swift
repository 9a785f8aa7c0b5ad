import Foundation
import KubeAPI
import KubeClient
import KubeMachinery
import Logging

/// Rolls Deployments out through ReplicaSets (upstream's deployment controller): one
/// ReplicaSet per pod template, named `<deployment>-<pod-template-hash>`; a rolling update or
/// a recreate between them; proportional scaling mid-rollout; revision bookkeeping for
/// `kubectl rollout history/undo`; the Progressing and Available conditions that
/// `kubectl rollout status` waits on; and cleanup of old ReplicaSets past the history limit.
///
/// The controller only writes Deployments and ReplicaSets; the ReplicaSet controller makes
/// the pods. Pods are watched for Recreate, which must not start new pods while old ones run.
public final class DeploymentController: Controller {
    public static let name = "deployment"
    /// The event source name, as upstream's.
    public static let component = "deployment-controller"

    let client: KubeClient
    let logger: Logger
    let recorder: EventRecorder
    let queue: WorkQueue<String>
    let deploymentInformer: SharedInformer
    let replicaSetInformer: SharedInformer
    let podInformer: SharedInformer
    let deployments: Lister<Deployment>
    let replicaSets: Lister<ReplicaSet>
    let pods: Lister<Pod>
    /// The wall clock for condition timestamps and progress deadlines (tests may shift it).
    let now: @Sendable () -> Date

    public convenience init(context: ControllerContext) throws {
        self.init(context: context, now: { Date() })
    }

    init(context: ControllerContext, now: @escaping @Sendable () -> Date) {
        client = context.client
        var log = context.logger
        log[metadataKey: "controller"] = "\(Self.name)"
        logger = log
        recorder = context.makeRecorder(Self.component)
        queue = WorkQueue(name: Self.name)
        deploymentInformer = context.informers.informer(Deployment.self)
        replicaSetInformer = context.informers.informer(ReplicaSet.self)
        podInformer = context.informers.informer(Pod.self)
        deployments = deploymentInformer.lister(Deployment.self)
        replicaSetInformer.ensureIndexers([IndexFunctions.controllerUIDOrOrphanIndex: IndexFunctions.controllerUIDOrOrphan])
        replicaSets = replicaSetInformer.lister(ReplicaSet.self)
        pods = podInformer.lister(Pod.self)
        self.now = now
        registerHandlers()
    }

    public func run(workers: Int) async {
        let queue = self.queue
        await withTaskCancellationHandler {
            for informer in [deploymentInformer, replicaSetInformer, podInformer] {
                guard await informer.waitForSync() else { return }
            }
            await queue.runWorkers(count: workers, logger: logger) { key in await self.sync(key: key) }
        } onCancel: {
            queue.shutDown()
        }
    }

    /// One pass over one Deployment; the result tells the queue when to look again.
    func sync(key: String) async -> ReconcileResult {
        let (namespace, name) = ControllerKeys.split(key)
        guard let deployment = deployments.get(namespace: namespace, name: name) else { return .done }
        var pass = DeploymentSync(controller: self, deployment: deployment)
        do {
            return try await pass.run()
        } catch let error as APIError where error.isConflict || error.isNotFound {
            // A write raced another writer or our cache: look again with fresher data.
            logger.debug("requeueing after a stale write", metadata: ["key": .string(key), "error": .string("\(error)")])
            return .requeue
        } catch {
            return .error(error)
        }
    }

    /// The wall clock as an API timestamp.
    var timestamp: String { APITimestamp.time(now()) }

    func event(_ d: RolloutDeployment, _ type: EventType = .normal, reason: String, _ message: String) {
        recorder.event(regarding: d.object, type: type, reason: reason, message: message)
    }
}
