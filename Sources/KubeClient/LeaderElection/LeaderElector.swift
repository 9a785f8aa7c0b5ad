import Foundation
import KubeAPI
import KubeMachinery
import Logging

/// Leader election on a coordination.k8s.io/v1 Lease, as client-go's `leaderelection` does it.
///
/// Candidates race to write their identity into the Lease; resourceVersion preconditions make
/// exactly one write win. The holder renews every `retryPeriod`; if it cannot renew within
/// `renewDeadline` it steps down. Others take over once the holder has not renewed for the
/// lease's `leaseDurationSeconds`, timed on *their own* clock from when they last saw the
/// record change (so clock skew between machines does not matter), or at once when the
/// holder released the lease.
///
/// `leaseDuration > renewDeadline > retryPeriod * 1.2` keeps a stepping-down leader ahead of
/// its successor: it gives up before anyone else may consider the lease expired.
public actor LeaderElector {
    public let client: KubeClient
    public let leaseNamespace: String
    public let leaseName: String
    public let identity: String
    public let leaseDuration: Duration
    public let renewDeadline: Duration
    public let retryPeriod: Duration
    /// On cancellation, write an empty holder so that a successor need not wait for expiry.
    public let releaseOnCancel: Bool
    let logger: Logger

    /// The Lease as last read or written; its resourceVersion guards the next write.
    var observedLease: JSONValue?
    var observedRecord: LeaderElectionRecord?
    /// When the observed holder's claim runs out, on this machine's monotonic clock.
    var observedExpiry: ContinuousClock.Instant = .now
    var reportedLeader: String?
    var onNewLeader: (@Sendable (String) -> Void)?
    /// True between acquiring the lease and stepping down.
    public private(set) var isLeader = false

    public init(client: KubeClient, leaseNamespace: String, leaseName: String, identity: String,
                leaseDuration: Duration = .seconds(15), renewDeadline: Duration = .seconds(10),
                retryPeriod: Duration = .seconds(2), releaseOnCancel: Bool = false,
                logger: Logger = Logger(label: "bosun.leaderelection")) {
        precondition(!identity.isEmpty, "leader election needs a non-empty identity")
        precondition(leaseDuration > renewDeadline, "leaseDuration must be greater than renewDeadline")
        precondition(renewDeadline > retryPeriod * 1.2, "renewDeadline must be greater than retryPeriod*1.2")
        precondition(retryPeriod > .zero, "retryPeriod must be positive")
        self.client = client
        self.leaseNamespace = leaseNamespace
        self.leaseName = leaseName
        self.identity = identity
        self.leaseDuration = leaseDuration
        self.renewDeadline = renewDeadline
        self.retryPeriod = retryPeriod
        self.releaseOnCancel = releaseOnCancel
        self.logger = logger
    }

    /// The holder identity last observed on the Lease (nil before the first read, "" when released).
    public var observedLeader: String? { observedRecord?.holderIdentity }

    /// Campaigns until this candidate leads, runs `onStartedLeading` in a child task while it
    /// keeps the lease, and returns when leadership is lost or the calling task is cancelled.
    ///
    /// - `onStartedLeading` is cancelled when leadership ends and is awaited before the lease
    ///   is released, so a successor never overlaps with work still running here; it must
    ///   honour cancellation.
    /// - `onStoppedLeading` is called whenever `run` returns, even if this candidate never led
    ///   (as upstream does).
    /// - `onNewLeader` is called with each new holder observed, this candidate included.
    public func run(onStartedLeading: @escaping @Sendable () async -> Void,
                    onStoppedLeading: @escaping @Sendable () -> Void,
                    onNewLeader: (@Sendable (String) -> Void)? = nil) async {
        self.onNewLeader = onNewLeader
        defer { onStoppedLeading() }
        guard await acquire() else { return }
        isLeader = true
        let leading = Task { await onStartedLeading() }
        await renewUntilLost()
        leading.cancel()
        await leading.value
        isLeader = false
        if releaseOnCancel {
            // A cancelled task may not finish its requests; the release gets a task of its own.
            await Task { await self.release() }.value
        }
    }

    // MARK: Campaign and renewal

    /// Retries every `retryPeriod` (jittered, so candidates do not move in lockstep) until the
    /// lease is ours; false when cancelled first.
    private func acquire() async -> Bool {
        logger.info("attempting to acquire leader lease", metadata: ["lease": "\(leaseNamespace)/\(leaseName)", "identity": "\(identity)"])
        while !Task.isCancelled {
            if await tryAcquireOrRenew() {
                logger.info("successfully acquired lease", metadata: ["lease": "\(leaseNamespace)/\(leaseName)", "identity": "\(identity)"])
                return true
            }
            let jittered = retryPeriod * (1 + Double.random(in: 0..<1.2))
            do { try await Task.sleep(for: jittered) } catch { return false }
        }
        return false
    }

    /// Renews every `retryPeriod`; returns when a renewal has not succeeded within
    /// `renewDeadline`, or on cancellation.
    private func renewUntilLost() async {
        while !Task.isCancelled {
            let deadline = ContinuousClock.now + renewDeadline
            var renewed = false
            while !Task.isCancelled && ContinuousClock.now < deadline {
                if await tryAcquireOrRenew(before: deadline) {
                    renewed = true
                    break
                }
                do { try await Task.sleep(for: retryPeriod) } catch { return }
            }
            if Task.isCancelled { return }
            if !renewed {
                logger.error("failed to renew lease within the renew deadline; stepping down",
                             metadata: ["lease": "\(leaseNamespace)/\(leaseName)", "identity": "\(identity)"])
                return
            }
            do { try await Task.sleep(for: retryPeriod) } catch { return }
        }
    }

    /// One attempt that counts as failed if it has not finished by `deadline`.
    private func tryAcquireOrRenew(before deadline: ContinuousClock.Instant) async -> Bool {
        await withTaskGroup(of: Bool?.self) { group in
            group.addTask { await self.tryAcquireOrRenew() }
            group.addTask {
                try? await Task.sleep(until: deadline, clock: .continuous)
                return nil
            }
            let first = await group.next() ?? nil
            group.cancelAll()
            return first ?? false
        }
    }
}
